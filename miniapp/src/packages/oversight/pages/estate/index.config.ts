export default definePageConfig({ navigationBarTitleText: '小区星级与物业信用', enableShareAppMessage: true });
