export default definePageConfig({
  navigationBarTitleText: '驿站建议审核',
});
