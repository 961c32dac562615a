/**
 * Signatures, keys, regions and identities, through the real SDK clients: with EMULATOR_CREDENTIALS
 * the emulator verifies SigV4 and refuses a wrong secret, an unknown key and an expired date the way
 * each service does; the AppFactory world lives in eu-central-1 (other regions see an empty account);
 * STS reports the identity behind the signing key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Emulator } from '../core/server'
import type { ServiceName } from '../models/sources'
import { ACCOUNT_ID, CALLER_ARN, DB_INSTANCE, ECR_REPOSITORY, GITHUB_ROLE, SERVICE_ARN } from '../world/constants'
import { caught, control, credentials, signedFetch, start, TEST_KEY } from './helpers'
import { VALID } from './requests'
import { sdk } from './sdk'

const ROLE_KEY = { accessKeyId: 'ASIAGITHUBDEPLOY0001', secretAccessKey: 'github-secret' }
const ROLE_ARN = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${GITHUB_ROLE}/GitHubActions`
const OTHER_ACCOUNT_KEY = { accessKeyId: 'AKIAOTHERACCOUNT0001', secretAccessKey: 'other-secret' }

/** One read per service, and how each refuses a wrong secret, an unknown key and an expired date. */
const CASES: {
  name: ServiceName
  operation: string
  awsQuery?: boolean
  signature: [string, number]
  unknown: [string, number]
  expired: [string, number]
}[] = [
  {
    name: 'ecr',
    operation: 'DescribeRepositories',
    signature: ['InvalidSignatureException', 400],
    unknown: ['UnrecognizedClientException', 400],
    expired: ['InvalidSignatureException', 400],
  },
  {
    name: 'apprunner',
    operation: 'ListServices',
    signature: ['InvalidSignatureException', 400],
    unknown: ['UnrecognizedClientException', 400],
    expired: ['InvalidSignatureException', 400],
  },
  {
    name: 'logs',
    operation: 'DescribeLogGroups',
    signature: ['InvalidSignatureException', 400],
    unknown: ['UnrecognizedClientException', 400],
    expired: ['InvalidSignatureException', 400],
  },
  {
    name: 'cloudtrail',
    operation: 'LookupEvents',
    signature: ['InvalidSignatureException', 400],
    unknown: ['UnrecognizedClientException', 400],
    expired: ['InvalidSignatureException', 400],
  },
  {
    name: 'monitoring',
    operation: 'DescribeAlarms',
    signature: ['SignatureDoesNotMatch', 403],
    unknown: ['InvalidClientTokenId', 403],
    expired: ['SignatureDoesNotMatch', 403],
  },
  {
    name: 'monitoring',
    operation: 'DescribeAlarms',
    awsQuery: true,
    signature: ['SignatureDoesNotMatch', 403],
    unknown: ['InvalidClientTokenId', 403],
    expired: ['SignatureDoesNotMatch', 403],
  },
  {
    name: 'rds',
    operation: 'DescribeDBInstances',
    signature: ['SignatureDoesNotMatch', 403],
    unknown: ['InvalidClientTokenId', 403],
    expired: ['SignatureDoesNotMatch', 403],
  },
  {
    name: 'iam',
    operation: 'GetRole',
    signature: ['SignatureDoesNotMatch', 403],
    unknown: ['InvalidClientTokenId', 403],
    expired: ['SignatureDoesNotMatch', 403],
  },
  {
    name: 'sts',
    operation: 'GetCallerIdentity',
    signature: ['SignatureDoesNotMatch', 403],
    unknown: ['InvalidClientTokenId', 403],
    expired: ['SignatureDoesNotMatch', 403],
  },
  {
    name: 'ec2',
    operation: 'DescribeSecurityGroups',
    signature: ['AuthFailure', 401],
    unknown: ['AuthFailure', 401],
    expired: ['RequestExpired', 400],
  },
]

describe('with EMULATOR_CREDENTIALS: signatures are verified', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await start({
      credentials: credentials(
        `${TEST_KEY.accessKeyId}:${TEST_KEY.secretAccessKey},${ROLE_KEY.accessKeyId}:${ROLE_KEY.secretAccessKey}:${ROLE_ARN},${OTHER_ACCOUNT_KEY.accessKeyId}:${OTHER_ACCOUNT_KEY.secretAccessKey}:arn:aws:iam::111122223333:user/someone`,
      ),
    })
  })
  afterAll(async () => {
    await emu.close()
  })

  for (const c of CASES) {
    const label = `${c.name}${c.awsQuery ? ' (awsQuery)' : ''}`
    const send = (key: typeof TEST_KEY, extra: { systemClockOffset?: number } = {}) => {
      const client = sdk(c.name, emu.url, { awsQuery: c.awsQuery, key, ...extra })
      return client.send(c.operation, VALID[`${c.name}.${c.operation}`]!()).finally(() => client.destroy())
    }

    it(`${label}: the right key and secret are accepted`, async () => {
      await expect(send(TEST_KEY)).resolves.toBeDefined()
    })
    it(`${label}: a wrong secret → ${c.signature[0]}`, async () => {
      const e = await caught(() => send({ ...TEST_KEY, secretAccessKey: 'not-the-secret' }))
      expect([e.name, e.$metadata?.httpStatusCode]).toEqual(c.signature)
    })
    it(`${label}: an unknown key → ${c.unknown[0]}`, async () => {
      const e = await caught(() => send({ accessKeyId: 'AKIAUNKNOWNKEY000001', secretAccessKey: 'x' }))
      expect([e.name, e.$metadata?.httpStatusCode]).toEqual(c.unknown)
    })
    it(`${label}: a request signed 20 minutes ago → ${c.expired[0]}`, async () => {
      const e = await caught(() => send(TEST_KEY, { systemClockOffset: -20 * 60_000 }))
      expect([e.name, e.$metadata?.httpStatusCode]).toEqual(c.expired)
      if (c.name !== 'ec2')
        expect(e.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/)
    })
  }

  it('a body changed after signing does not match the signature', async () => {
    const form = {
      contentType: 'application/x-www-form-urlencoded',
      body: 'Action=GetRole&Version=2010-05-08&RoleName=AppFactoryGitHubActionsRole',
    }
    expect((await signedFetch(emu.url, 'iam', form)).status).toBe(200)
    const changed = await signedFetch(emu.url, 'iam', { ...form, sendBody: form.body.replace('GitHubActions', 'Admin') })
    expect(changed.status).toBe(403)
    expect(await changed.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
  })

  it('a request without a signature, or with one that does not parse, is refused', async () => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded' }
    const body = 'Action=GetCallerIdentity&Version=2011-06-15'
    const none = await fetch(emu.url, { method: 'POST', headers, body })
    expect(none.status).toBe(403)
    expect(await none.text()).toContain('<Code>MissingAuthenticationToken</Code>')
    const broken = await fetch(emu.url, { method: 'POST', headers: { ...headers, authorization: 'AWS4-HMAC-SHA256 Credential=x' }, body })
    expect(broken.status).toBe(400)
    expect(await broken.text()).toContain('<Code>IncompleteSignature</Code>')
  })

  it('STS reports the identity behind the key: the portal user, or the GitHub Actions role session', async () => {
    const user = sdk('sts', emu.url)
    const role = sdk('sts', emu.url, { key: ROLE_KEY })
    expect(await user.send('GetCallerIdentity', {})).toMatchObject({
      Arn: CALLER_ARN,
      Account: ACCOUNT_ID,
      UserId: expect.stringMatching(/^AIDA/),
    })
    expect(await role.send('GetCallerIdentity', {})).toMatchObject({
      Arn: ROLE_ARN,
      Account: ACCOUNT_ID,
      UserId: expect.stringMatching(/^AROA[A-Z0-9]+:GitHubActions$/),
    })
    user.destroy()
    role.destroy()
  })

  it('PUT /_emulator/credentials rotates the accepted keys under a running client; reset restores them', async () => {
    const c = sdk('sts', emu.url)
    expect(
      (await control(emu.url, 'PUT', '/_emulator/credentials', { credentials: `${TEST_KEY.accessKeyId}:rotated-secret` })).status,
    ).toBe(200)
    expect((await caught(() => c.send('GetCallerIdentity', {}))).name).toBe('SignatureDoesNotMatch')
    expect((await control(emu.url, 'PUT', '/_emulator/credentials', { credentials: 'not a key list' })).status).toBe(400)
    expect((await control(emu.url, 'GET', '/_emulator/credentials')).body).toEqual({
      credentials: [{ accessKeyId: TEST_KEY.accessKeyId, identityArn: CALLER_ARN }],
    })
    await control(emu.url, 'POST', '/_emulator/reset', {})
    expect(await c.send('GetCallerIdentity', {})).toMatchObject({ Arn: CALLER_ARN })
    c.destroy()
  })

  it('another account sees none of the AppFactory world, IAM included', async () => {
    const iam = sdk('iam', emu.url, { key: OTHER_ACCOUNT_KEY })
    await expect(iam.send('GetRole', { RoleName: GITHUB_ROLE })).rejects.toMatchObject({ name: 'NoSuchEntityException' })
    iam.destroy()
  })
})

describe('regions: the AppFactory world lives in eu-central-1', () => {
  let emu: Emulator
  const east = (name: ServiceName) => sdk(name, emu.url, { region: 'us-east-1' })
  beforeAll(async () => {
    emu = await start()
  })
  afterAll(async () => {
    await emu.close()
  })

  it('lists are empty in us-east-1', async () => {
    expect(await east('ecr').send('DescribeRepositories', {})).toMatchObject({ repositories: [] })
    expect(await east('apprunner').send('ListServices', {})).toMatchObject({ ServiceSummaryList: [] })
    expect((await east('rds').send('DescribeDBInstances', {})).DBInstances ?? []).toEqual([])
    expect(await east('monitoring').send('DescribeAlarms', {})).toMatchObject({ MetricAlarms: [] })
    expect(await east('monitoring').send('ListMetrics', {})).toMatchObject({ Metrics: [] })
    expect(await east('logs').send('DescribeLogGroups', {})).toMatchObject({ logGroups: [] })
    expect((await east('ec2').send('DescribeSecurityGroups', {})).SecurityGroups ?? []).toEqual([])
    expect(await east('cloudtrail').send('LookupEvents', {})).toMatchObject({ Events: [] })
  })

  it('describes find nothing in us-east-1', async () => {
    await expect(east('ecr').send('DescribeImages', { repositoryName: ECR_REPOSITORY })).rejects.toMatchObject({
      name: 'RepositoryNotFoundException',
    })
    await expect(east('apprunner').send('DescribeService', { ServiceArn: SERVICE_ARN })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    })
    await expect(east('rds').send('DescribeDBInstances', { DBInstanceIdentifier: DB_INSTANCE })).rejects.toMatchObject({
      name: 'DBInstanceNotFoundFault',
    })
    await expect(east('logs').send('FilterLogEvents', VALID['logs.FilterLogEvents']!())).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    })
  })

  it('IAM and STS are global: the same in every region', async () => {
    expect(await east('iam').send('GetRole', { RoleName: GITHUB_ROLE })).toMatchObject({ Role: { RoleName: GITHUB_ROLE } })
    expect(await east('sts').send('GetCallerIdentity', {})).toMatchObject({ Account: ACCOUNT_ID })
  })
})

describe('without EMULATOR_CREDENTIALS', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await start({ credentials: undefined })
  })
  afterAll(async () => {
    await emu.close()
  })

  it('any key is accepted, and it is the portal user', async () => {
    const c = sdk('sts', emu.url, { key: { accessKeyId: 'ANYKEY', secretAccessKey: 'anything' } })
    expect(await c.send('GetCallerIdentity', {})).toMatchObject({ Arn: CALLER_ARN })
    c.destroy()
  })

  it('but the request must still be signed in a form that parses', async () => {
    const r = await fetch(emu.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories',
        authorization: 'Bearer abc',
      },
      body: '{}',
    })
    expect(r.status).toBe(400)
    expect(await r.json()).toMatchObject({ __type: 'IncompleteSignatureException' })
  })
})
