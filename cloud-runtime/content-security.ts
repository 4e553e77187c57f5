import type { ContentCheckState, ContentSecurity } from '../cloudfunctions/_shared/context'

/** Text containing this marker is rejected by the local check (try it in the dev H5 app). */
export const LOCAL_REJECT_MARKER = '【违规测试】'
/** Text containing this marker is answered 'pending' (WeChat's "review") by the local check. */
export const LOCAL_REVIEW_MARKER = '【复核测试】'

/**
 * The local stand-in for WeChat content security: passes everything unless told otherwise,
 * with the same states as production. Tests queue answers (`answerNext`), the dev app can use
 * the markers above. Pending images get a trace id; their result is delivered with the evidence
 * function's `mediaCheckResult` action, as WeChat's push would be in production.
 */
export class LocalContentSecurity implements ContentSecurity {
  private readonly queued: { text: ContentCheckState[]; image: ContentCheckState[] } = { text: [], image: [] }
  private traces = 0
  /** Every image check started, newest last (tests read trace ids from here). */
  readonly imageChecks: { url: string; traceId: string | null; state: ContentCheckState }[] = []

  /** The next checks of this kind answer these states, in order; then everything passes again. */
  answerNext(kind: 'text' | 'image', ...states: ContentCheckState[]): void {
    this.queued[kind].push(...states)
  }

  reset(): void {
    this.queued.text.length = 0
    this.queued.image.length = 0
  }

  async checkText({ text }: { text: string; openid: string }): Promise<ContentCheckState> {
    const queued = this.queued.text.shift()
    if (queued) return queued
    if (text.includes(LOCAL_REJECT_MARKER)) return 'reject'
    if (text.includes(LOCAL_REVIEW_MARKER)) return 'pending'
    return 'pass'
  }

  async checkImage({ url }: { url: string; openid: string }): Promise<{ state: ContentCheckState; traceId: string | null }> {
    const state = this.queued.image.shift() ?? 'pass'
    const traceId = state === 'pending' ? `local-trace-${++this.traces}` : null
    this.imageChecks.push({ url, traceId, state })
    return { state, traceId }
  }
}
