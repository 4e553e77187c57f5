export default definePageConfig({ navigationBarTitleText: '支部达标看板', enablePullDownRefresh: false })
