export default definePageConfig({ navigationBarTitleText: '检查与整改', enablePullDownRefresh: true });
