/**
 * The kinds of message of the 消息 center, and when the app asks for their one-time subscriptions:
 * apart from the stored model, so that a page that only asks (a main-package page) carries little.
 */
export const MESSAGE_KINDS = ['alert', 'supervision', 'result', 'report'] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]

/**
 * When the app asks for one-time subscriptions (each accept in WeChat's dialog grants one push of
 * that template): at a moment of the person's own work that the kinds concern, at most 3 at once.
 */
export const SUBSCRIBE_MOMENTS = {
  /**
   * A secretary or committee member posts or closes an activity, or answers a 督办: 预警 and 督办
   * are about their branch's next requirements and 痕迹, which these moments start.
   */
  manage: ['alert', 'supervision'],
  /** An admin sends a 督办 or downloads a 月度通报: the secretary's answer, its resolution, next month's report. */
  supervise: ['supervision', 'report'],
  /** A member asks for leave, 补学, self-study hours or a binding: the decision on it (审批结果). */
  request: ['result'],
} as const satisfies Record<string, readonly MessageKind[]>
export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS
