export default definePageConfig({ navigationBarTitleText: '表决', enableShareAppMessage: true });
