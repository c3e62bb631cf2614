export default definePageConfig({
  navigationBarTitleText: '我的配送记录',
  enablePullDownRefresh: true,
});
