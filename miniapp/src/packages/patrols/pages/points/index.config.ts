export default definePageConfig({ navigationBarTitleText: '巡检点与计划' });
