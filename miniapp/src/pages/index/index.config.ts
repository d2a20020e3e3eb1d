export default definePageConfig({
  navigationBarTitleText: '物业通',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
