import {
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
  paginateDescribeImages,
} from '@aws-sdk/client-ecr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Emulator } from '../core/server'
import { ACCOUNT_ID, ECR_REPOSITORY, ECR_REPOSITORY_URI } from '../world/constants'
import { commitSha } from '../world/images'
import { caught, clientConfig, start } from './helpers'

const repositoryName = ECR_REPOSITORY

describe('ECR contract', () => {
  let emu: Emulator
  let ecr: ECRClient
  beforeAll(async () => {
    emu = await start()
    ecr = new ECRClient(clientConfig(emu.url))
  })
  afterAll(async () => {
    ecr.destroy()
    await emu.close()
  })

  it('DescribeRepositories returns the repository as the seed configures it', async () => {
    const out = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [repositoryName] }))
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
    const repo = out.repositories?.[0]
    expect(repo?.repositoryUri).toBe(ECR_REPOSITORY_URI)
    expect(repo?.registryId).toBe(ACCOUNT_ID)
    expect(repo?.imageScanningConfiguration?.scanOnPush).toBe(true)
    expect(repo?.encryptionConfiguration?.encryptionType).toBe('AES256')
    expect(repo?.createdAt).toBeInstanceOf(Date)
  })

  it('DescribeRepositories on an unknown name raises RepositoryNotFoundException', async () => {
    const e = await caught(() => ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })))
    expect(e.name).toBe('RepositoryNotFoundException')
    expect(e.$metadata?.httpStatusCode).toBe(400)
    const e2 = await caught(() => ecr.send(new DescribeImagesCommand({ repositoryName: 'nope' })))
    expect(e2.name).toBe('RepositoryNotFoundException')
  })

  it('DescribeImages returns 12 images, newest first, with tags, sizes and scan summaries', async () => {
    const out = await ecr.send(new DescribeImagesCommand({ repositoryName, filter: { tagStatus: 'TAGGED' } }))
    const images = out.imageDetails ?? []
    expect(images).toHaveLength(12)
    expect(out.nextToken).toBeUndefined()
    const pushed = images.map((i) => i.imagePushedAt?.getTime() ?? 0)
    expect([...pushed].sort((a, b) => b - a)).toEqual(pushed)
    expect(Date.now() - pushed[0]!).toBeLessThan(12 * 3_600_000)
    const newest = images[0]!
    expect(newest.imageTags).toEqual([commitSha(0), 'latest'])
    expect(newest.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(newest.imageSizeInBytes).toBeGreaterThanOrEqual(150_000_000)
    expect(newest.imageSizeInBytes).toBeLessThanOrEqual(250_000_000)
    expect(newest.imageScanStatus?.status).toBe('COMPLETE')
    expect(newest.imageScanFindingsSummary?.findingSeverityCounts?.CRITICAL).toBeGreaterThanOrEqual(1)
    expect(newest.imageScanFindingsSummary?.imageScanCompletedAt).toBeInstanceOf(Date)
    expect(images[2]!.imageScanFindingsSummary?.findingSeverityCounts?.CRITICAL).toBeUndefined()
    for (const i of images) expect(i.imageTags?.[0]).toMatch(/^[0-9a-f]{40}$/)
  })

  it('DescribeImages looks images up by tag and by digest, and reports a missing one', async () => {
    const byTag = await ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag: commitSha(2) }] }))
    expect(byTag.imageDetails).toHaveLength(1)
    const digest = byTag.imageDetails![0]!.imageDigest
    const byDigest = await ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageDigest: digest }] }))
    expect(byDigest.imageDetails?.[0]?.imageTags).toEqual([commitSha(2)])
    const e = await caught(() => ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag: 'f'.repeat(40) }] })))
    expect(e.name).toBe('ImageNotFoundException')
  })

  it('DescribeImageScanFindings lists findings consistent with the summary', async () => {
    const out = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageTag: 'latest' } }))
    expect(out.imageScanStatus?.status).toBe('COMPLETE')
    const counts = out.imageScanFindings?.findingSeverityCounts ?? {}
    const findings = out.imageScanFindings?.findings ?? []
    const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)
    expect(findings).toHaveLength(total)
    const critical = findings.filter((f) => f.severity === 'CRITICAL')
    expect(critical.length).toBe(counts.CRITICAL)
    expect(critical[0]?.name).toMatch(/^CVE-\d{4}-\d+$/)
    expect(critical[0]?.uri).toMatch(/^https:\/\//)
    expect(critical[0]?.attributes?.find((a) => a.key === 'package_name')?.value).toBeTruthy()
    expect(critical[0]?.attributes?.find((a) => a.key === 'package_version')?.value).toBeTruthy()
    // Deterministic: the same call gives the same findings.
    const again = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageTag: 'latest' } }))
    expect(again.imageScanFindings?.findings).toEqual(findings)
  })

  it('GetLifecyclePolicy raises LifecyclePolicyNotFoundException for the seed', async () => {
    const e = await caught(() => ecr.send(new GetLifecyclePolicyCommand({ repositoryName })))
    expect(e.name).toBe('LifecyclePolicyNotFoundException')
    expect(e.message).toContain(repositoryName)
  })

  it('rejects an invalid nextToken with InvalidParameterException', async () => {
    const e = await caught(() => ecr.send(new DescribeImagesCommand({ repositoryName, nextToken: 'garbage!' })))
    expect(e.name).toBe('InvalidParameterException')
  })
})

describe('ECR at scale', () => {
  let emu: Emulator
  let ecr: ECRClient
  beforeAll(async () => {
    emu = await start({ images: 5000 })
    ecr = new ECRClient(clientConfig(emu.url))
  })
  afterAll(async () => {
    ecr.destroy()
    await emu.close()
  })

  it('pages through 5000 images with nextToken (maxResults 1000) and without (100 per page)', async () => {
    let pages = 0
    const digests = new Set<string>()
    for await (const page of paginateDescribeImages({ client: ecr }, { repositoryName, maxResults: 1000 })) {
      pages++
      for (const i of page.imageDetails ?? []) digests.add(i.imageDigest ?? '')
    }
    expect(pages).toBe(5)
    expect(digests.size).toBe(5000)
    const first = await ecr.send(new DescribeImagesCommand({ repositoryName }))
    expect(first.imageDetails).toHaveLength(100)
    expect(first.nextToken).toBeTruthy()
    const second = await ecr.send(new DescribeImagesCommand({ repositoryName, nextToken: first.nextToken }))
    expect(second.imageDetails?.[0]?.imageDigest).not.toBe(first.imageDetails?.[0]?.imageDigest)
  })
})
