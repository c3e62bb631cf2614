export default definePageConfig({
  navigationBarTitleText: '人员与权限',
  // The invite just made goes out as a share card (onShareAppMessage).
  enableShareAppMessage: true,
});
