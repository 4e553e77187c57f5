/**
 * The host's time: one clock for the page code (`Date`, timers) and the local cloud runtime,
 * standing still until a test moves it. Timers are virtual: a timer of 0 ms runs when the host
 * settles, a later one only when the test moves the clock past it, in due order.
 */
export class HostClock {
  private currentMs: number
  constructor(start: Date) {
    this.currentMs = start.getTime()
  }

  /** For the runtime: `LocalCloud.start({ now: clock.now })`. */
  readonly now = (): Date => new Date(this.currentMs)
  readonly nowMs = (): number => this.currentMs

  /** Only the host moves time forward (timer by timer, see VirtualTimers.runNext), so nothing runs out of order. */
  setMs(ms: number): void {
    if (ms < this.currentMs) throw new Error('the host clock never goes back')
    this.currentMs = ms
  }
}

interface Timer {
  id: number
  dueAt: number
  order: number
  callback: () => void
  repeatMs: number | null
}

export class VirtualTimers {
  private timers = new Map<number, Timer>()
  private nextId = 1
  private nextOrder = 0

  constructor(private readonly clock: HostClock) {}

  schedule(callback: () => void, delayMs: unknown, repeat: boolean): number {
    const delay = Math.max(0, Number(delayMs) || 0)
    const id = this.nextId++
    this.timers.set(id, { id, dueAt: this.clock.nowMs() + delay, order: this.nextOrder++, callback, repeatMs: repeat ? Math.max(1, delay) : null })
    return id
  }

  cancel(id: unknown): void {
    this.timers.delete(Number(id))
  }

  /** The earliest timer due at or before `limitMs`, in the order a JS engine would run them. */
  private nextDue(limitMs: number): Timer | null {
    let next: Timer | null = null
    for (const timer of this.timers.values()) {
      if (timer.dueAt > limitMs) continue
      if (!next || timer.dueAt < next.dueAt || (timer.dueAt === next.dueAt && timer.order < next.order)) next = timer
    }
    return next
  }

  /** Runs one timer due now; false when none is. */
  runOneDue(): boolean {
    return this.runNext(this.clock.nowMs())
  }

  hasDue(): boolean {
    return this.nextDue(this.clock.nowMs()) !== null
  }

  /**
   * Moves the clock to the next timer due before `targetMs` and runs it; false when none is left
   * before the target (the caller then sets the clock to the target).
   */
  runNext(targetMs: number): boolean {
    const timer = this.nextDue(targetMs)
    if (!timer) return false
    if (timer.dueAt > this.clock.nowMs()) this.clock.setMs(timer.dueAt)
    if (timer.repeatMs === null) this.timers.delete(timer.id)
    else {
      timer.dueAt += timer.repeatMs
      timer.order = this.nextOrder++
    }
    timer.callback()
    return true
  }

  pending(): number {
    return this.timers.size
  }

  clearAll(): void {
    this.timers.clear()
  }
}
