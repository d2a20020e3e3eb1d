export default definePageConfig({ navigationBarTitleText: '监管统计', enablePullDownRefresh: true });
