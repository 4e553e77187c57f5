export default definePageConfig({
  navigationBarTitleText: '台账导出', enablePullDownRefresh: true,
})
