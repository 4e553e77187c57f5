import { decideListenAddress, isLoopbackHost, reachableUrl } from '../../../cloud-runtime/listen-address'

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

describe('reachableUrl: the address links and the start-up line hand out', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    eth0: [
      { address: 'fe80::1', family: 'IPv6', internal: false },
      { address: '192.168.1.20', family: 'IPv4', internal: false },
    ],
  }

  it('keeps localhost on this computer', () => {
    expect(reachableUrl('127.0.0.1', 8787, interfaces)).toBe('http://localhost:8787')
  })

  it('names a wildcard host by the first LAN IPv4 address, which a phone on the network can open', () => {
    expect(reachableUrl('0.0.0.0', 8787, interfaces)).toBe('http://192.168.1.20:8787')
    expect(reachableUrl('::', 8787, interfaces)).toBe('http://192.168.1.20:8787')
    expect(reachableUrl('0.0.0.0', 8787, { lo: interfaces.lo })).toBe('http://localhost:8787')
  })

  it('hands out a named host as it is, an IPv6 address in brackets', () => {
    expect(reachableUrl('10.0.0.5', 8080, interfaces)).toBe('http://10.0.0.5:8080')
    expect(reachableUrl('fd00::5', 8080, interfaces)).toBe('http://[fd00::5]:8080')
  })
})
