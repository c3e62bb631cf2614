export default definePageConfig({
  navigationBarTitleText: '驿站二维码海报',
});
