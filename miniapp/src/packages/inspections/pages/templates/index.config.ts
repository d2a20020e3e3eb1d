export default definePageConfig({ navigationBarTitleText: '检查表' });
