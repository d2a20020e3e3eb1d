export default definePageConfig({ navigationBarTitleText: '小区联席会' });
