export default definePageConfig({ navigationBarTitleText: '小区公示' });
