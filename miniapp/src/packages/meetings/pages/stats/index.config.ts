export default definePageConfig({ navigationBarTitleText: '联席会议统计' });
