export default definePageConfig({ navigationBarTitleText: '表决' });
