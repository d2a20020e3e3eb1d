export default definePageConfig({ navigationBarTitleText: '公示详情', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
