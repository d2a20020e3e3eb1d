export default definePageConfig({ navigationBarTitleText: '督办队列', enablePullDownRefresh: true });
