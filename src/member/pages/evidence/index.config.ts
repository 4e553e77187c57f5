export default definePageConfig({
  navigationBarTitleText: '活动痕迹', enablePullDownRefresh: true,
})
