import { z } from 'zod'
import { defineAction, idOf } from './define'

export const remindersContract = {
  /** The one-time subscribe-message template the app asks permission for (null: reminders off). */
  settings: defineAction(z.object({}).strict(), z.object({ templateId: z.string().nullable(), leadMinutes: z.number().int() })),
  /** 提醒我: after the member accepted the template in Taro.requestSubscribeMessage. */
  subscribe: defineAction(
    z.object({ activityId: idOf('活动') }).strict(),
    z.object({ subscribed: z.boolean() }),
  ),
}
