export default definePageConfig({
  navigationBarTitleText: '超额发放审核',
});
