export default definePageConfig({ navigationBarTitleText: '工单', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
