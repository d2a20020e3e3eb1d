export default definePageConfig({ navigationBarTitleText: '小区检查', enableShareAppMessage: true });
