import { z } from 'zod'
import { defineAction } from './define'

export const remindersContract = {
  /** The one-time subscribe-message template the app asks permission for (null: reminders off). */
  settings: defineAction(z.object({}).strict(), z.object({ templateId: z.string().nullable(), leadMinutes: z.number().int() })),
  /** 提醒我: after the member accepted the template in Taro.requestSubscribeMessage. */
  subscribe: defineAction(
    z.object({ activityId: z.string().min(1).max(64) }).strict(),
    z.object({ subscribed: z.boolean() }),
  ),
}
