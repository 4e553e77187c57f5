export default definePageConfig({ navigationBarTitleText: '请假与补学审批' })
