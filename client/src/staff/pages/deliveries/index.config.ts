export default definePageConfig({
  navigationBarTitleText: '配送审核',
});
