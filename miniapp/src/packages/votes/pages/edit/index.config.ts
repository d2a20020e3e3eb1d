export default definePageConfig({ navigationBarTitleText: '起草表决' });
