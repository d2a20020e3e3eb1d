export default definePageConfig({ navigationBarTitleText: '隐患台账' });
