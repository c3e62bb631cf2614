export default definePageConfig({
  navigationBarTitleText: '预警处理',
  enablePullDownRefresh: true,
});
