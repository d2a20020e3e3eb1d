export default definePageConfig({ navigationBarTitleText: '发起满意度测评' });
