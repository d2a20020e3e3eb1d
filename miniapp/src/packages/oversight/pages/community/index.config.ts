export default definePageConfig({ navigationBarTitleText: '小区工单', enablePullDownRefresh: true });
