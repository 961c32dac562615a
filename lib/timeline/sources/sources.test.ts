import { describe, expect, it } from 'vitest'

import type { AuditEntry, Deployment } from '@/lib/domain/actions'

import { alarmEvent } from './alarms'
import { actionEvent, actionOutcome } from './audit'
import { databaseEvent, powerOf } from './database'
import { deploymentEvent } from './deployments'
import { imageEvent, scanSummary } from './images'
import { readableRange, scheduleRunEvent } from './schedules'

const SHA = '3f9c2a1e5b7d4c8e9a0f6b2d7c1e4a95b84e1d6a'

const deployment = (over: Partial<Deployment> = {}): Deployment => ({
  operationId: 'op-1',
  type: 'UPDATE_SERVICE',
  status: 'SUCCEEDED',
  outcome: 'succeeded',
  startedByPortal: true,
  listedByRuntime: true,
  kind: 'update',
  sha: SHA,
  shaSource: 'ledger',
  digest: null,
  imageIdentifier: null,
  fromSha: null,
  previousSha: null,
  compareUrl: null,
  actorId: 'u1',
  actorName: 'alice',
  actorKind: 'portal',
  actorArn: null,
  overrideReason: null,
  reason: null,
  startedAt: '2026-03-02T13:00:00.000Z',
  endedAt: '2026-03-02T13:03:12.000Z',
  ...over,
})

describe('deploymentEvent', () => {
  it('carries the SHA, who, the outcome and the duration, and links to the operation', () => {
    expect(deploymentEvent(deployment())).toEqual({
      id: 'deployment:op-1',
      at: '2026-03-02T13:00:00.000Z',
      kind: 'deployment',
      title: 'Deploy 3f9c2a1',
      detail: 'App Runner UPDATE_SERVICE · succeeded in 3m 12s',
      actorName: 'alice',
      sha: SHA,
      outcome: 'succeeded',
      link: '/deployments/op-1',
      endedAt: '2026-03-02T13:03:12.000Z',
    })
  })

  it('says why a rolled-back deployment failed, and names pause, resume and outside deployments', () => {
    const failed = deploymentEvent(
      deployment({ status: 'ROLLBACK_SUCCEEDED', outcome: 'failed', reason: 'Health check failed on /health' }),
    )
    expect(failed?.detail).toBe('App Runner UPDATE_SERVICE · failed in 3m 12s. Reason: Health check failed on /health')
    expect(failed?.outcome).toBe('failed')
    const paused = deploymentEvent(deployment({ type: 'PAUSE_SERVICE', kind: null, sha: null, startedByPortal: false, actorName: null }))
    expect(paused).toMatchObject({
      title: 'Service paused',
      detail: 'App Runner PAUSE_SERVICE · succeeded in 3m 12s · started outside the portal',
    })
    expect(paused).not.toHaveProperty('actorName')
    expect(deploymentEvent(deployment({ kind: 'rollback' }))?.title).toBe('Rollback to 3f9c2a1')
    expect(deploymentEvent(deployment({ outcome: 'running', status: 'IN_PROGRESS', endedAt: null }))).toMatchObject({
      detail: 'App Runner UPDATE_SERVICE · running',
    })
    expect(deploymentEvent(deployment({ startedAt: null }))).toBeNull()
  })
})

describe('alarmEvent', () => {
  it('shows old → new and the reason, and links to the alarm', () => {
    expect(
      alarmEvent({ alarmName: 'appfactory-5xx', time: '2026-03-02T13:40:00.000Z', from: 'OK', to: 'ALARM', reason: 'Threshold Crossed' }),
    ).toEqual({
      id: 'alarm:appfactory-5xx:2026-03-02T13:40:00.000Z:ALARM',
      at: '2026-03-02T13:40:00.000Z',
      kind: 'alarm',
      title: 'appfactory-5xx: OK → ALARM',
      detail: 'Threshold Crossed',
      link: '/metrics?alarm=appfactory-5xx#alarm-appfactory-5xx',
      state: 'ALARM',
    })
  })
})

describe('database events', () => {
  it.each([
    ['DB instance shutdown', 'stop'],
    ['DB instance stopped', 'stop'],
    ['DB instance is being started', 'start'],
    ['DB instance started', 'start'],
    ['DB instance is being started due to it exceeding the maximum allowed time being stopped.', 'start'],
    ['DB instance restarted', 'start'],
    ['Backing up DB instance', null],
    ['Finished DB Instance backup', null],
  ])('%s is a %s', (message, power) => expect(powerOf(message)).toBe(power))

  it('marks failures and stops/starts', () => {
    const e = databaseEvent(
      {
        time: '2026-03-02T13:10:00.000Z',
        message: 'DB instance stopped',
        categories: ['notification'],
        sourceId: 'appfactory-db',
        eventId: null,
      },
      'appfactory-db',
    )
    expect(e).toMatchObject({ kind: 'database', title: 'appfactory-db: DB instance stopped', power: 'stop', link: '/database' })
    const f = databaseEvent(
      {
        time: '2026-03-02T13:10:00.000Z',
        message: 'The database instance has failed',
        categories: ['failure'],
        sourceId: null,
        eventId: null,
      },
      'db',
    )
    expect(f.outcome).toBe('failed')
  })
})

const audit = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 7,
  actorId: 'token:viewer',
  actorName: 'e2e-viewer',
  action: 'deployment.redeploy',
  target: 'apprunner:appfactory-app-service',
  params: { sha: SHA.slice(0, 7) },
  result: 'error',
  errorCode: 'forbidden',
  errorMessage: 'Deploying needs the operator role.',
  requestId: null,
  portalRequestId: null,
  clientAddress: null,
  startedAt: '2026-03-02T13:20:00.000Z',
  endedAt: '2026-03-02T13:20:00.100Z',
  ...over,
})

describe('actionEvent', () => {
  it('marks refused attempts as refused', () => {
    expect(actionOutcome({ result: 'error', errorCode: 'forbidden' })).toBe('refused')
    expect(actionOutcome({ result: 'error', errorCode: 'conflict' })).toBe('refused')
    expect(actionOutcome({ result: 'error', errorCode: 'aws_throttled' })).toBe('failed')
    expect(actionOutcome({ result: 'ok', errorCode: null })).toBe('succeeded')
    expect(actionEvent(audit())).toMatchObject({
      id: 'action:7',
      kind: 'action',
      title: 'Refused: e2e-viewer tried to deploy 3f9c2a1',
      detail: 'deployment.redeploy on apprunner:appfactory-app-service · forbidden: Deploying needs the operator role.',
      actorName: 'e2e-viewer',
      sha: SHA.slice(0, 7),
      outcome: 'refused',
      link: '/audit?action=deployment.redeploy&actor=token%3Aviewer',
    })
  })

  it('words a database stop', () => {
    const e = actionEvent(
      audit({ action: 'database.stop', result: 'ok', errorCode: null, errorMessage: null, params: {}, actorName: 'alice' }),
    )
    expect(e).toMatchObject({ title: 'alice: stop the database', outcome: 'succeeded' })
    expect(e).not.toHaveProperty('sha')
  })
})

describe('imageEvent', () => {
  it('shows the SHA, the push time and the scan result, and links to the image', () => {
    const img = {
      digest: 'sha256:' + 'a'.repeat(64),
      tags: [SHA, 'latest'],
      sha: SHA,
      pushedAt: '2026-03-02T12:00:00.000Z',
      sizeBytes: 1,
      scan: { status: 'COMPLETE' as const, findings: { HIGH: 5, CRITICAL: 2, LOW: 0 } },
      deployed: false,
    }
    expect(imageEvent(img)).toEqual({
      id: `image:${img.digest}`,
      at: img.pushedAt,
      kind: 'image',
      title: 'Image 3f9c2a1 pushed',
      detail: `scan: 2 CRITICAL, 5 HIGH · tags ${SHA}, latest`,
      sha: SHA,
      link: `/images/sha256%3A${'a'.repeat(64)}`,
    })
    expect(scanSummary({ scan: { status: 'COMPLETE', findings: {} } })).toBe('scan: no findings')
    expect(scanSummary({ scan: { status: 'IN_PROGRESS', findings: {} } })).toBe('scan: in progress')
    expect(scanSummary({ scan: { status: 'NONE', findings: {} } })).toBe('not scanned')
  })
})

describe('scheduleRunEvent', () => {
  it('names the schedules that ran, how many invocations, and links to the schedules', () => {
    expect(scheduleRunEvent({ at: '2026-03-02T19:00:00.000Z', attempts: 2, errors: 0, schedules: ['nightly', 'weekday-db'] })).toEqual({
      id: 'schedule:2026-03-02T19:00:00.000Z',
      at: '2026-03-02T19:00:00.000Z',
      kind: 'schedule',
      title: 'Schedule ran: nightly, weekday-db',
      detail: 'EventBridge Scheduler: 2 invocations',
      outcome: 'succeeded',
      link: '/schedules',
    })
  })

  it('is failed when a target returned an error, and says when no portal schedule was due', () => {
    const failed = scheduleRunEvent({ at: '2026-03-02T07:00:00.000Z', attempts: 1, errors: 1, schedules: [] })
    expect(failed).toMatchObject({
      title: 'Scheduler ran',
      detail: 'EventBridge Scheduler: 1 invocation, 1 target error. No portal schedule was due then (one since deleted, or made elsewhere)',
      outcome: 'failed',
    })
  })
})

describe('readableRange', () => {
  const now = Date.parse('2026-03-20T12:00:00Z')
  const day = 86_400_000

  it('reads a recent window whole', () => {
    expect(readableRange({ from: now - day, to: now }, now)).toEqual({ from: now - day, to: now })
  })

  it('clips a window reaching past the last 14 days, and reads nothing of one entirely older', () => {
    const clipped = readableRange({ from: now - 15 * day, to: now - 13 * day }, now)
    expect(clipped?.to).toBe(now - 13 * day)
    expect(clipped?.from).toBeGreaterThan(now - 14 * day)
    expect(readableRange({ from: now - 20 * day, to: now - 15 * day }, now)).toBeNull()
  })
})
