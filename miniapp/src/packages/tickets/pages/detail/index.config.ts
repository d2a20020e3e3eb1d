export default definePageConfig({ navigationBarTitleText: '报事详情', enableShareAppMessage: true, enablePullDownRefresh: true });
