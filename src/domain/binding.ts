/**
 * Binding a WeChat identity to a roster entry (members.claim): how often one identity may try.
 * Every attempt counts, whatever its outcome, so a stranger cannot find out by guessing
 * names and 学号/工号 who is a Party member.
 */
export const CLAIM_LIMITS = {
  attemptsPerWindow: 5,
  windowMinutes: 60,
} as const

/** One answer for "no such entry", "the name does not match" and "already bound or claimed". */
export const CLAIM_NO_MATCH =
  '没有找到可以绑定的相符记录：请核对姓名和学号/工号；如曾用其他微信绑定或已有人提交申请，请联系支部书记'
