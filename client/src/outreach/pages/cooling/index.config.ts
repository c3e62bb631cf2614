export default definePageConfig({
  navigationBarTitleText: '清凉码',
});
