export default definePageConfig({ navigationBarTitleText: '职责冲突', enablePullDownRefresh: true });
