/** The closed set of error codes a cloud-function action may answer with. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'NOT_BOUND',
  'FORBIDDEN',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'CHECKIN_CLOSED',
  'TOKEN_EXPIRED',
  'TOKEN_INVALID',
  'OUT_OF_RANGE',
  'RATE_LIMITED',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** Default Chinese message for each code; actions may give a more precise one. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: '请先登录',
  NOT_BOUND: '您的微信尚未绑定党员身份，请先完成身份绑定',
  FORBIDDEN: '您没有权限进行此操作',
  INVALID_INPUT: '提交的内容有误，请检查后重试',
  NOT_FOUND: '要找的记录不存在或已被删除',
  CONFLICT: '数据已被他人修改或已存在，请刷新后重试',
  CHECKIN_CLOSED: '当前不在签到时间内',
  TOKEN_EXPIRED: '签到码已过期，请重新扫描现场二维码',
  TOKEN_INVALID: '签到码无效',
  OUT_OF_RANGE: '您不在活动地点附近，无法签到',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  INTERNAL: '服务暂时不可用，请稍后重试',
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    /** Problems by field or row (e.g. '第 3 行' → '缺少姓名'), answered with INVALID_INPUT. */
    readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'AppError'
  }
}
