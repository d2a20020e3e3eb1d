export default definePageConfig({ navigationBarTitleText: '挂钩领导列席' });
