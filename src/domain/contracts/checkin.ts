import { z } from 'zod'
import { attendanceStateSchema } from '../model'
import { defineAction, idOf, isoInstantSchema, named } from './define'

const tokenSchema = named('签到码', z.string({ error: '签到码无效' }).trim().min(1, '签到码无效').max(200, '签到码无效'))

export const checkinContract = {
  /** 出示签到码: the current rotating code (branch managers of the host branch). */
  code: defineAction(
    z
      .object({
        activityId: idOf('活动'),
        /** H5: the app's origin, so the QR link opens in a phone's browser. */
        origin: named('网址', z.url({ protocol: /^https?$/, error: '网址无效' }).max(200, '网址过长')).optional(),
        /** PNG for the weapp's <Image>; SVG (far cheaper to render) for browsers. */
        format: named('图片格式', z.enum(['png', 'svg'])).default('png'),
      })
      .strict(),
    z.object({
      token: z.string(),
      /** What the QR code carries. */
      link: z.string(),
      /** Data URL of the QR code (PNG or SVG, as asked). */
      qrDataUrl: z.string(),
      /** Production only: the mini program code (wxacode.getUnlimited) for the same token. */
      wxacodeDataUrl: z.string().nullable(),
      /** Signed in so far (present or late) of the expected audience, for the count beside the code. */
      signedIn: z.number().int().nonnegative(),
      expected: z.number().int().nonnegative(),
      issuedAt: isoInstantSchema,
      refreshAt: isoInstantSchema,
      expiresAt: isoInstantSchema,
      rotateSeconds: z.number().int(),
    }),
  ),
  /** A member signs in with a scanned token (optionally with their position for a geofence). */
  signIn: defineAction(
    z
      .object({
        token: tokenSchema,
        location: named(
          '位置',
          z.object({ latitude: z.number().min(-90, '纬度无效').max(90, '纬度无效'), longitude: z.number().min(-180, '经度无效').max(180, '经度无效') }).strict(),
        ).optional(),
      })
      .strict(),
    z.object({
      activityId: z.string(),
      topic: z.string(),
      state: attendanceStateSchema,
      signedInAt: isoInstantSchema.nullable(),
      /** A repeated scan: nothing new was written. */
      alreadySignedIn: z.boolean(),
      message: z.string(),
    }),
  ),
  /** Manual sign-in by the secretary for a member without a phone. */
  manual: defineAction(
    z.object({ activityId: idOf('活动'), memberId: idOf('党员') }).strict(),
    z.object({ state: attendanceStateSchema, alreadySignedIn: z.boolean() }),
  ),
}
