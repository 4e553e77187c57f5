export default definePageConfig({ navigationBarTitleText: '支部达标', enablePullDownRefresh: true })
