export default definePageConfig({
  navigationBarTitleText: '上级督办',
  enablePullDownRefresh: true,
});
