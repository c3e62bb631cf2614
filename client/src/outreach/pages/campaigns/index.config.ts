export default definePageConfig({
  navigationBarTitleText: '夏季安康“三送”',
});
