export default definePageConfig({
  navigationBarTitleText: '录入走访',
});
