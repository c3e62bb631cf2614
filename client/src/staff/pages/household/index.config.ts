export default definePageConfig({
  navigationBarTitleText: '档案详情',
});
