export default definePageConfig({ navigationBarTitleText: '整改单' });
