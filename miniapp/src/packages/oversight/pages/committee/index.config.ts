export default definePageConfig({ navigationBarTitleText: '业委会履职考评' });
