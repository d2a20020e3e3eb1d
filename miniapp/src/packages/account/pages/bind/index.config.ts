export default definePageConfig({ navigationBarTitleText: '申请绑定房屋' });
