export default definePageConfig({ navigationBarTitleText: '待办审批', enablePullDownRefresh: true })
