import { Image, Picker, Text, View } from '@tarojs/components'
import { AppButton } from './button'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { runAction } from './confirm'
import { TextField, useFormCheck } from './form'
import { selfStudyInputSchema } from '../domain/contracts/compliance'
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
  const filing = { title, hours: hours.trim() ? Number(hours) : undefined, studiedAt: toInstantIso(date, '12:00'), proofFileId: null }
  const check = useFormCheck(selfStudyInputSchema, filing)

  const choosePhoto = async () => {
    const { tempFilePaths } = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] })
    if (tempFilePaths[0]) setPhoto(tempFilePaths[0])
  }
  const submit = async () => {
    if (!check.ok) {
      check.showAll()
      return
    }
    await askSubscriptions('request')
    const done = await runAction(async () => {
      let proofFileId: string | null = null
      if (photo) {
        const prepared = await compressPhoto(photo)
        proofFileId = await uploadToCloud(`${selfStudyFolder(memberId)}${randomFileName()}.${prepared.extension}`, prepared.path)
      }
      await submitSelfStudy({ ...filing, hours: Number(hours), proofFileId })
    }, '已提交，等待审核')
    if (done) {
      setTitle('')
      setPhoto(null)
      check.reset()
      onFiled()
    }
  }
  return (
    <View className='act-field'>
      <TextField schema={selfStudyInputSchema} path='title' value={title} onChange={setTitle} check={check} placeholder='学习内容，如：学习强国专题学习' />
      <TextField schema={selfStudyInputSchema} path='hours' type='digit' value={hours} onChange={setHours} check={check} placeholder='学时（0.5 为单位）' />
      <Picker mode='date' value={date} end={today} onChange={(event) => setDate(String(event.detail.value))}>
        <View className='act-picker'>学习日期：{date}</View>
      </Picker>
      {photo ? <Image className='act-qr' src={photo} mode='aspectFit' /> : <Text className='act-meta'>可上传结业证书或学习截图作为证明（选填）</Text>}
      <View className='act-actions'>
        <AppButton small onClick={choosePhoto}>
          {photo ? '更换证明照片' : '添加证明照片'}
        </AppButton>
        <AppButton kind='primary' small onClick={submit}>
          提交申报
        </AppButton>
      </View>
    </View>
  )
}
