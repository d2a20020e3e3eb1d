export default definePageConfig({ navigationBarTitleText: '业委会审核', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
