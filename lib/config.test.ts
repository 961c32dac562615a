import { describe, expect, it } from 'vitest'

import { ConfigError, parseConfig } from './config'

const ARN = 'arn:aws:apprunner:eu-central-1:082609687527:service/appfactory-app-service/7d3f1c2b9a8e4d6f8b0a1c2d3e4f5a6b'

describe('APPFACTORY_APPRUNNER_SERVICE', () => {
  it('takes a service name, as the documented setup does', () => {
    const c = parseConfig({})
    expect(c.appRunnerService).toBe('appfactory-app-service')
    expect(c.appRunnerServiceArn).toBeUndefined()
    expect(c.appRunnerServiceId).toBeUndefined()
  })

  it('takes the service ARN, and then knows its name and id without asking AWS', () => {
    const c = parseConfig({ APPFACTORY_APPRUNNER_SERVICE: ARN })
    expect(c).toMatchObject({
      appRunnerService: 'appfactory-app-service',
      appRunnerServiceArn: ARN,
      appRunnerServiceId: '7d3f1c2b9a8e4d6f8b0a1c2d3e4f5a6b',
    })
  })

  it('refuses an ARN from another region than AWS_REGION, naming both', () => {
    expect(() => parseConfig({ APPFACTORY_APPRUNNER_SERVICE: ARN, AWS_REGION: 'us-east-1' })).toThrow(
      /APPFACTORY_APPRUNNER_SERVICE: expected a service in AWS_REGION us-east-1; the ARN names eu-central-1/,
    )
  })

  it.each([
    ['app'],
    ['-starts-with-dash'],
    ['has space'],
    ['arn:aws:apprunner:eu-central-1:082609687527:service/appfactory-app-service'],
    ['arn:aws:ecs:eu-central-1:082609687527:service/x/7d3f1c2b9a8e4d6f8b0a1c2d3e4f5a6b'],
  ])('refuses %s with the accepted forms', (value) => {
    expect(() => parseConfig({ APPFACTORY_APPRUNNER_SERVICE: value })).toThrow(ConfigError)
    expect(() => parseConfig({ APPFACTORY_APPRUNNER_SERVICE: value })).toThrow(
      /an App Runner service name such as appfactory-app-service, or its ARN/,
    )
  })
})

describe('sign-in configuration', () => {
  const oidc = { PORTAL_OIDC_ISSUER: 'https://accounts.google.com', PORTAL_OIDC_CLIENT_ID: 'id', PORTAL_OIDC_CLIENT_SECRET: 'secret-value' }
  const publicUrl = { PORTAL_PUBLIC_URL: 'https://portal.example.com' }

  it('requires PORTAL_SESSION_SECRET in production when sign-in is configured', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', ...oidc, ...publicUrl })).toThrow(/PORTAL_SESSION_SECRET/)
    expect(parseConfig({ NODE_ENV: 'production', ...oidc, ...publicUrl, PORTAL_SESSION_SECRET: 'x'.repeat(32) }).oidc?.clientId).toBe('id')
    // Tokens-only production and the loopback demo need no session secret.
    expect(parseConfig({ NODE_ENV: 'production', PORTAL_API_TOKENS: 'ci:viewer:abcdefghijklmnop' }).sessionSecret).toBeUndefined()
    expect(
      parseConfig({
        NODE_ENV: 'production',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
        PORTAL_PUBLIC_URL: 'http://127.0.0.1:3000',
        ...oidc,
      }).sessionSecret,
    ).toBeUndefined()
  })

  it('requires PORTAL_PUBLIC_URL in production when sign-in is configured (start-up refuses without it)', () => {
    const secret = { PORTAL_SESSION_SECRET: 'x'.repeat(32) }
    expect(() => parseConfig({ NODE_ENV: 'production', ...oidc, ...secret })).toThrow(
      /PORTAL_PUBLIC_URL: expected the portal's external URL/,
    )
    expect(() =>
      parseConfig({ NODE_ENV: 'production', PORTAL_GITHUB_CLIENT_ID: 'gh', PORTAL_GITHUB_CLIENT_SECRET: 's', ...secret }),
    ).toThrow(/PORTAL_PUBLIC_URL/)
    // Outside production (next dev) and without interactive sign-in it may stay unset.
    expect(parseConfig({ ...oidc }).publicUrl).toBeUndefined()
    expect(parseConfig({ NODE_ENV: 'production', PORTAL_API_TOKENS: 'ci:viewer:abcdefghijklmnop' }).publicUrl).toBeUndefined()
  })

  it('takes an origin only, and https in production unless the host is loopback (the demo and e2e run there)', () => {
    expect(parseConfig({ PORTAL_PUBLIC_URL: 'https://portal.example.com/' }).publicUrl).toBe('https://portal.example.com')
    expect(() => parseConfig({ PORTAL_PUBLIC_URL: 'https://portal.example.com/portal' })).toThrow(/origin only/)
    expect(() => parseConfig({ NODE_ENV: 'production', PORTAL_PUBLIC_URL: 'http://portal.example.com' })).toThrow(/expected https:\/\//)
    expect(parseConfig({ NODE_ENV: 'production', PORTAL_PUBLIC_URL: 'http://127.0.0.1:3000' }).publicUrl).toBe('http://127.0.0.1:3000')
  })

  it('rejects a short session secret and an issuer without client id', () => {
    expect(() => parseConfig({ PORTAL_SESSION_SECRET: 'short' })).toThrow(/PORTAL_SESSION_SECRET/)
    expect(() => parseConfig({ PORTAL_OIDC_ISSUER: 'https://accounts.google.com' })).toThrow(/PORTAL_OIDC_CLIENT_ID/)
  })
})

describe('access lists stop start-up when malformed', () => {
  it('names a PORTAL_API_TOKENS entry whose token is too short, never its value', () => {
    const run = () => parseConfig({ PORTAL_API_TOKENS: 'ci:operator:0123456789abcdef,smoke:viewer:short-token' })
    expect(run).toThrow(/PORTAL_API_TOKENS: .*smoke/)
    expect(run).not.toThrow(/short-token/)
    expect(() => parseConfig({ PORTAL_API_TOKENS: 'ci:root:0123456789abcdef' })).toThrow(/PORTAL_API_TOKENS: .*ci/)
    expect(parseConfig({ PORTAL_API_TOKENS: 'ci:operator:0123456789abcdef' }).apiTokens).toBe('ci:operator:0123456789abcdef')
  })

  it('names PORTAL_ROLE_* entries it does not understand, such as a GitHub login instead of its numeric id', () => {
    expect(() => parseConfig({ PORTAL_ROLE_ADMINS: 'github:octocat' })).toThrow(/PORTAL_ROLE_ADMINS: .*github:octocat/)
    expect(() => parseConfig({ PORTAL_ROLE_VIEWERS: '@example.com, nonsense' })).toThrow(/PORTAL_ROLE_VIEWERS: .*nonsense/)
    expect(parseConfig({ PORTAL_ROLE_OPERATORS: 'github:583231, @example.com' }).roleRules.operator).toBe('github:583231, @example.com')
  })
})

describe('session and rate settings', () => {
  it('defaults to an 8-hour idle timeout and 600 reads a minute, both configurable', () => {
    expect(parseConfig({})).toMatchObject({ sessionIdleMinutes: 480, readRateLimitPerMinute: 600 })
    expect(parseConfig({ PORTAL_SESSION_IDLE_MINUTES: '30', PORTAL_READ_RATE_LIMIT_PER_MINUTE: '120' })).toMatchObject({
      sessionIdleMinutes: 30,
      readRateLimitPerMinute: 120,
    })
    expect(() => parseConfig({ PORTAL_SESSION_IDLE_MINUTES: '0' })).toThrow(/PORTAL_SESSION_IDLE_MINUTES/)
  })
})
