import { Input, Text, Textarea, View } from '@tarojs/components'
import { useCallback, useMemo, useState } from 'react'
import type { z } from 'zod'
import { describeValidationError, fieldOf } from '../domain/validation'
import './form.css'

/** What a draft breaks of the contract the cloud function checks, by field path, in Chinese. */
export function problemsOf(schema: z.ZodType, draft: unknown): Record<string, string> {
  const parsed = schema.safeParse(draft)
  return parsed.success ? {} : describeValidationError(parsed.error, schema).fields
}

export interface FormCheck {
  /** The draft passes the contract. */
  ok: boolean
  /** The problem to show under a field: once the person has typed in it, or after a try to submit. */
  problem(path: string): string | undefined
  /** The first problem of the draft (for a field the form does not show separately). */
  first: string | undefined
  touch(path: string): void
  /** A try to submit: shows every problem. */
  showAll(): void
  reset(): void
}

/** Checks a draft against the action's input contract as the person types: one rule, both ends. */
export function useFormCheck(schema: z.ZodType, draft: unknown): FormCheck {
  const [touched, setTouched] = useState<ReadonlySet<string> | 'all'>(new Set<string>())
  const problems = useMemo(() => problemsOf(schema, draft), [schema, draft])
  const touch = useCallback(
    (path: string) => setTouched((current) => (current === 'all' || current.has(path) ? current : new Set([...current, path]))),
    [],
  )
  return {
    ok: Object.keys(problems).length === 0,
    problem: (path) => (touched === 'all' || touched.has(path) ? problems[path] : undefined),
    first: Object.values(problems)[0],
    touch,
    showAll: () => setTouched('all'),
    reset: () => setTouched(new Set()),
  }
}

/**
 * A text field of a contract: its Chinese name and length limit come from the contract, a counter
 * shows the length, nothing is cut (maxlength -1: WeChat and H5 otherwise stop at 140 silently),
 * and the contract's problem shows under it.
 */
export function TextField(props: {
  schema: z.ZodType
  path: string
  value: string
  onChange: (value: string) => void
  check: FormCheck
  placeholder?: string
  multiline?: boolean
  type?: 'text' | 'digit' | 'number'
  /** Said under the field while it has no problem. */
  hint?: string
  /** Instead of the contract's name (rarely: the same field asked in other words). */
  label?: string
}) {
  const rules = fieldOf(props.schema, props.path.split('.'))
  const length = props.value.trim().length
  const over = rules.maxLength !== null && length > rules.maxLength
  const problem = props.check.problem(props.path)
  const onInput = (value: string) => {
    props.onChange(value)
    props.check.touch(props.path)
  }
  return (
    <View className='field'>
      <View className='field__head'>
        <Text className='field__label'>{props.label ?? rules.label}</Text>
        {rules.maxLength !== null && (
          <Text className={`field__count ${over ? 'field__count--over' : ''}`}>
            {length}/{rules.maxLength}
          </Text>
        )}
      </View>
      {props.multiline ? (
        <Textarea
          className={`field__input field__input--multi ${problem ? 'field__input--bad' : ''}`}
          value={props.value}
          maxlength={-1}
          placeholder={props.placeholder}
          onInput={(event) => onInput(event.detail.value)}
        />
      ) : (
        <Input
          className={`field__input ${problem ? 'field__input--bad' : ''}`}
          value={props.value}
          maxlength={-1}
          type={props.type ?? 'text'}
          placeholder={props.placeholder}
          onInput={(event) => onInput(event.detail.value)}
        />
      )}
      {problem ? (
        <Text className='field__problem'>
          {problem}
        </Text>
      ) : (
        props.hint && <Text className='field__hint'>{props.hint}</Text>
      )}
    </View>
  )
}
