export default definePageConfig({ navigationBarTitleText: '监管督办' });
