export default definePageConfig({ navigationBarTitleText: '签到情况', enablePullDownRefresh: true })
