export default definePageConfig({ navigationBarTitleText: '小区公示', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
