import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { formatDate } from './compliance-format'
import { confirm, runAction } from './confirm'
import { ErrorView, LoadingView } from './status-view'
import { useRemote } from './use-remote'
import { fetchSelfStudyQueue, reviewSelfStudy } from '../services/compliance'

/** 自学学时审核 for the branch's secretary and committee. */
export function SelfStudyQueue({ branchId }: { branchId: string }) {
  const load = useCallback(() => fetchSelfStudyQueue(branchId), [branchId])
  const queue = useRemote(load)
  if (queue.status === 'loading') return <LoadingView text='正在读取自学申报…' />
  if (queue.status === 'error') return <ErrorView error={queue.error} onRetry={queue.reload} />
  const review = async (id: string, approve: boolean, name: string) => {
    if (!approve && !(await confirm('退回申报', `确定退回${name}的自学申报吗？`))) return
    if (await runAction(() => reviewSelfStudy(id, approve), approve ? '已认定' : '已退回')) queue.reload()
  }
  const { requests } = queue.data
  return (
    <View>
      {requests.length === 0 && <Text className='act-empty'>没有待审核的自学申报</Text>}
      {requests.map((request) => (
        <View key={request.id} className='act-row'>
          <View className='act-row__main'>
            <Text className='act-row__title'>
              {request.memberName} · {request.title}
            </Text>
            <Text className='act-row__sub'>
              {formatDate(request.studiedAt)} · {request.hours} 学时
            </Text>
            {request.proofUrl && (
              <Image
                className='act-qr'
                src={request.proofUrl}
                mode='aspectFit'
                onClick={() => Taro.previewImage({ urls: [request.proofUrl!] })}
              />
            )}
            <View className='act-actions'>
              <Button className='act-button act-button--primary' size='mini' onClick={() => review(request.id, true, request.memberName)}>
                认定
              </Button>
              <Button className='act-button' size='mini' onClick={() => review(request.id, false, request.memberName)}>
                退回
              </Button>
            </View>
          </View>
        </View>
      ))}
    </View>
  )
}
