import { Input, Picker, Switch, Text, View } from '@tarojs/components'
import type { BranchRole, EvidenceKind } from '../../../domain/model'
import { isTyped, textOf, valueFromText, type EditorField } from '../../../domain/ruleset/editor'
import { EVIDENCE_OPTIONS, requirementTitle, ROLE_OPTIONS } from '../../../domain/ruleset/fields'
import type { Ruleset, SpeakerRule } from '../../../domain/ruleset/schema'
import '../../../components/form.css'

interface Option {
  value: string
  label: string
}

/** The options of a choice, or of the draft's own activity types, requirements or indicators. */
function optionsOf(field: EditorField, draft: Ruleset): Option[] {
  const { input } = field
  switch (input.kind) {
    case 'choice':
      return [...input.options]
    case 'activityType':
      return Object.entries(draft.activityTypes).map(([value, type]) => ({ value, label: type.label }))
    case 'requirement':
    case 'requirements':
      return Object.entries(draft.requirements).map(([value, requirement]) => ({ value, label: requirementTitle(requirement, draft) }))
    case 'indicator':
      return Object.entries(draft.scoring.indicators).map(([value, indicator]) => ({ value, label: `${value} ${indicator.label}` }))
    case 'roles':
      return ROLE_OPTIONS
    case 'evidence':
      return EVIDENCE_OPTIONS
    default:
      return []
  }
}

function Chips({ options, chosen, onToggle }: { options: Option[]; chosen: readonly string[]; onToggle: (value: string) => void }) {
  return (
    <View className='act-tags'>
      {options.map((option) => (
        <Text key={option.value} className={`act-tag ${chosen.includes(option.value) ? '' : 'act-tag--off'}`} onClick={() => onToggle(option.value)}>
          {option.label}
        </Text>
      ))}
    </View>
  )
}

const toggled = <T,>(values: readonly T[], value: T) => (values.includes(value) ? values.filter((existing) => existing !== value) : [...values, value])

function SpeakersInput({ value, onChange }: { value: SpeakerRule | null; onChange: (value: SpeakerRule | null) => void }) {
  const rule = value ?? { roles: [], leadingCadres: false, each: false }
  return (
    <View>
      <Chips
        options={[{ value: '', label: '不限' }, ...ROLE_OPTIONS, { value: 'leadingCadres', label: '党员领导干部' }]}
        chosen={value === null ? [''] : [...value.roles, ...(value.leadingCadres ? ['leadingCadres'] : [])]}
        onToggle={(choice) => {
          if (choice === '') onChange(null)
          else if (choice === 'leadingCadres') onChange({ ...rule, leadingCadres: !rule.leadingCadres })
          else onChange({ ...rule, roles: toggled(rule.roles, choice as BranchRole) })
        }}
      />
      {value !== null && (
        <View className='field__head'>
          <Text className='field__hint'>每人都须讲授（每名主讲人各自达到次数）</Text>
          <Switch checked={value.each} onChange={(event) => onChange({ ...value, each: event.detail.value })} />
        </View>
      )}
    </View>
  )
}

/**
 * One field of the rules editor, entered as its catalogue entry says (src/domain/ruleset/fields.ts):
 * typed numbers and text keep what was typed, with the problem under it; choices, switches and
 * chips set the value at once. A field only the party committee sets is shown, not edited.
 */
export function RuleField(props: {
  field: EditorField
  draft: Ruleset
  text: string | undefined
  problem: string | undefined
  onText: (text: string, read: ReturnType<typeof valueFromText>) => void
  onChange: (value: unknown) => void
}) {
  const { field, draft, problem } = props
  const { input } = field
  const floorHint = field.floor !== null && !field.locked ? `党委规定：${field.floor}（只能从严）` : null
  const body = (() => {
    if (field.locked) return <Text className='act-meta'>{field.shown}（由党委统一规定）</Text>
    if (isTyped(field)) {
      const unit = 'unit' in input && input.unit ? input.unit : input.kind === 'share' ? '%' : input.kind === 'dayOfMonth' ? '日（不填：不固定）' : ''
      return (
        <View className='field__head'>
          <Input
            className={`field__input ${problem ? 'field__input--bad' : ''}`}
            value={props.text ?? textOf(input, field.value)}
            maxlength={-1}
            type={input.kind === 'text' ? 'text' : 'digit'}
            placeholder={field.label}
            onInput={(event) => props.onText(event.detail.value, valueFromText(input, event.detail.value))}
          />
          {unit && <Text className='field__count'>{unit}</Text>}
        </View>
      )
    }
    if (input.kind === 'switch') return <Switch checked={field.value === true} onChange={(event) => props.onChange(event.detail.value)} />
    if (input.kind === 'speakers') return <SpeakersInput value={field.value as SpeakerRule | null} onChange={props.onChange} />
    const options = optionsOf(field, draft)
    if (input.kind === 'roles' || input.kind === 'evidence' || input.kind === 'requirements') {
      const chosen = field.value as string[]
      return <Chips options={options} chosen={chosen} onToggle={(value) => props.onChange(toggled(chosen, value as BranchRole & EvidenceKind))} />
    }
    return (
      <Picker
        mode='selector'
        range={options.map((option) => option.label)}
        value={Math.max(0, options.findIndex((option) => option.value === field.value))}
        onChange={(event) => props.onChange(options[Number(event.detail.value)].value)}
      >
        <View className='act-picker'>{field.shown}</View>
      </Picker>
    )
  })()
  return (
    <View className='field'>
      <Text className='field__label'>{field.label}</Text>
      {body}
      {problem ? <Text className='field__problem'>{problem}</Text> : floorHint && <Text className='field__hint'>{floorHint}</Text>}
    </View>
  )
}
