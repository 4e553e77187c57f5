/** 138****5678: phone numbers are personal data and masked wherever others can see them. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null
  if (phone.length < 7) return '*'.repeat(phone.length)
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}
