import { Button, Input, Picker, Switch, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { toInstantIso, wallDate, wallTime } from '../../components/activity-format'
import { runAction } from '../../components/confirm'
import { ErrorView, LoadingView } from '../../components/status-view'
import { useRemote } from '../../components/use-remote'
import type { Audience, Geofence } from '../../domain/model'
import { DEFAULT_RULESET } from '../../domain/ruleset'
import { defaultCreditHours } from '../../domain/study-hours'
import { editActivity, fetchActivity, fetchFormOptions, postActivity } from '../../services/activities'
import { ServiceError } from '../../services/cloud'
import '../../components/activity.css'

const TYPE_IDS = Object.keys(DEFAULT_RULESET.activityTypes)

interface Form {
  types: string[]
  topic: string
  date: string
  start: string
  end: string
  place: string
  speakerMemberId: string | null
  speakerName: string
  audience: Audience
  creditHours: string
  geofence: Geofence | null
}

function tomorrow(): string {
  return wallDate(new Date(Date.now() + 24 * 3600 * 1000).toISOString())
}

const EMPTY: Form = {
  types: [],
  topic: '',
  date: tomorrow(),
  start: '14:30',
  end: '16:00',
  place: '',
  speakerMemberId: null,
  speakerName: '',
  audience: { kind: 'branch' },
  creditHours: '',
  geofence: null,
}

/** 发布活动 (?branchId=) and 编辑活动 (?id=). */
export default function ActivityEditPage() {
  const { params } = useRouter()
  const activityId = params.id ?? null
  const [branchId, setBranchId] = useState(params.branchId ?? '')
  const [form, setForm] = useState<Form>(EMPTY)
  const [loaded, setLoaded] = useState(activityId === null)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    if (activityId) Taro.setNavigationBarTitle({ title: '编辑活动' })
    if (!activityId) return
    fetchActivity(activityId).then(
      ({ activity }) => {
        setBranchId(activity.branchId)
        setForm({
          types: activity.types,
          topic: activity.topic,
          date: wallDate(activity.startAt),
          start: wallTime(activity.startAt),
          end: wallTime(activity.endAt),
          place: activity.place,
          speakerMemberId: activity.speakerMemberId,
          speakerName: activity.speakerName ?? '',
          audience: activity.audience,
          creditHours: String(activity.creditHours),
          geofence: activity.geofence,
        })
        setLoaded(true)
      },
      (error: unknown) => setProblem(error instanceof ServiceError ? error.message : '加载失败，请稍后重试'),
    )
  }, [activityId])

  const loadOptions = useCallback(() => fetchFormOptions(branchId), [branchId])
  const options = useRemote(loadOptions)
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((current) => ({ ...current, [key]: value }))

  if (problem) return <ErrorView error={new ServiceError('INTERNAL', problem)} />
  if (!loaded || options.status === 'loading') return <LoadingView />
  if (options.status === 'error') return <ErrorView error={options.error} onRetry={options.reload} />
  const { groups, branches, members } = options.data

  const startIso = toInstantIso(form.date, form.start)
  const endIso = toInstantIso(form.date, form.end)
  const spanOk = Date.parse(endIso) > Date.parse(startIso)
  const defaultCredit = spanOk ? defaultCreditHours({ startAt: new Date(startIso), endAt: new Date(endIso) }, DEFAULT_RULESET) : 0
  const isLecture = form.types.includes('party_lecture')

  const audienceChoices: { label: string; audience: Audience }[] = [
    { label: '全体党员', audience: { kind: 'branch' } },
    { label: '支部委员会', audience: { kind: 'committee' } },
    ...groups.map((group) => ({ label: group.name, audience: { kind: 'group', groupId: group.id } as Audience })),
    ...(branches.length > 0 ? [{ label: '联合多个支部', audience: { kind: 'branches', branchIds: [branches[0].id] } as Audience }] : []),
  ]
  const audienceIndex = Math.max(
    0,
    audienceChoices.findIndex(
      (choice) =>
        choice.audience.kind === form.audience.kind &&
        (choice.audience.kind !== 'group' || (form.audience.kind === 'group' && choice.audience.groupId === form.audience.groupId)),
    ),
  )
  const speakerChoices = [{ id: '', name: '（不选，手动填写）' }, ...members]

  const toggleType = (type: string) =>
    set('types', form.types.includes(type) ? form.types.filter((t) => t !== type) : [...form.types, type])
  const toggleBranch = (id: string) => {
    if (form.audience.kind !== 'branches') return
    const ids = form.audience.branchIds.includes(id)
      ? form.audience.branchIds.filter((b) => b !== id)
      : [...form.audience.branchIds, id]
    if (ids.length > 0) set('audience', { kind: 'branches', branchIds: ids })
  }
  const pickHere = async () => {
    try {
      const { latitude, longitude } = await Taro.getLocation({ type: 'gcj02' })
      set('geofence', { latitude, longitude, radiusMeters: form.geofence?.radiusMeters ?? 300 })
    } catch {
      Taro.showToast({ title: '无法获取位置', icon: 'none' })
    }
  }

  const submit = async () => {
    const fields = {
      types: form.types,
      topic: form.topic.trim(),
      startAt: startIso,
      endAt: endIso,
      place: form.place.trim(),
      speakerMemberId: isLecture ? form.speakerMemberId : null,
      speakerName: isLecture && !form.speakerMemberId && form.speakerName.trim() ? form.speakerName.trim() : null,
      audience: form.audience,
      ...(form.creditHours.trim() ? { creditHours: Number(form.creditHours) } : {}),
      geofence: form.geofence,
    }
    let savedId = activityId
    const ok = await runAction(async () => {
      if (activityId) await editActivity({ activityId, ...fields })
      else savedId = (await postActivity({ branchId, ...fields })).id
    }, activityId ? '已保存' : '已发布')
    if (ok && savedId) {
      if (activityId) Taro.navigateBack()
      else Taro.redirectTo({ url: `/pages/activity/index?id=${savedId}` })
    }
  }

  return (
    <View className='act-page'>
      <View className='act-card'>
        <View className='act-field'>
          <Text className='act-label'>活动类型（可多选）</Text>
          <View className='act-tags'>
            {TYPE_IDS.map((type) => (
              <Text
                key={type}
                className={`act-tag ${form.types.includes(type) ? '' : 'act-tag--off'}`}
                onClick={() => toggleType(type)}
              >
                {DEFAULT_RULESET.activityTypes[type].label}
              </Text>
            ))}
          </View>
        </View>
        <View className='act-field'>
          <Text className='act-label'>主题</Text>
          <Input className='act-input' value={form.topic} maxlength={60} placeholder='例如：学习党的二十届四中全会精神' onInput={(e) => set('topic', e.detail.value)} />
        </View>
        <View className='act-field'>
          <Text className='act-label'>日期与时间（北京时间）</Text>
          <Picker mode='date' value={form.date} onChange={(e) => set('date', String(e.detail.value))}>
            <View className='act-picker'>{form.date}</View>
          </Picker>
          <View className='act-counts'>
            <Picker mode='time' value={form.start} onChange={(e) => set('start', String(e.detail.value))}>
              <View className='act-picker'>开始 {form.start}</View>
            </Picker>
            <Picker mode='time' value={form.end} onChange={(e) => set('end', String(e.detail.value))}>
              <View className='act-picker'>结束 {form.end}</View>
            </Picker>
          </View>
          {!spanOk && <Text className='act-error'>结束时间必须晚于开始时间</Text>}
          <Text className='act-meta'>签到时间默认为开始前 30 分钟至结束后 30 分钟</Text>
        </View>
        <View className='act-field'>
          <Text className='act-label'>地点</Text>
          <Input className='act-input' value={form.place} maxlength={60} placeholder='例如：党员活动室' onInput={(e) => set('place', e.detail.value)} />
        </View>
        {isLecture && (
          <View className='act-field'>
            <Text className='act-label'>党课主讲人</Text>
            <Picker
              mode='selector'
              range={speakerChoices.map((choice) => choice.name)}
              value={Math.max(0, speakerChoices.findIndex((choice) => choice.id === (form.speakerMemberId ?? '')))}
              onChange={(e) => set('speakerMemberId', speakerChoices[Number(e.detail.value)].id || null)}
            >
              <View className='act-picker'>
                {speakerChoices.find((choice) => choice.id === (form.speakerMemberId ?? ''))?.name}
              </View>
            </Picker>
            {!form.speakerMemberId && (
              <Input className='act-input' value={form.speakerName} maxlength={30} placeholder='主讲人姓名（校外专家等）' onInput={(e) => set('speakerName', e.detail.value)} />
            )}
          </View>
        )}
        <View className='act-field'>
          <Text className='act-label'>参加对象</Text>
          <Picker
            mode='selector'
            range={audienceChoices.map((choice) => choice.label)}
            value={audienceIndex}
            onChange={(e) => set('audience', audienceChoices[Number(e.detail.value)].audience)}
          >
            <View className='act-picker'>{audienceChoices[audienceIndex].label}</View>
          </Picker>
          {form.audience.kind === 'branches' && (
            <View className='act-tags'>
              {branches.map((branch) => (
                <Text
                  key={branch.id}
                  className={`act-tag ${form.audience.kind === 'branches' && form.audience.branchIds.includes(branch.id) ? '' : 'act-tag--off'}`}
                  onClick={() => toggleBranch(branch.id)}
                >
                  {branch.name}
                </Text>
              ))}
            </View>
          )}
        </View>
        <View className='act-field'>
          <Text className='act-label'>学时（不填按时长计：{defaultCredit} 学时）</Text>
          <Input className='act-input' type='digit' value={form.creditHours} placeholder={String(defaultCredit)} onInput={(e) => set('creditHours', e.detail.value)} />
        </View>
        <View className='act-field'>
          <View className='act-row'>
            <Text className='act-row__title'>限定签到范围</Text>
            <Switch checked={form.geofence !== null} color='#c8161d' onChange={(e) => (e.detail.value ? void pickHere() : set('geofence', null))} />
          </View>
          {form.geofence && (
            <>
              <Text className='act-meta'>
                以当前位置为中心（{form.geofence.latitude.toFixed(5)}, {form.geofence.longitude.toFixed(5)}）
              </Text>
              <Input
                className='act-input'
                type='number'
                value={String(form.geofence.radiusMeters)}
                placeholder='半径（米）'
                onInput={(e) => form.geofence && set('geofence', { ...form.geofence, radiusMeters: Number(e.detail.value) || 0 })}
              />
            </>
          )}
        </View>
        <Button className='act-button act-button--primary' disabled={form.types.length === 0 || !spanOk} onClick={submit}>
          {activityId ? '保存修改' : '发布活动'}
        </Button>
      </View>
    </View>
  )
}
