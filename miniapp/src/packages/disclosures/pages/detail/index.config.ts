export default definePageConfig({ navigationBarTitleText: '公示详情', enableShareAppMessage: true, enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
