import fs from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// The real emulator, in-process on a free port: demo sign-in must recognise it, and only it.
import { type Emulator, startEmulator } from '@/emulator/core/server'
import { isLoopbackUrl, parseConfig } from '@/lib/config'

describe('isLoopbackUrl', () => {
  it.each([
    ['http://127.0.0.1:4566', true],
    ['http://127.8.9.10', true],
    ['http://localhost:4566', true],
    ['http://LOCALHOST', true],
    ['http://[::1]:4566', true],
    ['https://127.0.0.1', true],
    ['http://127.0.0.1.evil.example', false],
    ['http://localhost.evil.example', false],
    ['http://128.0.0.1', false],
    ['http://127.0.0.256', false],
    ['http://10.0.0.1:4566', false],
    ['http://[::2]', false],
    ['https://rds.eu-central-1.amazonaws.com', false],
    ['ftp://127.0.0.1', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => expect(isLoopbackUrl(url)).toBe(expected))
})

describe('demo sign-in setting (lib/config)', () => {
  const emulatorEnv = { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }

  it('is off unless asked for, even against a loopback emulator (npm start never has it)', () => {
    expect(parseConfig(emulatorEnv).demoAuth).toBe(false)
    expect(parseConfig({}).demoAuth).toBe(false)
    expect(parseConfig({ ...emulatorEnv, PORTAL_DEMO_AUTH: 'off' }).demoAuth).toBe(false)
    expect(parseConfig({ ...emulatorEnv, PORTAL_DEMO_AUTH: 'on' }).demoAuth).toBe(true)
  })

  it('is refused, with the reason, against anything but a loopback endpoint', () => {
    expect(parseConfig({ PORTAL_DEMO_AUTH: 'on' })).toMatchObject({ demoAuth: false, demoAuthRefusal: expect.stringContaining('loopback') })
    expect(parseConfig({ AWS_ENDPOINT_URL: 'http://10.1.2.3:4566', PORTAL_DEMO_AUTH: 'on' }).demoAuth).toBe(false)
    expect(parseConfig({ AWS_ENDPOINT_URL: 'https://proxy.example.com', PORTAL_DEMO_AUTH: 'on' }).demoAuth).toBe(false)
  })

  it('is refused while AWS_ENDPOINT_URL_RDS (any service) or the ignore flag is set', () => {
    const rds = parseConfig({ ...emulatorEnv, PORTAL_DEMO_AUTH: 'on', AWS_ENDPOINT_URL_RDS: 'https://rds.eu-central-1.amazonaws.com' })
    expect(rds).toMatchObject({
      demoAuth: false,
      demoAuthRefusal: 'AWS_ENDPOINT_URL_RDS is set',
      endpointOverrides: ['AWS_ENDPOINT_URL_RDS'],
    })
    const ignore = parseConfig({ ...emulatorEnv, PORTAL_DEMO_AUTH: 'on', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })
    expect(ignore).toMatchObject({ demoAuth: false, demoAuthRefusal: 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is set' })
    const both = parseConfig({
      ...emulatorEnv,
      PORTAL_DEMO_AUTH: 'on',
      AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_STS: 'x',
    })
    expect(both.demoAuthRefusal).toBe('AWS_ENDPOINT_URL_ECR, AWS_ENDPOINT_URL_STS are set')
  })
})

describe('demo sign-in decision at start-up (lib/auth/demo)', () => {
  let emulator: Emulator
  let impostor: Server
  let impostorUrl: string
  let dir: string

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
    // A loopback server that is not the emulator: answers its control route with 404, as any other service would.
    impostor = createServer((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}'))
    await new Promise<void>((r) => impostor.listen(0, '127.0.0.1', r))
    impostorUrl = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-demo-'))
  })
  afterAll(async () => {
    await emulator.close()
    impostor.close()
    fs.rmSync(dir, { recursive: true, force: true })
    vi.unstubAllEnvs()
  })

  /** decideDemoSignIn() under a fresh environment (lib/config reads it once per module instance). */
  async function decide(env: Record<string, string>) {
    vi.unstubAllEnvs()
    const configFile = path.join(dir, 'config-default')
    fs.writeFileSync(configFile, '[default]\nregion = eu-central-1\n')
    for (const [k, v] of Object.entries({ AWS_CONFIG_FILE: configFile, PORTAL_LOG_LEVEL: 'silent', ...env })) vi.stubEnv(k, v)
    for (const k of ['AWS_ENDPOINT_URL_RDS', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_PROFILE']) if (!(k in env)) vi.stubEnv(k, '')
    vi.resetModules()
    const { decideDemoSignIn } = await import('./demo')
    return decideDemoSignIn()
  }

  it('turns it on when asked for and the endpoint answers as the emulator', async () => {
    expect(await decide({ AWS_ENDPOINT_URL: emulator.url, PORTAL_DEMO_AUTH: 'on' })).toEqual({ isOn: true, reason: null })
  })

  it('refuses it with AWS_ENDPOINT_URL_RDS set', async () => {
    const d = await decide({
      AWS_ENDPOINT_URL: emulator.url,
      PORTAL_DEMO_AUTH: 'on',
      AWS_ENDPOINT_URL_RDS: 'https://rds.eu-central-1.amazonaws.com',
    })
    expect(d).toEqual({ isOn: false, reason: 'AWS_ENDPOINT_URL_RDS is set' })
  })

  it('refuses it with the ignore flag in the environment or in the profile', async () => {
    const env = await decide({ AWS_ENDPOINT_URL: emulator.url, PORTAL_DEMO_AUTH: 'on', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })
    expect(env).toEqual({ isOn: false, reason: 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is set' })
    const configFile = path.join(dir, 'config-ignoring')
    fs.writeFileSync(configFile, '[profile work]\nregion = eu-central-1\nignore_configured_endpoint_urls = true\n')
    const profile = await decide({
      AWS_ENDPOINT_URL: emulator.url,
      PORTAL_DEMO_AUTH: 'on',
      AWS_PROFILE: 'work',
      AWS_CONFIG_FILE: configFile,
    })
    expect(profile).toEqual({ isOn: false, reason: 'the AWS profile work sets ignore_configured_endpoint_urls' })
  })

  it('refuses it when the loopback endpoint is not the emulator, or answers nothing', async () => {
    const other = await decide({ AWS_ENDPOINT_URL: impostorUrl, PORTAL_DEMO_AUTH: 'on' })
    expect(other).toEqual({ isOn: false, reason: `${impostorUrl} does not answer the emulator's control route (/_emulator/state)` })
    const closed = await decide({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1', PORTAL_DEMO_AUTH: 'on' })
    expect(closed.isOn).toBe(false)
  })

  it('stays off when not asked for, whatever the endpoint is', async () => {
    expect(await decide({ AWS_ENDPOINT_URL: emulator.url })).toEqual({ isOn: false, reason: null })
  })
})
