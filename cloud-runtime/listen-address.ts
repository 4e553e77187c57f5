import { BlockList, isIP } from 'node:net'

/** Set to 1 to let `npm start` listen on an address other computers can reach. */
export const ALLOW_LAN_ENV = 'ZBT_ALLOW_LAN'

export type ListenDecision =
  | { kind: 'loopback' }
  | { kind: 'network'; warning: string }
  | { kind: 'refused'; message: string }

const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

/** 127.0.0.0/8 (also IPv4-mapped), ::1 and localhost: reachable from this computer only. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (name === 'localhost') return true
  const family = isIP(name)
  return family !== 0 && LOOPBACK.check(name, family === 4 ? 'ipv4' : 'ipv6')
}

/**
 * Whether the local runtime may listen on `host`. Anyone who can reach it can pick any identity
 * on the dev sign-in page and act as them, and read and write everything: off this computer only
 * when the person asked for it with ZBT_ALLOW_LAN=1.
 */
export function decideListenAddress(host: string, env: Record<string, string | undefined>): ListenDecision {
  if (isLoopbackHost(host)) return { kind: 'loopback' }
  if (env[ALLOW_LAN_ENV] === '1') {
    return {
      kind: 'network',
      warning: [
        '',
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        `!! 警告：本地环境正在监听 ${host}，同一网络中的任何人都能访问它。`,
        '!! 开发登录页不校验身份：任何人都能冒充任何党员（包括党委管理员），',
        '!! 读取和修改全部数据。只在可信的网络中短时使用，用完立即停止。',
        `!! （因为设置了 ${ALLOW_LAN_ENV}=1；不设置时只允许本机访问。）`,
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        '',
      ].join('\n'),
    }
  }
  return { kind: 'refused', message: refusalToListen(host) }
}

export function refusalToListen(host: string): string {
  return (
    `拒绝监听 ${host}：本地环境的开发登录页允许任何人冒充任何身份，只能在本机访问（HOST=127.0.0.1）。` +
    `确需让局域网中的其他设备访问，请设置 ${ALLOW_LAN_ENV}=1 后重新启动，并注意启动时的警告。`
  )
}

type NetworkInterfaces = Record<string, { address: string; family: string | number; internal: boolean }[] | undefined>

/**
 * The address to hand out in links (file URLs, the start-up line): a phone on the LAN cannot open
 * "localhost". A wildcard host (0.0.0.0, ::) is named by this computer's first LAN IPv4 address.
 */
export function reachableUrl(host: string, port: number, interfaces: NetworkInterfaces): string {
  if (isLoopbackHost(host)) return `http://localhost:${port}`
  const name = host.trim().replace(/^\[(.*)\]$/, '$1')
  if (name === '0.0.0.0' || name === '::') {
    const lan = Object.values(interfaces)
      .flatMap((addresses) => addresses ?? [])
      .find((entry) => !entry.internal && (entry.family === 'IPv4' || entry.family === 4))
    return `http://${lan?.address ?? 'localhost'}:${port}`
  }
  return `http://${isIP(name) === 6 ? `[${name}]` : name}:${port}`
}
