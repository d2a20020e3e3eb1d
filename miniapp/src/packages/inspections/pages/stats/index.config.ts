export default definePageConfig({ navigationBarTitleText: '检查统计' });
