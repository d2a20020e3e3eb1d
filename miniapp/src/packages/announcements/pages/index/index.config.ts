export default definePageConfig({ navigationBarTitleText: '小区公告', enablePullDownRefresh: true });
