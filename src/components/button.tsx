import { Button, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './button.css'

export type ButtonKind = 'primary' | 'default' | 'danger' | 'link'

/**
 * The one button of the app. Its look comes from classes only, never from the `disabled`
 * attribute (Taro H5 renders `disabled="false"`, which native styles read as disabled), and a
 * disabled or busy button does not call `onClick` on either platform.
 */
export function AppButton(props: {
  kind?: ButtonKind
  small?: boolean
  disabled?: boolean
  loading?: boolean
  onClick?: () => unknown
  className?: string
  children: ReactNode
}) {
  const { kind = 'default', small = false, disabled = false, loading = false } = props
  const off = disabled || loading
  const classes = ['btn', `btn--${kind}`, small ? 'btn--small' : '', off ? 'btn--off' : '', props.className ?? ''].filter(Boolean)
  return (
    <Button
      className={classes.join(' ')}
      disabled={off || undefined}
      loading={loading || undefined}
      hoverClass={off ? 'none' : 'btn--pressed'}
      onClick={() => {
        if (!off) void props.onClick?.()
      }}
    >
      {props.children}
    </Button>
  )
}

/** Buttons side by side, wrapping on a narrow phone. */
export function ButtonRow({ children }: { children: ReactNode }) {
  return <View className='btn-row'>{children}</View>
}
