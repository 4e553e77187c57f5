export default defineAppConfig({
  pages: ['pages/home/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '支部通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
})
