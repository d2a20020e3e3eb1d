export default definePageConfig({ navigationBarTitleText: '公示管理', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
