export default definePageConfig({ navigationBarTitleText: '我的请假/补学', enablePullDownRefresh: true })
