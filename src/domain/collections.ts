/**
 * Every collection of the cloud database and its indexes, declared once.
 * The local runtime creates these indexes (unique ones enforced); the README
 * and `npm run print:indexes` list them for a real CloudBase environment.
 */
export interface IndexField {
  field: string
  direction: 1 | -1
}

export interface IndexDefinition {
  name: string
  fields: IndexField[]
  unique: boolean
  /** Unique only over documents that have the field (an unbound member has no openid). */
  sparse?: boolean
}

export interface CollectionDefinition {
  name: string
  description: string
  indexes: IndexDefinition[]
}

const asc = (field: string): IndexField => ({ field, direction: 1 })
const desc = (field: string): IndexField => ({ field, direction: -1 })

export const COLLECTIONS = {
  orgs: {
    name: 'orgs',
    description: '组织树：党委、党总支、党支部、党小组',
    indexes: [
      { name: 'parentId', fields: [asc('parentId')], unique: false },
      { name: 'ancestorIds', fields: [asc('ancestorIds')], unique: false },
    ],
  },
  members: {
    name: 'members',
    description: '党员花名册（含微信身份绑定）',
    indexes: [
      { name: 'number_unique', fields: [asc('number')], unique: true },
      { name: 'openid_unique', fields: [asc('openid')], unique: true, sparse: true },
      { name: 'branchId_name', fields: [asc('branchId'), asc('name')], unique: false },
    ],
  },
  activities: {
    name: 'activities',
    description: '组织生活活动（三会一课、主题党日等）',
    indexes: [
      { name: 'branchId_startAt', fields: [asc('branchId'), desc('startAt')], unique: false },
      { name: 'status_startAt', fields: [asc('status'), asc('startAt')], unique: false },
    ],
  },
  attendance: {
    name: 'attendance',
    description: '签到与出勤记录（每人每活动一条）',
    indexes: [
      { name: 'activity_member_unique', fields: [asc('activityId'), asc('memberId')], unique: true },
      { name: 'memberId', fields: [asc('memberId')], unique: false },
      { name: 'branchId', fields: [asc('branchId')], unique: false },
    ],
  },
  evidence: {
    name: 'evidence',
    description: '痕迹：活动照片与会议记录',
    indexes: [{ name: 'activityId', fields: [asc('activityId')], unique: false }],
  },
  studyRecords: {
    name: 'study_records',
    description: '自学学时申报',
    indexes: [{ name: 'memberId_studiedAt', fields: [asc('memberId'), desc('studiedAt')], unique: false }],
  },
} as const satisfies Record<string, CollectionDefinition>

export type CollectionKey = keyof typeof COLLECTIONS
export const ALL_COLLECTIONS: CollectionDefinition[] = Object.values(COLLECTIONS)
