export default definePageConfig({
  navigationBarTitleText: '建议新增驿站',
});
