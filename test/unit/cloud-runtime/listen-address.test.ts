import { decideListenAddress, isLoopbackHost } from '../../../cloud-runtime/listen-address'

describe('decideListenAddress: where npm start may listen', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])(
    'listens on the loopback address %s without asking',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true)
      expect(decideListenAddress(host, {})).toEqual({ kind: 'loopback' })
    },
  )

  it.each(['0.0.0.0', '::', '192.168.1.20', '10.0.0.5', '::ffff:10.0.0.5', 'fe80::1', 'my-laptop.local', 'localhost.evil.example'])(
    'refuses %s, which other computers may reach, naming the opt-in',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false)
      const decision = decideListenAddress(host, {})
      expect(decision.kind).toBe('refused')
      expect(decision.kind === 'refused' && decision.message).toContain('ZBT_ALLOW_LAN=1')
    },
  )

  it('listens on the network only with ZBT_ALLOW_LAN=1, and then warns loudly in Chinese', () => {
    expect(decideListenAddress('0.0.0.0', { ZBT_ALLOW_LAN: 'true' }).kind).toBe('refused')
    expect(decideListenAddress('0.0.0.0', { ZBT_ALLOW_LAN: '' }).kind).toBe('refused')
    const decision = decideListenAddress('0.0.0.0', { ZBT_ALLOW_LAN: '1' })
    expect(decision.kind).toBe('network')
    expect(decision.kind === 'network' && decision.warning).toMatch(/警告.*0\.0\.0\.0[\s\S]*冒充任何党员/)
  })
})
