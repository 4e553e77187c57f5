import { Input, Text, View } from '@tarojs/components'
import { AppButton } from '../../components/button'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { confirm, runAction } from '../../components/confirm'
import { ErrorView, LoadingView } from '../../components/status-view'
import { useRemote } from '../../components/use-remote'
import { useSubscriptions } from '../../components/use-subscriptions'
import { BIND_METHOD_LABELS, type BindMethod } from '../../domain/model'
import { ServiceError } from '../../services/cloud'
import { cancelClaim, claimMembership, fetchMe } from '../../services/members'
import '../../components/people.css'
import { PAGES } from '../../routes'

/** 身份绑定: claim a roster entry by name + number or with an invite code; the secretary approves. */
export default function BindPage() {
  const me = useRemote(fetchMe)
  const [method, setMethod] = useState<BindMethod>('number')
  const [name, setName] = useState('')
  const [number, setNumber] = useState('')
  const [code, setCode] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const askSubscriptions = useSubscriptions()

  if (me.status === 'loading') return <LoadingView />
  if (me.status === 'error') return <ErrorView error={me.error} onRetry={me.reload} />
  if (me.data.state === 'bound') {
    return (
      <View className='ppl-page'>
        <View className='ppl-card'>
          <Text className='ppl-title'>已绑定</Text>
          <Text className='ppl-meta'>
            您的微信已绑定 {me.data.branch.name} · {me.data.member.name}
          </Text>
          <AppButton kind='primary' className='ppl-gap' onClick={() => Taro.reLaunch({ url: PAGES.home })}>
            返回首页
          </AppButton>
        </View>
      </View>
    )
  }
  const { pending } = me.data
  if (pending) {
    const withdraw = async () => {
      if (!(await confirm({ title: '撤回绑定申请', content: `确定撤回对「${pending.memberName}」的绑定申请吗？`, confirmText: '撤回', cancelText: '暂不撤回' }))) return
      if (await runAction(cancelClaim, '已撤回')) me.reload()
    }
    return (
      <View className='ppl-page'>
        <View className='ppl-card'>
          <Text className='ppl-title'>等待审批</Text>
          <Text className='ppl-meta'>
            已申请绑定「{pending.branchName} · {pending.memberName}」（{BIND_METHOD_LABELS[pending.method]}）。
            支部书记审批通过后即可使用。
          </Text>
          <View className='ppl-actions'>
            <AppButton kind='primary' className='ppl-gap' onClick={me.reload}>
              刷新状态
            </AppButton>
            <AppButton className='ppl-gap' onClick={withdraw}>
              撤回申请
            </AppButton>
          </View>
        </View>
      </View>
    )
  }
  // The secretary decides on the claim: ask for its push (审批结果) from this tap.
  const submit = async () => {
    setProblem(null)
    setBusy(true)
    await askSubscriptions('request')
    try {
      await claimMembership(method === 'number' ? { method, name: name.trim(), number: number.trim() } : { method, code: code.trim() })
      Taro.showToast({ title: '已提交申请', icon: 'success' })
      me.reload()
    } catch (error) {
      setProblem(error instanceof ServiceError ? error.message : '提交失败，请稍后重试')
    } finally {
      setBusy(false)
    }
  }
  const ready = method === 'number' ? name.trim() !== '' && number.trim() !== '' : code.trim().length >= 6
  return (
    <View className='ppl-page'>
      <View className='ppl-tabs'>
        {(['number', 'invite'] as const).map((item) => (
          <Text
            key={item}
            className={`ppl-tab ${method === item ? 'ppl-tab--active' : ''}`}
            onClick={() => {
              setMethod(item)
              setProblem(null)
            }}
          >
            {BIND_METHOD_LABELS[item]}
          </Text>
        ))}
      </View>
      <View className='ppl-card'>
        {method === 'number' ? (
          <>
            <View className='ppl-field'>
              <Text className='ppl-label'>姓名</Text>
              <Input className='ppl-input' value={name} maxlength={30} placeholder='与花名册一致' onInput={(e) => setName(e.detail.value)} />
            </View>
            <View className='ppl-field'>
              <Text className='ppl-label'>学号/工号</Text>
              <Input className='ppl-input' value={number} maxlength={32} placeholder='如 T2005012' onInput={(e) => setNumber(e.detail.value)} />
            </View>
          </>
        ) : (
          <View className='ppl-field'>
            <Text className='ppl-label'>邀请码（向支部书记索取，7 天内有效，只能使用一次）</Text>
            <Input className='ppl-input' value={code} maxlength={20} placeholder='如 ABCD-EFGH' onInput={(e) => setCode(e.detail.value)} />
          </View>
        )}
        {problem && (
          <View role='alert'>
            <Text className='ppl-error'>{problem}</Text>
          </View>
        )}
        <AppButton kind='primary' className='ppl-gap' disabled={!ready} loading={busy} onClick={submit}>
          提交绑定申请
        </AppButton>
        <Text className='ppl-meta'>提交后由支部书记审批；一个微信只能绑定一名党员。</Text>
      </View>
    </View>
  )
}
