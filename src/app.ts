import { type PropsWithChildren } from 'react'
import { initBackend } from './services/cloud'
import './app.css'

initBackend()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
