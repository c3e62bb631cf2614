export default definePageConfig({
  navigationBarTitleText: '预警详情',
  enablePullDownRefresh: true,
});
