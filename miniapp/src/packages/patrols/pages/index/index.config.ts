export default definePageConfig({ navigationBarTitleText: '隐患排查', enablePullDownRefresh: true });
