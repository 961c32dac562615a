import {
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
} from '@aws-sdk/client-ecr'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { resetCacheForTests } from '@/lib/cache'

import { findImagesBySha, getImageFindings, getLifecyclePolicy, getRepository, listImages } from './ecr'
import { finding, imageDetail, REPO, repository, shaOf } from './ecr.fixtures'
import { toImage } from './ecr.mappers'
import { accessDenied, awsError, malformed, throttled, timeout } from './sdk-errors.fixtures'

const ecr = mockClient(ECRClient)

beforeEach(() => {
  ecr.reset()
  resetCacheForTests()
})
afterEach(() => vi.useRealTimers())

describe('toImage', () => {
  it('maps an image detail with ISO time, SHA tag and scan counts', () => {
    const r = toImage(imageDetail(1))
    expect(r).toEqual({
      ok: true,
      data: {
        digest: `sha256:${'1'.padStart(64, '0')}`,
        tags: [shaOf(1)],
        sha: shaOf(1),
        pushedAt: '2026-01-01T00:01:00.000Z',
        sizeBytes: 100_000_001,
        scan: { status: 'COMPLETE', findings: { HIGH: 1, LOW: 3 } },
      },
    })
  })

  it('defaults absent optional fields and picks a short SHA tag when there is no full one', () => {
    const r = toImage({ imageDigest: 'sha256:abc', imagePushedAt: new Date('2026-02-01T00:00:00Z'), imageTags: ['latest', 'ABCDEF1'] })
    expect(r.ok && r.data).toEqual({
      digest: 'sha256:abc',
      tags: ['latest', 'ABCDEF1'],
      sha: 'abcdef1',
      pushedAt: '2026-02-01T00:00:00.000Z',
      sizeBytes: 0,
      scan: { status: 'NONE', findings: {} },
    })
    expect(toImage({ imageDigest: 'sha256:x', imagePushedAt: new Date(0) })).toMatchObject({ ok: true, data: { tags: [], sha: null } })
  })

  it('narrows an unknown scan status and reports a missing digest as aws_error', () => {
    const odd = toImage(imageDetail(2, { imageScanStatus: { status: 'SOMETHING_NEW' as 'COMPLETE' } }))
    expect(odd.ok && odd.data.scan.status).toBe('NONE')
    const r = toImage(imageDetail(3, { imageDigest: undefined }))
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'aws_error', message: 'AWS answered without imageDigest.' }) })
  })
})

describe('listImages', () => {
  it('reads every image once (1000 per call), sorts newest first and pages with an opaque cursor', async () => {
    // Two AWS pages, deliberately out of push order.
    ecr
      .on(DescribeImagesCommand, { nextToken: undefined })
      .resolves({ imageDetails: [imageDetail(3), imageDetail(7), imageDetail(1)], nextToken: 't2' })
      .on(DescribeImagesCommand, { nextToken: 't2' })
      .resolves({ imageDetails: [imageDetail(5), imageDetail(2), imageDetail(6), imageDetail(4)] })

    const first = await listImages({ pageSize: 3, deployedImage: { tag: shaOf(6) } })
    expect(first.ok).toBe(true)
    if (!first.ok) return
    expect(first.data.images.map((i) => i.sha)).toEqual([shaOf(7), shaOf(6), shaOf(5)])
    expect(first.data.images.map((i) => i.deployed)).toEqual([false, true, false])
    expect(first.data.stale).toBe(false)
    expect(Date.parse(first.data.fetchedAt)).not.toBeNaN()
    expect(first.data.nextCursor).toEqual(expect.any(String))

    const second = await listImages({ pageSize: 3, cursor: first.data.nextCursor, deployedDigest: imageDetail(2).imageDigest })
    expect(second.ok && second.data.images.map((i) => i.sha)).toEqual([shaOf(4), shaOf(3), shaOf(2)])
    expect(second.ok && second.data.images.map((i) => i.deployed)).toEqual([false, false, true])
    const third = await listImages({ pageSize: 3, cursor: second.ok ? second.data.nextCursor : null })
    expect(third.ok && third.data).toMatchObject({ images: [{ sha: shaOf(1) }], nextCursor: null })

    // Three pages, two AWS calls: the full list is read once per TTL window.
    const calls = ecr.commandCalls(DescribeImagesCommand)
    expect(calls).toHaveLength(2)
    expect(calls[0]?.args[0].input).toEqual({ repositoryName: REPO, maxResults: 1000, nextToken: undefined })
    expect(calls[1]?.args[0].input).toEqual({ repositoryName: REPO, maxResults: 1000, nextToken: 't2' })
  })

  it('keeps a 5,000-image repository to 5 DescribeImages calls for any number of pages', async () => {
    const all = Array.from({ length: 5000 }, (_, i) => imageDetail(i))
    for (let p = 0; p < 5; p += 1) {
      ecr.on(DescribeImagesCommand, { nextToken: p === 0 ? undefined : `p${p}` }).resolves({
        imageDetails: all.slice(p * 1000, (p + 1) * 1000),
        nextToken: p < 4 ? `p${p + 1}` : undefined,
      })
    }
    let cursor: string | null = null
    for (let page = 0; page < 4; page += 1) {
      const r = await listImages({ cursor })
      expect(r.ok).toBe(true)
      if (!r.ok) return
      expect(r.data.images).toHaveLength(50)
      expect(r.data.images[0]?.sha).toBe(shaOf(4999 - page * 50))
      cursor = r.data.nextCursor
    }
    expect(ecr.commandCalls(DescribeImagesCommand)).toHaveLength(5)
  })

  it('rejects a cursor it did not issue', async () => {
    ecr.on(DescribeImagesCommand).resolves({ imageDetails: [imageDetail(1)] })
    const r = await listImages({ cursor: 'not-a-cursor' })
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_input' }) })
  })

  it('returns the last good list marked stale when a refresh fails', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'))
    ecr
      .on(DescribeImagesCommand)
      .resolvesOnce({ imageDetails: [imageDetail(1)] })
      .rejects(throttled())
    const fresh = await listImages()
    expect(fresh.ok && fresh.data.stale).toBe(false)
    vi.setSystemTime(new Date('2026-03-01T12:00:20Z'))
    const stale = await listImages()
    expect(stale.ok && stale.data).toMatchObject({ stale: true, fetchedAt: '2026-03-01T12:00:00.000Z', images: [{ sha: shaOf(1) }] })
  })

  it.each([
    ['throttling', throttled(), 'aws_throttled'],
    ['access denied', accessDenied('ecr:DescribeImages'), 'aws_denied'],
    ['timeout', timeout(), 'aws_timeout'],
    [
      'missing repository',
      awsError('RepositoryNotFoundException', "The repository with name 'appfactory-app' does not exist"),
      'not_found',
    ],
    ['malformed answer', malformed(), 'aws_error'],
  ])('maps %s to %s', async (_label, error, code) => {
    ecr.on(DescribeImagesCommand).rejects(error)
    const r = await listImages()
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe(code)
    if (code === 'aws_denied') expect(r.error.message).toContain('ecr:DescribeImages')
  })

  it('reports an image detail without a push time as aws_error', async () => {
    ecr.on(DescribeImagesCommand).resolves({ imageDetails: [imageDetail(1, { imagePushedAt: undefined })] })
    expect(await listImages()).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'aws_error', message: 'AWS answered without imagePushedAt.' }),
    })
  })
})

describe('findImagesBySha', () => {
  it('prefix-matches SHA tags case-insensitively over the cached list', async () => {
    ecr.on(DescribeImagesCommand).resolves({
      imageDetails: [imageDetail(1), imageDetail(2), imageDetail(0x100, { imageTags: ['latest'] })],
    })
    const r = await findImagesBySha(shaOf(2).slice(0, 9).toUpperCase())
    expect(r.ok && r.data.map((i) => i.sha)).toEqual([shaOf(2)])
    const none = await findImagesBySha('fffffff')
    expect(none).toEqual({ ok: true, data: [] })
    expect(ecr.commandCalls(DescribeImagesCommand)).toHaveLength(1)
  })

  it('rejects a value that is not a SHA without calling AWS', async () => {
    expect(await findImagesBySha('latest')).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_input' }) })
    expect(ecr.calls()).toHaveLength(0)
  })
})

describe('getImageFindings', () => {
  const digest = `sha256:${'a'.repeat(64)}`

  it('reads all pages and maps package name and version', async () => {
    ecr
      .on(DescribeImageScanFindingsCommand, { nextToken: undefined })
      .resolves({ imageScanFindings: { findings: [finding('CVE-2026-0001', 'HIGH')] }, nextToken: 'n' })
      .on(DescribeImageScanFindingsCommand, { nextToken: 'n' })
      .resolves({ imageScanFindings: { findings: [{ name: 'CVE-2026-0002' }] } })
    const r = await getImageFindings(digest)
    expect(r).toEqual({
      ok: true,
      data: [
        {
          name: 'CVE-2026-0001',
          severity: 'HIGH',
          description: 'CVE-2026-0001 description',
          uri: 'https://security-tracker.debian.org/tracker/CVE-2026-0001',
          packageName: 'openssl',
          packageVersion: '3.0.11',
        },
        { name: 'CVE-2026-0002', severity: 'UNDEFINED', description: null, uri: null, packageName: null, packageVersion: null },
      ],
    })
    expect(ecr.commandCalls(DescribeImageScanFindingsCommand)[0]?.args[0].input).toEqual({
      repositoryName: REPO,
      imageId: { imageDigest: digest },
      maxResults: 1000,
      nextToken: undefined,
    })
  })

  it('treats a never-scanned image as having no findings and rejects a bad digest', async () => {
    ecr.on(DescribeImageScanFindingsCommand).rejects(awsError('ScanNotFoundException', 'no scan'))
    expect(await getImageFindings(digest)).toEqual({ ok: true, data: [] })
    expect(await getImageFindings('latest')).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_input' }) })
  })
})

describe('getRepository / getLifecyclePolicy', () => {
  it('maps the repository', async () => {
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [repository] })
    expect(await getRepository()).toEqual({
      ok: true,
      data: {
        name: REPO,
        uri: repository.repositoryUri,
        arn: repository.repositoryArn,
        scanOnPush: true,
        encryptionType: 'AES256',
        tagMutability: 'MUTABLE',
        createdAt: '2026-01-26T10:00:00.000Z',
      },
    })
    expect(ecr.commandCalls(DescribeRepositoriesCommand)[0]?.args[0].input).toEqual({ repositoryNames: [REPO] })
  })

  it('returns null when no lifecycle policy is set, the text otherwise', async () => {
    ecr.on(GetLifecyclePolicyCommand).rejectsOnce(awsError('LifecyclePolicyNotFoundException', 'Lifecycle policy does not exist'))
    expect(await getLifecyclePolicy()).toEqual({ ok: true, data: null })
    resetCacheForTests()
    ecr.on(GetLifecyclePolicyCommand).resolves({ lifecyclePolicyText: '{"rules":[]}' })
    expect(await getLifecyclePolicy()).toEqual({ ok: true, data: { text: '{"rules":[]}' } })
  })

  it('maps AccessDenied on the policy to aws_denied naming the action', async () => {
    ecr.on(GetLifecyclePolicyCommand).rejects(accessDenied('ecr:GetLifecyclePolicy'))
    const r = await getLifecyclePolicy()
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ code: 'aws_denied', awsCode: 'AccessDeniedException', requestId: 'req-0001' })
    if (!r.ok) expect(r.error.hint).toContain('ecr:GetLifecyclePolicy')
  })
})
