export default definePageConfig({ navigationBarTitleText: '新建检查' });
