import { Input, Picker, Switch, Text, View } from '@tarojs/components'
import { AppButton } from '../../../components/button'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { formatInstant, toInstantIso, wallDate, wallTime } from '../../../components/activity-format'
import { runAction } from '../../../components/confirm'
import { TextField, useFormCheck } from '../../../components/form'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { useRemote } from '../../../components/use-remote'
import { useSubscriptions } from '../../../components/use-subscriptions'
import {
  checkinOffsetChoices,
  checkinOffsetsOf,
  checkinWindowFromOffsets,
  checkinWindowProblem,
  closesOffsetLabel,
  DEFAULT_GEOFENCE_RADIUS_METERS,
  decimalText,
  geofenceDraftOf,
  opensOffsetLabel,
  parseGeofenceDraft,
  QUICK_START_CHOICES,
  quickStartTimes,
  type CheckinOffsets,
  type GeofenceDraft,
} from '../../../domain/activity-form'
import { editActivityInputSchema, postActivityInputSchema } from '../../../domain/contracts/activities'
import type { Audience } from '../../../domain/model'
import { defaultCreditHours } from '../../../domain/study-hours'
import { editActivity, fetchActivity, fetchFormOptions, postActivity } from '../../../services/activities'
import { ServiceError } from '../../../services/cloud'
import '../../../components/activity.css'
import './index.css'
import { PAGES } from '../../../routes'

/** How long a meeting set with a 快捷 button lasts when the form has no valid span yet. */
const DEFAULT_DURATION_MINUTES = 90

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
  /** The check-in window as minutes around the meeting (sent as instants); null: the rules' default. */
  checkin: CheckinOffsets | null
  /** The geofence as typed; null: anyone may sign in wherever they are. */
  fence: GeofenceDraft | null
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
  checkin: null,
  fence: null,
}

/** Where the map picker opens: the centre typed so far, if it is a valid one. */
function mapCentre(fence: GeofenceDraft | null): { latitude?: number; longitude?: number } {
  const parsed = fence && parseGeofenceDraft(fence)
  return parsed?.ok ? { latitude: parsed.geofence.latitude, longitude: parsed.geofence.longitude } : {}
}

/** The request the form would send, as the contract reads it (checked as it is typed). */
function fieldsOf(form: Form, checkin: CheckinOffsets) {
  const startAt = toInstantIso(form.date, form.start)
  const endAt = toInstantIso(form.date, form.end)
  const window = checkinWindowFromOffsets({ startAt: new Date(startAt), endAt: new Date(endAt) }, checkin)
  const isLecture = form.types.includes('party_lecture')
  const fence = form.fence ? parseGeofenceDraft(form.fence) : null
  return {
    types: form.types,
    topic: form.topic,
    startAt,
    endAt,
    place: form.place,
    speakerMemberId: isLecture ? form.speakerMemberId : null,
    speakerName: isLecture && !form.speakerMemberId && form.speakerName.trim() ? form.speakerName : null,
    audience: form.audience,
    ...(form.creditHours.trim() ? { creditHours: Number(form.creditHours) } : {}),
    checkinOpensAt: Number.isNaN(window.opensAt.getTime()) ? undefined : window.opensAt.toISOString(),
    checkinClosesAt: Number.isNaN(window.closesAt.getTime()) ? undefined : window.closesAt.toISOString(),
    geofence: fence?.ok ? fence.geofence : null,
  }
}

const isCancel = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string } | null)?.errMsg ?? error))

/** 发布活动 (?branchId=, optionally ?type= preselected: a 预警 links here) and 编辑活动 (?id=). */
export default function ActivityEditPage() {
  const { params } = useRouter()
  const activityId = params.id ?? null
  const [branchId, setBranchId] = useState(params.branchId ?? '')
  const [form, setForm] = useState<Form>(() => (params.type ? { ...EMPTY, types: [params.type] } : EMPTY))
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
          checkin: checkinOffsetsOf({
            startAt: new Date(activity.startAt),
            endAt: new Date(activity.endAt),
            checkinOpensAt: new Date(activity.checkinOpensAt),
            checkinClosesAt: new Date(activity.checkinClosesAt),
          }),
          fence: activity.geofence ? geofenceDraftOf(activity.geofence) : null,
        })
        setLoaded(true)
      },
      (error: unknown) => setProblem(error instanceof ServiceError ? error.message : '加载失败，请稍后重试'),
    )
  }, [activityId])

  const loadOptions = useCallback(() => fetchFormOptions(branchId), [branchId])
  const options = useRemote(loadOptions)
  const askSubscriptions = useSubscriptions()
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((current) => ({ ...current, [key]: value }))
  const rulesCheckin = options.status === 'ready' ? options.data.rules.checkin : null
  const fields = rulesCheckin ? fieldsOf(form, form.checkin ?? rulesCheckin) : null
  const check = useFormCheck(activityId ? editActivityInputSchema : postActivityInputSchema, activityId ? { activityId, ...fields } : { branchId, ...fields })

  if (problem) return <ErrorView error={new ServiceError('INTERNAL', problem)} />
  if (!loaded || options.status === 'loading') return <LoadingView />
  if (options.status === 'error') return <ErrorView error={options.error} onRetry={options.reload} />
  const { groups, branches, members, rules } = options.data
  const checkin = form.checkin ?? rules.checkin

  const startIso = toInstantIso(form.date, form.start)
  const endIso = toInstantIso(form.date, form.end)
  const spanOk = Date.parse(endIso) > Date.parse(startIso)
  const span = { startAt: new Date(startIso), endAt: new Date(endIso) }
  const defaultCredit = spanOk ? defaultCreditHours(span, rules) : 0
  const isLecture = form.types.includes('party_lecture')
  const checkinWindow = checkinWindowFromOffsets(span, checkin)
  const windowProblem = spanOk ? checkinWindowProblem(span, checkinWindow) : null
  const opensChoices = checkinOffsetChoices(checkin.opensBeforeStartMinutes, rules.checkin.opensBeforeStartMinutes)
  const closesChoices = checkinOffsetChoices(checkin.closesAfterEndMinutes, rules.checkin.closesAfterEndMinutes)
  const opensLabel = (minutes: number) => opensOffsetLabel(minutes, rules.checkin.opensBeforeStartMinutes)
  const closesLabel = (minutes: number) => closesOffsetLabel(minutes, rules.checkin.closesAfterEndMinutes)
  const fenceCheck = form.fence ? parseGeofenceDraft(form.fence) : null
  const startIn = (minutesFromNow: number) => {
    const duration = spanOk ? (span.endAt.getTime() - span.startAt.getTime()) / 60_000 : DEFAULT_DURATION_MINUTES
    setForm((current) => ({ ...current, ...quickStartTimes(new Date(), minutesFromNow, duration, rules.timeZone) }))
  }

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

  const toggleType = (type: string) => {
    set('types', form.types.includes(type) ? form.types.filter((t) => t !== type) : [...form.types, type])
    check.touch('types')
  }
  const toggleBranch = (id: string) => {
    if (form.audience.kind !== 'branches') return
    const ids = form.audience.branchIds.includes(id)
      ? form.audience.branchIds.filter((b) => b !== id)
      : [...form.audience.branchIds, id]
    if (ids.length > 0) set('audience', { kind: 'branches', branchIds: ids })
  }
  const setCheckin = (key: keyof CheckinOffsets, minutes: number) => set('checkin', { ...checkin, [key]: minutes })
  const setFence = (key: keyof GeofenceDraft, value: string) =>
    setForm((current) => (current.fence ? { ...current, fence: { ...current.fence, [key]: value } } : current))
  const setCentre = (latitude: number, longitude: number) =>
    setForm((current) =>
      current.fence ? { ...current, fence: { ...current.fence, latitude: decimalText(latitude), longitude: decimalText(longitude) } } : current,
    )
  const pickHere = async () => {
    try {
      const { latitude, longitude } = await Taro.getLocation({ type: 'gcj02' })
      setCentre(latitude, longitude)
    } catch {
      Taro.showToast({ title: '无法获取位置，请手动填写经纬度', icon: 'none' })
    }
  }
  /** Weapp only: WeChat's map picker needs no key there (H5 would need a Tencent Maps key). */
  const pickOnMap = async () => {
    if (process.env.TARO_ENV !== 'weapp') return
    try {
      const { latitude, longitude, name } = await Taro.chooseLocation(mapCentre(form.fence))
      setCentre(latitude, longitude)
      if (name && !form.place.trim()) set('place', name.slice(0, 60))
    } catch (error) {
      if (!isCancel(error)) Taro.showToast({ title: '无法打开地图，请手动填写经纬度', icon: 'none' })
    }
  }
  const turnFenceOn = () => {
    set('fence', { latitude: '', longitude: '', radiusMeters: String(DEFAULT_GEOFENCE_RADIUS_METERS) })
    void pickHere()
  }

  const submit = async () => {
    if (!fields || !check.ok) {
      check.showAll()
      return
    }
    const blocker = windowProblem ?? (fenceCheck && !fenceCheck.ok ? fenceCheck.message : null)
    if (blocker) {
      Taro.showModal({ title: '请检查填写内容', content: blocker, showCancel: false, confirmColor: '#c8161d' })
      return
    }
    // Posting is when the branch's 预警 and 督办 matter: ask for their pushes (from this tap).
    if (!activityId) await askSubscriptions('manage')
    let savedId = activityId
    const ok = await runAction(async () => {
      if (activityId) await editActivity({ activityId, ...fields })
      else savedId = (await postActivity({ branchId, ...fields })).id
    }, activityId ? '已保存' : '已发布')
    if (ok && savedId) {
      if (activityId) Taro.navigateBack()
      else Taro.redirectTo({ url: `${PAGES.activity}?id=${savedId}` })
    }
  }

  return (
    <View className='act-page'>
      <View className='act-card'>
        <View className='act-field'>
          <Text className='act-label'>活动类型（可多选）</Text>
          <View className='act-tags'>
            {rules.activityTypes.map((type) => (
              <Text
                key={type.id}
                className={`act-tag ${form.types.includes(type.id) ? '' : 'act-tag--off'}`}
                onClick={() => toggleType(type.id)}
              >
                {type.label}
              </Text>
            ))}
          </View>
          {check.problem('types') && <Text className='act-error'>{check.problem('types')}</Text>}
        </View>
        <TextField
          schema={postActivityInputSchema}
          path='topic'
          value={form.topic}
          onChange={(value) => set('topic', value)}
          check={check}
          placeholder='例如：学习党的二十届四中全会精神'
        />
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
          <View className='act-tags'>
            {QUICK_START_CHOICES.map((choice) => (
              <Text key={choice.label} className='act-chip' onClick={() => startIn(choice.minutesFromNow)}>
                {choice.label}
              </Text>
            ))}
          </View>
          {!spanOk && <Text className='act-error'>结束时间必须晚于开始时间</Text>}
        </View>
        <View className='act-field'>
          <Text className='act-label'>签到时间</Text>
          <Picker
            mode='selector'
            range={opensChoices.map(opensLabel)}
            value={opensChoices.indexOf(checkin.opensBeforeStartMinutes)}
            onChange={(e) => setCheckin('opensBeforeStartMinutes', opensChoices[Number(e.detail.value)])}
          >
            <View className='act-picker'>开始签到：{opensLabel(checkin.opensBeforeStartMinutes)}</View>
          </Picker>
          <Picker
            mode='selector'
            range={closesChoices.map(closesLabel)}
            value={closesChoices.indexOf(checkin.closesAfterEndMinutes)}
            onChange={(e) => setCheckin('closesAfterEndMinutes', closesChoices[Number(e.detail.value)])}
          >
            <View className='act-picker'>截止签到：{closesLabel(checkin.closesAfterEndMinutes)}</View>
          </Picker>
          {spanOk && !windowProblem && (
            <Text className='act-meta'>
              可签到：{formatInstant(checkinWindow.opensAt.toISOString())} 至 {formatInstant(checkinWindow.closesAt.toISOString())}
            </Text>
          )}
          {windowProblem && <Text className='act-error'>{windowProblem}</Text>}
        </View>
        <TextField
          schema={postActivityInputSchema}
          path='place'
          value={form.place}
          onChange={(value) => set('place', value)}
          check={check}
          placeholder='例如：党员活动室'
        />
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
              <TextField
                schema={postActivityInputSchema}
                path='speakerName'
                label='主讲人姓名'
                value={form.speakerName}
                onChange={(value) => set('speakerName', value)}
                check={check}
                placeholder='主讲人姓名（校外专家等）'
              />
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
        <TextField
          schema={postActivityInputSchema}
          path='creditHours'
          type='digit'
          label={`学时（不填按时长计：${defaultCredit} 学时）`}
          value={form.creditHours}
          onChange={(value) => set('creditHours', value)}
          check={check}
          placeholder={String(defaultCredit)}
        />
        <View className='act-field'>
          <View className='act-row'>
            <Text className='act-row__title'>限定签到范围</Text>
            <Switch checked={form.fence !== null} color='#c8161d' onChange={(e) => (e.detail.value ? turnFenceOn() : set('fence', null))} />
          </View>
          {form.fence && (
            <>
              <Text className='act-meta'>党员须在签到中心的半径范围内扫码签到。</Text>
              <View className='act-actions'>
                <AppButton small onClick={pickHere}>
                  使用当前位置
                </AppButton>
                {process.env.TARO_ENV === 'weapp' && (
                  <AppButton small onClick={pickOnMap}>
                    在地图上选点
                  </AppButton>
                )}
              </View>
              <View className='ae-pair'>
                <View className='ae-pair__item'>
                  <Text className='act-label'>纬度</Text>
                  <Input className='act-input' type='digit' value={form.fence.latitude} placeholder='如 39.99900' onInput={(e) => setFence('latitude', e.detail.value)} />
                </View>
                <View className='ae-pair__item'>
                  <Text className='act-label'>经度</Text>
                  <Input className='act-input' type='digit' value={form.fence.longitude} placeholder='如 116.32600' onInput={(e) => setFence('longitude', e.detail.value)} />
                </View>
              </View>
              <Text className='act-label ae-gap'>签到半径（米）</Text>
              <Input className='act-input' type='number' value={form.fence.radiusMeters} placeholder={String(DEFAULT_GEOFENCE_RADIUS_METERS)} onInput={(e) => setFence('radiusMeters', e.detail.value)} />
              {fenceCheck && !fenceCheck.ok ? (
                <Text className='act-error'>{fenceCheck.message}</Text>
              ) : (
                <Text className='act-meta'>坐标为国测局坐标（GCJ-02），与微信地图一致。</Text>
              )}
            </>
          )}
        </View>
        <AppButton kind='primary' disabled={form.types.length === 0 || !spanOk} onClick={submit}>
          {activityId ? '保存修改' : '发布活动'}
        </AppButton>
      </View>
    </View>
  )
}
