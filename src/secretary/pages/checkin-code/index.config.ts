export default definePageConfig({ navigationBarTitleText: '出示签到码' })
