export default definePageConfig({
  navigationBarTitleText: '三送活动',
});
