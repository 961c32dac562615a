import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { healthUrl, probeHealth } from './health'

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

describe('probeHealth', () => {
  let server: Server
  let base: string
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok/health') res.writeHead(200).end('ok')
      else if (req.url === '/db/health') res.writeHead(503).end('database unreachable')
      else if (req.url === '/slow/health') setTimeout(() => res.writeHead(200).end(), 5000)
      else res.writeHead(404).end()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => {
    server.closeAllConnections()
    server.close()
  })

  it('returns the status of a healthy and of a failing app', async () => {
    expect(await probeHealth(`${base}/ok`)).toMatchObject({ status: 200, url: `http://${base}/ok/health` })
    expect(await probeHealth(`${base}/db`)).toMatchObject({ status: 503 })
  })

  it('never throws: refused connections and timeouts come back as status null', async () => {
    const refused = await probeHealth('127.0.0.1:1')
    expect(refused.status).toBeNull()
    expect(refused.error).toMatch(/request failed/)
    const slow = await probeHealth(`${base}/slow`)
    expect(slow).toMatchObject({ status: null, error: 'no answer within 3 s' })
  }, 10_000)
})
