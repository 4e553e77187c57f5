import { Image, Input, Picker, Text, View } from '@tarojs/components'
import { AppButton } from './button'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { runAction } from './confirm'
import { selfStudyFolder } from '../domain/study-hours'
import { submitSelfStudy } from '../services/compliance'
import { compressPhoto, randomFileName, uploadToCloud } from '../services/upload'
import { toInstantIso, wallDate } from './activity-format'
import { useSubscriptions } from './use-subscriptions'

/** 申报自学: what was studied, hours, the day, and an optional photo of the certificate. */
export function SelfStudyForm({ memberId, onFiled }: { memberId: string; onFiled: () => void }) {
  const today = wallDate(new Date().toISOString())
  const [title, setTitle] = useState('')
  const [hours, setHours] = useState('1')
  const [date, setDate] = useState(today)
  const [photo, setPhoto] = useState<string | null>(null)
  const askSubscriptions = useSubscriptions()

  const choosePhoto = async () => {
    const { tempFilePaths } = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] })
    if (tempFilePaths[0]) setPhoto(tempFilePaths[0])
  }
  const submit = async () => {
    await askSubscriptions('request')
    const done = await runAction(async () => {
      let proofFileId: string | null = null
      if (photo) {
        const prepared = await compressPhoto(photo)
        proofFileId = await uploadToCloud(`${selfStudyFolder(memberId)}${randomFileName()}.${prepared.extension}`, prepared.path)
      }
      await submitSelfStudy({ title, hours: Number(hours), studiedAt: toInstantIso(date, '12:00'), proofFileId })
    }, '已提交，等待审核')
    if (done) {
      setTitle('')
      setPhoto(null)
      onFiled()
    }
  }
  return (
    <View className='act-field'>
      <Input className='act-input' value={title} placeholder='学习内容，如：学习强国专题学习' maxlength={60} onInput={(event) => setTitle(event.detail.value)} />
      <Input className='act-input' type='digit' value={hours} placeholder='学时（0.5 为单位）' onInput={(event) => setHours(event.detail.value)} />
      <Picker mode='date' value={date} end={today} onChange={(event) => setDate(String(event.detail.value))}>
        <View className='act-picker'>学习日期：{date}</View>
      </Picker>
      {photo ? <Image className='act-qr' src={photo} mode='aspectFit' /> : <Text className='act-meta'>可上传结业证书或学习截图作为证明（选填）</Text>}
      <View className='act-actions'>
        <AppButton small onClick={choosePhoto}>
          {photo ? '更换证明照片' : '添加证明照片'}
        </AppButton>
        <AppButton kind='primary' small disabled={title.trim().length < 2} onClick={submit}>
          提交申报
        </AppButton>
      </View>
    </View>
  )
}
