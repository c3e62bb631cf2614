export default definePageConfig({
  navigationBarTitleText: '任务分配',
});
