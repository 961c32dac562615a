import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { healthUrl, isProbeAllowed } from './health'

describe('healthUrl', () => {
  it.each([
    ['abc123.eu-central-1.awsapprunner.com', 'https://abc123.eu-central-1.awsapprunner.com/health'],
    ['abc123.eu-central-1.awsapprunner.com/', 'https://abc123.eu-central-1.awsapprunner.com/health'],
    ['127.0.0.1:4566/_app/7d3f', 'http://127.0.0.1:4566/_app/7d3f/health'],
    ['localhost:3000', 'http://localhost:3000/health'],
    ['[::1]:3000', 'http://[::1]:3000/health'],
    ['127-0-0-1.example.com', 'https://127-0-0-1.example.com/health'],
    ['https://already.example.com', 'https://already.example.com/health'],
  ])('%s → %s', (url, expected) => {
    expect(healthUrl(url, '/health')).toBe(expected)
  })
})

describe('isProbeAllowed: only App Runner URLs, or the loopback emulator the portal is pointed at', () => {
  const aws = { region: 'eu-central-1', endpointUrl: undefined }
  const emulator = { region: 'eu-central-1', endpointUrl: 'http://127.0.0.1:4566' }
  it.each([
    ['https://abc123xyz.eu-central-1.awsapprunner.com/health', aws, true],
    ['https://abc123xyz.us-east-1.awsapprunner.com/health', aws, false],
    ['http://abc123xyz.eu-central-1.awsapprunner.com/health', aws, false],
    ['https://abc123xyz.eu-central-1.awsapprunner.com:8443/health', aws, false],
    ['https://user:pw@abc.eu-central-1.awsapprunner.com/health', aws, false],
    ['https://abc.eu-central-1.awsapprunner.com.evil.example/health', aws, false],
    ['https://a.b.eu-central-1.awsapprunner.com/health', aws, false],
    ['http://169.254.169.254/latest/meta-data/', aws, false],
    ['http://127.0.0.1:4566/_app/7d3f/health', aws, false],
    ['http://127.0.0.1:4566/_app/7d3f/health', emulator, true],
    ['http://127.0.0.1:4567/_app/7d3f/health', emulator, false],
    ['http://localhost:4566/_app/7d3f/health', emulator, false],
    ['http://10.0.0.5:4566/health', { ...emulator, endpointUrl: 'http://10.0.0.5:4566' }, false],
  ])('%s (%o) → %s', (url, settings, expected) => expect(isProbeAllowed(url, settings)).toBe(expected))
})

describe('probeHealth', () => {
  let server: Server
  let base: string
  let probeHealth: typeof import('./health').probeHealth
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok/health') res.writeHead(200).end('ok')
      else if (req.url === '/db/health') res.writeHead(503).end('database unreachable')
      else if (req.url === '/slow/health') setTimeout(() => res.writeHead(200).end(), 5000)
      else res.writeHead(404).end()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`
    // The probe fetches a loopback URL only on the origin of the (emulator) endpoint the portal is pointed at.
    vi.stubEnv('AWS_ENDPOINT_URL', `http://${base}`)
    vi.resetModules()
    ;({ probeHealth } = await import('./health'))
  })
  afterAll(() => {
    vi.unstubAllEnvs()
    server.closeAllConnections()
    server.close()
  })

  it('does not fetch a URL outside those rules', async () => {
    const r = await probeHealth('169.254.169.254/latest/meta-data')
    expect(r).toMatchObject({ status: null, error: expect.stringContaining('not probed') })
  })

  it('returns the status of a healthy and of a failing app', async () => {
    expect(await probeHealth(`${base}/ok`)).toMatchObject({ status: 200, url: `http://${base}/ok/health` })
    expect(await probeHealth(`${base}/db`)).toMatchObject({ status: 503 })
  })

  it('never throws: refused connections and timeouts come back as status null', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:1')
    vi.resetModules()
    const refused = await (await import('./health')).probeHealth('127.0.0.1:1')
    vi.stubEnv('AWS_ENDPOINT_URL', `http://${base}`)
    expect(refused.status).toBeNull()
    expect(refused.error).toMatch(/request failed/)
    const slow = await probeHealth(`${base}/slow`)
    expect(slow).toMatchObject({ status: null, error: 'no answer within 3 s' })
  }, 10_000)
})
