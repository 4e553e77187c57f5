import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import { formatInstant } from '../../../components/activity-format'
import { AppButton } from '../../../components/button'
import { formatDate } from '../../../components/compliance-format'
import { confirm, showFailure } from '../../../components/confirm'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { usePullToRefresh } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import type { EvidenceItem } from '../../../domain/contracts'
import { evidenceContract, REVIEW_STATE_LABELS } from '../../../domain/contracts/evidence'
import { TextField, useFormCheck } from '../../../components/form'
import { excerpt, formatBytes } from '../../../domain/evidence'
import {
  addMinutesText,
  fetchActivityEvidence,
  openEvidenceFile,
  removeEvidence,
  uploadMinutesFile,
  uploadPhoto,
} from '../../../services/evidence'
import './index.css'

const MINUTES_INPUT = evidenceContract.addMinutesText.input

/** Local paths of photos the person picked: camera or album, several at once. */
async function pickPhotos(count: number): Promise<string[]> {
  if (process.env.TARO_ENV === 'weapp') {
    const { tempFiles } = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    return tempFiles.map((file) => file.tempFilePath)
  }
  const { tempFilePaths } = await Taro.chooseImage({ count, sourceType: ['album', 'camera'] })
  return tempFilePaths
}

/** A minutes document: from a chat in WeChat, from the file system in H5. */
async function pickDocument(): Promise<{ path: string; name: string } | null> {
  if (process.env.TARO_ENV === 'weapp') {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf', 'doc', 'docx'] })
    return tempFiles[0] ? { path: tempFiles[0].path, name: tempFiles[0].name } : null
  }
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.pdf,.doc,.docx'
    input.onchange = () => {
      const file = input.files?.[0]
      resolve(file ? { path: URL.createObjectURL(file), name: file.name } : null)
    }
    input.click()
  })
}

const cancelled = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? ''))

function ReviewBadge({ item }: { item: EvidenceItem }) {
  if (item.review === 'pass') return null
  return <Text className={`evidence__badge evidence__badge--${item.review}`}>{REVIEW_STATE_LABELS[item.review]}</Text>
}

export default function EvidencePage() {
  const { params } = useRouter()
  const activityId = params.activityId ?? ''
  const load = useCallback(() => fetchActivityEvidence(activityId), [activityId])
  const remote = useRemote(load)
  usePullToRefresh(remote.reload)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const [expanded, setExpanded] = useState<string | null>(null)
  const minutesDraft = useMemo(() => ({ activityId, text }), [activityId, text])
  const minutesCheck = useFormCheck(MINUTES_INPUT, minutesDraft)

  if (remote.status === 'loading') return <LoadingView />
  if (remote.status === 'error') return <ErrorView error={remote.error} onRetry={remote.reload} />
  const { activity, canManage, limits, photos, minutes, complete, log } = remote.data
  const countable = photos.filter((photo) => photo.review !== 'reject').length
  const room = Math.max(0, limits.maxPhotosPerActivity - countable)
  const viewable = photos.filter((photo) => photo.url)

  const addPhotos = async () => {
    let paths: string[]
    try {
      paths = await pickPhotos(Math.min(room, 9))
    } catch (error) {
      if (!cancelled(error)) await showFailure(error, '无法选择照片')
      return
    }
    let done = 0
    for (const path of paths) {
      setBusy(`正在压缩并上传照片 ${done + 1}/${paths.length}`)
      try {
        await uploadPhoto(activity.branchId, activity.id, path)
        done += 1
      } catch (error) {
        await showFailure(error, `第 ${done + 1} 张照片未能上传`)
        break
      }
    }
    setBusy(null)
    if (done > 0) await Taro.showToast({ title: `已上传 ${done} 张`, icon: 'success' })
    remote.reload()
  }

  const saveText = async () => {
    if (!minutesCheck.ok) return minutesCheck.showAll()
    setBusy('正在保存会议记录')
    try {
      await addMinutesText(activity.id, text.trim())
      setText('')
      minutesCheck.reset()
      await Taro.showToast({ title: '已保存', icon: 'success' })
      remote.reload()
    } catch (error) {
      await showFailure(error, '会议记录未保存')
    } finally {
      setBusy(null)
    }
  }

  const addDocument = async () => {
    let file: { path: string; name: string } | null
    try {
      file = await pickDocument()
    } catch (error) {
      if (!cancelled(error)) await showFailure(error, '无法选择文件')
      return
    }
    if (!file) return
    setBusy('正在上传会议记录文件')
    try {
      await uploadMinutesFile(activity.branchId, activity.id, file)
      await Taro.showToast({ title: '已上传', icon: 'success' })
      remote.reload()
    } catch (error) {
      await showFailure(error, '文件未能上传')
    } finally {
      setBusy(null)
    }
  }

  const remove = async (item: EvidenceItem) => {
    const what = item.kind === 'photo' ? '这张照片' : '这份会议记录'
    if (!(await confirm({ title: '删除痕迹', content: `确定删除${what}吗？删除后无法恢复，活动可能变为“待补痕迹”。`, confirmText: '确认删除', cancelText: '暂不删除' }))) return
    setBusy('正在删除')
    try {
      await removeEvidence(item.id)
      remote.reload()
    } catch (error) {
      await showFailure(error, '未能删除')
    } finally {
      setBusy(null)
    }
  }

  const preview = (item: EvidenceItem) => {
    if (item.url) Taro.previewImage({ current: item.url, urls: viewable.map((photo) => photo.url!) })
  }

  return (
    <View className='evidence'>
      <View className='evidence__card'>
        <Text className='evidence__topic'>{activity.topic}</Text>
        <Text className='evidence__meta'>
          {formatDate(activity.startAt)} · {activity.place || '未填写地点'} · {activity.branchName}
        </Text>
        <Text className={`evidence__state ${complete ? 'evidence__state--ok' : 'evidence__state--todo'}`}>
          {complete ? '痕迹齐全（照片与会议记录均已通过）' : '待补痕迹：需至少一张通过审核的照片和会议记录'}
        </Text>
      </View>

      {busy && (
        <View className='evidence__busy' aria-busy='true'>
          <Text>{busy}…</Text>
        </View>
      )}

      <View className='evidence__card'>
        <View className='evidence__head'>
          <Text className='evidence__title'>活动照片（{photos.length}）</Text>
          {canManage && (
            <AppButton small disabled={room === 0 || busy !== null} onClick={addPhotos}>
              添加照片
            </AppButton>
          )}
        </View>
        {canManage && (
          <Text className='evidence__hint'>
            拍照或从相册选择，每个活动最多 {limits.maxPhotosPerActivity} 张，上传前自动压缩（长边不超过 {limits.maxPhotoLongEdge}{' '}
            像素，每张不超过 {formatBytes(limits.maxPhotoBytes)}）。照片需通过内容审核后党员才能看到。
          </Text>
        )}
        {photos.length === 0 ? (
          <Text className='evidence__empty'>还没有照片</Text>
        ) : (
          <View className='evidence__grid'>
            {photos.map((photo) => (
              <View key={photo.id} className='evidence__thumb'>
                {photo.url ? (
                  <Image className='evidence__image' src={photo.url} mode='aspectFill' lazyLoad onClick={() => preview(photo)} />
                ) : (
                  <View className='evidence__image evidence__image--missing'>
                    <Text>无法显示</Text>
                  </View>
                )}
                <ReviewBadge item={photo} />
                {canManage && (
                  <Text className='evidence__delete' onClick={() => remove(photo)}>
                    删除
                  </Text>
                )}
              </View>
            ))}
          </View>
        )}
      </View>

      <View className='evidence__card'>
        <View className='evidence__head'>
          <Text className='evidence__title'>会议记录（{minutes.length}）</Text>
          {canManage && (
            <AppButton small disabled={busy !== null} onClick={addDocument}>
              上传文件
            </AppButton>
          )}
        </View>
        {minutes.length === 0 && <Text className='evidence__empty'>还没有会议记录</Text>}
        {minutes.map((item) => (
          <View key={item.id} className='evidence__minutes'>
            {item.text !== null ? (
              <Text className='evidence__text' onClick={() => setExpanded(expanded === item.id ? null : item.id)}>
                {expanded === item.id ? item.text : excerpt(item.text, 80)}
              </Text>
            ) : (
              <Text className='evidence__file' onClick={() => openEvidenceFile(item).catch((error: unknown) => showFailure(error, '文件打开失败'))}>
                📄 {item.fileName ?? '会议记录文件'}
                {item.size ? `（${formatBytes(item.size)}）` : ''}
              </Text>
            )}
            <View className='evidence__row'>
              <Text className='evidence__meta'>
                {item.uploadedByName} · {formatInstant(item.uploadedAt)}
              </Text>
              <ReviewBadge item={item} />
              {canManage && (
                <Text className='evidence__delete evidence__delete--inline' onClick={() => remove(item)}>
                  删除
                </Text>
              )}
            </View>
          </View>
        ))}
        {canManage && (
          <View className='evidence__compose'>
            <TextField
              schema={MINUTES_INPUT}
              path='text'
              multiline
              value={text}
              onChange={setText}
              check={minutesCheck}
              placeholder='填写会议记录：时间、地点、主持人、参会人员、议程、发言要点、会议决定……'
            />
            <AppButton kind='primary' className='evidence__primary' disabled={busy !== null} onClick={saveText}>
              保存会议记录
            </AppButton>
          </View>
        )}
      </View>

      {canManage && log.length > 0 && (
        <View className='evidence__card'>
          <Text className='evidence__title'>变更记录</Text>
          {log.map((entry, index) => (
            <Text key={index} className='evidence__log'>
              {formatInstant(entry.at)} {entry.actorName} {entry.description}
            </Text>
          ))}
        </View>
      )}
    </View>
  )
}
