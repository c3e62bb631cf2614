export default definePageConfig({
  navigationBarTitleText: '我的预警',
  enablePullDownRefresh: true,
});
