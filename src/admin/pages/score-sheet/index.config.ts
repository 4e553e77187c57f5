export default definePageConfig({ navigationBarTitleText: '达标测评表', enablePullDownRefresh: true })
