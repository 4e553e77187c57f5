import Taro from '@tarojs/taro'
import { callAction, registerContract } from './cloud'
import { checkinContract } from '../domain/contracts/checkin'

registerContract('checkin', checkinContract)

export const fetchCheckinCode = (activityId: string) =>
  callAction('checkin', 'code', {
    activityId,
    // H5: the QR code carries a full link, so a phone's camera opens the sign-in page.
    ...(process.env.TARO_ENV === 'h5' ? { origin: window.location.origin, format: 'svg' as const } : { format: 'png' as const }),
  })

export const manualSignIn = (activityId: string, memberId: string) => callAction('checkin', 'manual', { activityId, memberId })

/** The member's position when the activity has a geofence (a weak signal: the server decides). */
async function currentLocation(): Promise<{ latitude: number; longitude: number } | undefined> {
  try {
    const { latitude, longitude } = await Taro.getLocation({ type: 'gcj02' })
    return { latitude, longitude }
  } catch {
    return undefined
  }
}

export async function signIn(token: string, withLocation: boolean) {
  const location = withLocation ? await currentLocation() : undefined
  return callAction('checkin', 'signIn', { token, ...(location ? { location } : {}) })
}
