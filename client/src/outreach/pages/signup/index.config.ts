export default definePageConfig({
  navigationBarTitleText: '工地报名“三送”',
});
