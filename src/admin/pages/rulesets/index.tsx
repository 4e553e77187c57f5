import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import { AppButton, ButtonRow } from '../../../components/button'
import { confirm, failureMessage, showFailure } from '../../../components/confirm'
import { RuleField } from './rule-field'
import { EmptyView, ErrorView, LoadingView } from '../../../components/status-view'
import { useRemote } from '../../../components/use-remote'
import { LIGHT_LABELS } from '../../../domain/compliance/labels'
import type { RulesGetOutput, RulesPreviewOutput } from '../../../domain/contracts/rulesets'
import { draftProblems, editorSections, sectionProblems, withField, withNewActivityType, withoutEntry, type EditorSection } from '../../../domain/ruleset/editor'
import type { EffectiveFrom } from '../../../domain/ruleset/effective'
import { describeChanges } from '../../../domain/ruleset/fields'
import { previewSentence } from '../../../domain/ruleset/preview'
import type { Ruleset } from '../../../domain/ruleset/schema'
import { ServiceError } from '../../../services/cloud'
import { fetchRules, fetchRulesRefresh, previewRules, saveRules } from '../../../services/rulesets'
import '../../../components/activity.css'
import '../../../components/form.css'

interface Draft {
  ruleset: Ruleset
  preset: string | null
  /** What was typed in number and text fields, by field key, while it is not (yet) a value. */
  texts: Record<string, string>
  textProblems: Record<string, string>
}

interface PreviewState {
  periodLabel: string | null
  total: number
  evaluated: number
  changes: RulesPreviewOutput['changes']
  done: boolean
}

const lightAndGrade = (state: { light: keyof typeof LIGHT_LABELS; qualified: boolean }) => `${LIGHT_LABELS[state.light]}、${state.qualified ? '达标' : '未达标'}`

const ORG_KIND_NOTES: Record<string, string> = {
  party_committee: '党委制定本校各支部的组织生活规则；新规则从所选周期起生效，之前的周期仍按当时的规则评定。',
  general_branch: '党总支可在党委规则的基础上从严补充（多开、早签、增加要求），不能放宽；党委统一规定的项不能修改。',
}

function PeriodPicker({ data, onChoose }: { data: RulesGetOutput; onChoose: (effectiveFrom: EffectiveFrom) => void }) {
  const kind = data.choices.find((choice) => choice.kind === data.effectiveFrom.kind) ?? data.choices[0]
  return (
    <View className='field'>
      <Text className='field__label'>生效周期（新规则从这一周期起生效）</Text>
      <Picker
        mode='selector'
        range={data.choices.map((choice) => choice.label)}
        value={data.choices.indexOf(kind)}
        onChange={(event) => {
          const chosen = data.choices[Number(event.detail.value)]
          onChoose({ kind: chosen.kind, key: chosen.periods[0].key })
        }}
      >
        <View className='act-picker'>{kind.label}</View>
      </Picker>
      <Picker
        mode='selector'
        range={kind.periods.map((period) => `${period.label}起`)}
        value={Math.max(0, kind.periods.findIndex((period) => period.key === data.effectiveFrom.key))}
        onChange={(event) => onChoose({ kind: kind.kind, key: kind.periods[Number(event.detail.value)].key })}
      >
        <View className='act-picker'>{data.effectiveFrom.label}起</View>
      </Picker>
      {data.appliesUntil && <Text className='field__hint'>{data.appliesUntil}起已另有保存的规则，本次修改只适用到那时为止。</Text>}
    </View>
  )
}

/** The rules in force at the chosen period, every field as people read it. */
function RulesInForce({ sections }: { sections: EditorSection[] }) {
  return (
    <View className='act-card'>
      <Text className='act-label'>现行规则</Text>
      {sections.map((section) => (
        <View key={section.key} className='act-row'>
          <View className='act-row__main'>
            <Text className='act-row__title'>{section.title}</Text>
            {section.fields.map((field) => (
              <Text key={field.key} className='act-row__sub'>
                {field.label}：{field.shown}
              </Text>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}

function VersionsAndHistory({ data }: { data: RulesGetOutput }) {
  const presetLabel = (id: string | null) => data.presets.find((preset) => preset.id === id)?.label
  return (
    <>
      <View className='act-card rules-versions'>
        <Text className='act-label'>规则版本（按生效周期）</Text>
        {data.versions.length === 0 ? (
          <EmptyView text='尚未保存过本组织自己的规则，现按系统默认规则执行。' />
        ) : (
          data.versions.map((version) => (
            <View key={`${version.effectiveFrom?.key ?? 'start'}-${version.savedAt}`} className='act-row'>
              <View className='act-row__main'>
                <Text className='act-row__title'>
                  {version.effectiveFrom ? `${version.effectiveFrom.label}起` : '最初的规则'}
                  {version.inForce ? '（现行）' : ''}
                </Text>
                <Text className='act-row__sub'>
                  {version.savedByName}
                  {presetLabel(version.preset) ? ` · 起点：${presetLabel(version.preset)}` : ''}
                </Text>
              </View>
            </View>
          ))
        )}
      </View>
      <View className='act-card rules-history'>
        <Text className='act-label'>修改记录</Text>
        {data.history.length === 0 ? (
          <EmptyView text='还没有修改记录。' />
        ) : (
          data.history.map((entry) => (
            <View key={entry.at} className='act-row'>
              <View className='act-row__main'>
                <Text className='act-row__title'>
                  {entry.actorName} · {entry.effectiveFrom}
                </Text>
                {entry.changes.map((change) => (
                  <Text key={change.path.join('.')} className='act-row__sub'>
                    {change.field}：{change.before ?? '无'} → {change.after ?? '无'}
                  </Text>
                ))}
              </View>
            </View>
          ))
        )}
      </View>
    </>
  )
}

function PresetCards({ data, onStart }: { data: RulesGetOutput; onStart: (ruleset: Ruleset, preset: string | null) => void }) {
  return (
    <View className='act-card'>
      <Text className='act-label'>新建规则版本</Text>
      <ButtonRow>
        <AppButton kind='primary' onClick={() => onStart(data.ruleset, null)}>
          从现行规则开始修改
        </AppButton>
      </ButtonRow>
      {data.presets.map((preset) => (
        <View key={preset.id} className='act-row rules-preset'>
          <View className='act-row__main'>
            <Text className='act-row__title'>预设：{preset.label}</Text>
            <Text className='act-row__sub'>依据：{preset.source}</Text>
            {preset.rules.map((rule) => (
              <Text key={rule.rule} className='act-row__sub'>
                · {rule.rule}（{rule.from}）
              </Text>
            ))}
            <AppButton small onClick={() => onStart(preset.ruleset, preset.id)}>
              从「{preset.label}」开始
            </AppButton>
          </View>
        </View>
      ))}
    </View>
  )
}

/**
 * 组织生活规则: a party committee's rules (or a 党总支's tightening) by effective period, edited on
 * the phone. What a field is, how it is entered, what a 党总支 may change and how a change reads
 * all come from src/domain/ruleset (editor.ts, fields.ts); the function checks the same again.
 */
export default function RulesetsPage() {
  const orgId = useRouter().params.orgId || undefined
  const [effectiveFrom, setEffectiveFrom] = useState<EffectiveFrom | undefined>(undefined)
  const load = useCallback(() => fetchRules(orgId, effectiveFrom), [orgId, effectiveFrom])
  const rules = useRemote(load)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [newTypeLabel, setNewTypeLabel] = useState('')
  const [preview, setPreview] = useState<PreviewState | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const data = rules.status === 'ready' ? rules.data : null
  const inForceSections = useMemo(() => (data ? editorSections(data.ruleset, { floor: null }) : []), [data])
  const sections = useMemo(() => (data && draft ? editorSections(draft.ruleset, { floor: data.floor }) : []), [data, draft])
  const problems = useMemo(
    () => (data && draft ? draftProblems(draft.ruleset, { effectiveKind: data.effectiveFrom.kind, inForce: data.floor ?? data.ruleset, floor: data.floor }) : null),
    [data, draft],
  )
  const changes = useMemo(() => (data && draft && problems?.all.length === 0 ? describeChanges(data.ruleset, draft.ruleset) : []), [data, draft, problems])

  if (rules.status === 'loading') return <LoadingView />
  if (rules.status === 'error') return <ErrorView error={rules.error} onRetry={rules.reload} />
  const view = rules.data

  const edit = (next: Partial<Draft>) => {
    setDraft((current) => current && { ...current, ...next })
    setPreview(null)
  }
  const start = (ruleset: Ruleset, preset: string | null) => {
    setDraft({ ruleset, preset, texts: {}, textProblems: {} })
    setPreview(null)
  }
  const typedProblems = draft ? Object.values(draft.textProblems) : []
  const blocking = [...typedProblems, ...(problems?.all ?? [])]
  const ready = draft !== null && blocking.length === 0 && changes.length > 0

  const runPreview = async () => {
    if (!draft || !ready) return
    setBusy('preview')
    let state: PreviewState = { periodLabel: null, total: 0, evaluated: 0, changes: [], done: false }
    setPreview(state)
    try {
      let cursor: number | null = 0
      while (cursor !== null) {
        const part: RulesPreviewOutput = await previewRules(orgId, { kind: view.effectiveFrom.kind, key: view.effectiveFrom.key }, draft.ruleset, cursor)
        state = { periodLabel: part.periodLabel, total: part.total, evaluated: part.evaluated, changes: [...state.changes, ...part.changes], done: part.nextCursor === null }
        setPreview(state)
        cursor = part.nextCursor
      }
    } catch (error) {
      setPreview(null)
      await showFailure(error, '未能预览')
    } finally {
      setBusy(null)
    }
  }

  /** Continues the refresh of the branches' summaries while it moves on (the timer finishes what a stalled one leaves). */
  const followRefresh = async () => {
    let processed = -1
    for (;;) {
      const { refresh } = await fetchRulesRefresh(orgId)
      if (!refresh || refresh.done || refresh.processed === processed) return
      processed = refresh.processed
      setBusy(`正在按新规则更新各支部的红黄绿灯：${refresh.processed}/${refresh.total}`)
    }
  }

  const save = async () => {
    if (!draft || !preview?.done) return
    const sentence = preview.periodLabel ? previewSentence(preview.changes, { periodLabel: preview.periodLabel, evaluated: preview.evaluated }) : '新规则生效时本年已结束评估，当前各支部的红黄绿灯不变'
    const ok = await confirm({
      title: '确认启用新规则',
      content: `${view.effectiveFrom.label}起启用，共 ${changes.length} 处修改。${sentence}。`,
      confirmText: '确认启用',
      cancelText: '暂不启用',
    })
    if (!ok) return
    setBusy('正在保存')
    try {
      await saveRules(orgId, {
        effectiveFrom: { kind: view.effectiveFrom.kind, key: view.effectiveFrom.key },
        ruleset: draft.ruleset,
        revision: view.revision,
        preset: draft.preset,
      })
      setDraft(null)
      setPreview(null)
      Taro.showToast({ title: '新规则已启用', icon: 'success' })
      setBusy('正在按新规则更新各支部的红黄绿灯')
      await followRefresh().catch(() => undefined)
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'CONFLICT') {
        await Taro.showModal({
          title: '规则已被他人修改',
          content: `${failureMessage(error)}。您的修改仍保留在本页，已载入他人保存的规则，请核对“本次修改”并重新预览后再保存。`,
          showCancel: false,
          confirmText: '知道了',
        })
        setPreview(null)
      } else await showFailure(error, '未能保存')
    } finally {
      setBusy(null)
      await rules.reload()
    }
  }

  const addActivityType = () => {
    if (!draft || !newTypeLabel.trim()) return
    edit({ ruleset: withNewActivityType(draft.ruleset, newTypeLabel).ruleset })
    setNewTypeLabel('')
  }

  return (
    <View className='act-page rules-page'>
      <View className='act-card'>
        <Text className='act-label'>组织生活规则</Text>
        <Text className='act-title'>{view.org.name}</Text>
        <Text className='act-meta'>{ORG_KIND_NOTES[view.org.kind]}</Text>
        {view.problems.map((problem) => (
          <Text key={problem} className='act-error'>
            {problem}
          </Text>
        ))}
        {view.refresh && !view.refresh.done && (
          <Text className='act-meta'>
            各支部正按最新规则更新：{view.refresh.processed}/{view.refresh.total}
          </Text>
        )}
        <PeriodPicker
          data={view}
          onChoose={(chosen) => {
            setEffectiveFrom(chosen)
            setPreview(null)
          }}
        />
        {rules.refreshing && <Text className='field__hint'>正在载入{view.effectiveFrom.label}的规则…</Text>}
        {busy && busy !== 'preview' && <Text className='field__hint'>{busy}</Text>}
      </View>

      {draft === null ? (
        <>
          <PresetCards data={view} onStart={start} />
          <RulesInForce sections={inForceSections} />
        </>
      ) : (
        <>
          <View className='act-card'>
            <Text className='act-label'>新增活动类型</Text>
            <View className='field__head'>
              <Input
                className='field__input'
                value={newTypeLabel}
                maxlength={-1}
                placeholder='例如：支部班子集体学习'
                onInput={(event) => setNewTypeLabel(event.detail.value)}
              />
            </View>
            <AppButton small disabled={!newTypeLabel.trim()} onClick={addActivityType}>
              新增活动类型
            </AppButton>
          </View>
          {sections.map((section) => (
            <View key={section.key} className='act-card rules-section'>
              <Text className='act-label'>{section.title}</Text>
              {problems && sectionProblems(problems, section).map((problem) => (
                <Text key={problem} className='field__problem'>
                  {problem}
                </Text>
              ))}
              {section.fields.map((field) => (
                <RuleField
                  key={field.key}
                  field={field}
                  draft={draft.ruleset}
                  text={draft.texts[field.key]}
                  problem={draft.textProblems[field.key] ?? problems?.byField[field.key]}
                  onText={(text, read) => {
                    const textProblems = { ...draft.textProblems }
                    delete textProblems[field.key]
                    if ('problem' in read) textProblems[field.key] = read.problem
                    edit({
                      texts: { ...draft.texts, [field.key]: text },
                      textProblems,
                      ruleset: 'value' in read ? withField(draft.ruleset, field.path, read.value) : draft.ruleset,
                    })
                  }}
                  onChange={(value) => edit({ ruleset: withField(draft.ruleset, field.path, value) })}
                />
              ))}
              {section.removable && (
                <AppButton small kind='link' onClick={() => edit({ ruleset: withoutEntry(draft.ruleset, section.path) })}>
                  删除{section.title}
                </AppButton>
              )}
            </View>
          ))}
          <View className='act-card rules-changes'>
            <Text className='act-label'>本次修改（{view.effectiveFrom.label}起）</Text>
            {blocking.map((problem) => (
              <Text key={problem} className='act-error'>
                {problem}
              </Text>
            ))}
            {blocking.length === 0 && changes.length === 0 && <EmptyView text='与现行规则相同，还没有修改。' />}
            {changes.map((change) => (
              <Text key={change.path.join('.')} className='act-meta'>
                {change.field}：{change.before ?? '无'} → {change.after ?? '无'}
              </Text>
            ))}
            {preview && (
              <View className='rules-preview'>
                <Text className='act-meta'>
                  {preview.done
                    ? preview.periodLabel
                      ? previewSentence(preview.changes, { periodLabel: preview.periodLabel, evaluated: preview.evaluated })
                      : '新规则生效时本年已结束评估，当前各支部的红黄绿灯不变'
                    : `正在预览：已评估 ${preview.evaluated}/${preview.total || '…'} 个支部`}
                </Text>
                {preview.changes.map((change) => (
                  <Text key={change.branchId} className='act-row__sub'>
                    {change.branchName}：{lightAndGrade(change.before)} → {lightAndGrade(change.after)}
                  </Text>
                ))}
              </View>
            )}
            <ButtonRow>
              <AppButton kind='primary' disabled={!ready || rules.refreshing || (busy !== null && busy !== 'preview')} loading={busy === 'preview'} onClick={preview?.done ? save : runPreview}>
                {preview?.done ? '启用新规则' : '预览影响'}
              </AppButton>
              <AppButton
                onClick={() => {
                  setDraft(null)
                  setPreview(null)
                }}
                disabled={busy !== null}
              >
                放弃修改
              </AppButton>
            </ButtonRow>
          </View>
        </>
      )}
      <VersionsAndHistory data={view} />
    </View>
  )
}
