import { COLLECTIONS } from '../../../src/domain/collections'
import type { Evidence, Member } from '../../../src/domain/model'
import type { TestCloud } from '../../support/local-cloud'
import { sampleJpeg, samplePdf, samplePng } from '../../support/sample-files'

export const BRANCH = 'org-cs-teacher'
export const OTHER_BRANCH = 'org-fl-teacher'

/** Real files of each type (the evidence function checks their structure, not their names). */
export const jpegBytes = (size = 2048) => sampleJpeg({ size })
export const pngBytes = () => samplePng()
export const pdfBytes = () => samplePdf()
export const textBytes = () => new TextEncoder().encode('这不是图片，只是一段文字。')

export { CHINESE } from '../../support/actions'

let uploads = 0

export function helpers(env: TestCloud) {
  const db = env.cloud.db()
  const member = (predicate: (member: Member) => boolean): Member => {
    const found = env.demo.members.find(predicate)
    if (!found?.openid) throw new Error('no such demo member')
    return found
  }
  const secretaryOf = (branchId: string) => member((m) => m.branchId === branchId && m.roles.includes('secretary'))
  return {
    db,
    secretary: secretaryOf(BRANCH),
    otherSecretary: secretaryOf(OTHER_BRANCH),
    publicity: member((m) => m.branchId === BRANCH && m.roles.includes('publicity')),
    plainMember: member(
      (m) => m.branchId === BRANCH && m.roles.length === 0 && m.adminOrgIds.length === 0 && m.active,
    ),
    generalAdmin: member((m) => m.adminOrgIds.includes('org-cs')),
    /** Puts bytes where the app would upload them and answers the file id. */
    async upload(activityId: string, bytes: Uint8Array, extension = 'jpg', branchId = BRANCH): Promise<string> {
      const { fileId } = await env.cloud.storage.uploadFile(
        `evidence/${branchId}/${activityId}/t${++uploads}.${extension}`,
        bytes,
      )
      return fileId
    },
    async stored(fileId: string): Promise<boolean> {
      return env.cloud.storage.downloadFile(fileId).then(
        () => true,
        () => false,
      )
    },
    async evidenceOf(activityId: string): Promise<Evidence[]> {
      return (await db.collection(COLLECTIONS.evidence.name).where({ activityId }).limit(100).get()).data as Evidence[]
    },
    /** WeChat pushing the result of an image check to the evidence function. */
    pushMediaCheck(traceId: string, suggest: 'pass' | 'review' | 'risky') {
      return env.cloud.invokeFromPlatform('evidence', 'push', { Event: 'wxa_media_check', trace_id: traceId, result: { suggest } })
    },
    invoke(action: string, payload: unknown, who: Member | null) {
      return env.cloud.invoke('evidence', { action, payload }, who ? who.openid! : null)
    },
  }
}
