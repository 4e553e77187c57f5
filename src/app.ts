import Taro, { usePageNotFound } from '@tarojs/taro'
import { type PropsWithChildren } from 'react'
import { PAGES } from './routes'
import { initBackend } from './services/cloud'
import './app.css'

initBackend()

function App({ children }: PropsWithChildren) {
  // An unknown route (an old link, a mistyped path) on either platform: a page that says so, not a blank screen.
  usePageNotFound(() => void Taro.redirectTo({ url: PAGES.notFound }))
  return children
}

export default App
