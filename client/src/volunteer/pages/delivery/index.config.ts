export default definePageConfig({
  navigationBarTitleText: '记录配送',
});
