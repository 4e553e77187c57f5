export default definePageConfig({
  navigationBarTitleText: '支部相册', enablePullDownRefresh: true,
})
