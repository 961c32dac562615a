import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { evaluate, expectedPolicy, expectedTrust, type Grant, type SchedulerRoleEvidence } from './scheduler-role'

const now = new Date('2026-12-04T12:00:00Z')
const ACCOUNT = '082609687527'
const SERVICE = `arn:aws:apprunner:eu-central-1:${ACCOUNT}:service/appfactory-app-service/7d3f1c2b9a8e4d6f8b0a1c2d3e4f5a6b`
const DB = `arn:aws:rds:eu-central-1:${ACCOUNT}:db:appfactory-db`
const needed: Grant[] = [
  { action: 'apprunner:PauseService', resource: SERVICE },
  { action: 'apprunner:ResumeService', resource: SERVICE },
  { action: 'rds:StopDBInstance', resource: DB },
  { action: 'rds:StartDBInstance', resource: DB },
]
const policy = (doc: unknown) => ({ name: 'AppFactorySchedulerTargets (inline)', arn: 'inline', document: JSON.stringify(doc) })
const base: SchedulerRoleEvidence = {
  roleName: 'AppFactorySchedulerRole',
  accountId: ACCOUNT,
  region: 'eu-central-1',
  scheduleGroup: 'appfactory-portal',
  role: { arn: `arn:aws:iam::${ACCOUNT}:role/AppFactorySchedulerRole`, trustPolicy: JSON.stringify(expectedTrust(ACCOUNT)) },
  policies: [policy(expectedPolicy(needed))],
  needed,
}
const statements = (...s: object[]) => ({ Version: '2012-10-17', Statement: s })

describe('scheduler-role evaluate', () => {
  it.each<[string, Partial<SchedulerRoleEvidence>, string, RegExp]>([
    ['the role as documented', {}, 'pass', /allowed exactly what sleep and wake need/],
    ['no role at all', { role: null, policies: [] }, 'warn', /does not exist: no sleep\/wake schedule can run/],
    [
      'trusted by another service',
      {
        role: {
          arn: 'x',
          trustPolicy: JSON.stringify({
            ...expectedTrust(ACCOUNT),
            Statement: [{ ...expectedTrust(ACCOUNT).Statement[0], Principal: { Service: 'events.amazonaws.com' } }],
          }),
        },
      },
      'fail',
      /does not trust scheduler\.amazonaws\.com/,
    ],
    [
      'trusted for another account only',
      { role: { arn: 'x', trustPolicy: JSON.stringify(expectedTrust('111122223333')) } },
      'fail',
      /does not trust scheduler\.amazonaws\.com for schedules of account 082609687527/,
    ],
    [
      'trust limited by ArnLike to the portal group',
      {
        role: {
          arn: 'x',
          trustPolicy: JSON.stringify(
            statements({
              Effect: 'Allow',
              Principal: { Service: 'scheduler.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:scheduler:eu-central-1:${ACCOUNT}:schedule/appfactory-portal/*` } },
            }),
          ),
        },
      },
      'pass',
      /exactly/,
    ],
    [
      'the RDS actions missing',
      {
        policies: [
          policy(statements({ Effect: 'Allow', Action: ['apprunner:PauseService', 'apprunner:ResumeService'], Resource: SERVICE })),
        ],
      },
      'fail',
      /may not call rds:StopDBInstance, rds:StartDBInstance/,
    ],
    [
      'an explicit Deny on the stop',
      { policies: [policy(expectedPolicy(needed)), policy(statements({ Effect: 'Deny', Action: 'rds:StopDBInstance', Resource: '*' }))] },
      'fail',
      /may not call rds:StopDBInstance\./,
    ],
    [
      'rds:* on every database',
      { policies: [policy(expectedPolicy(needed)), policy(statements({ Effect: 'Allow', Action: 'rds:*', Resource: '*' }))] },
      'warn',
      /allowed more than that/,
    ],
    [
      'any App Runner service',
      {
        policies: [
          policy(statements({ Effect: 'Allow', Action: ['apprunner:PauseService', 'apprunner:ResumeService'], Resource: '*' })),
          policy(expectedPolicy(needed)),
        ],
      },
      'warn',
      /2 broader grants/,
    ],
  ])('%s', (_name, over, status, summary) => {
    const r = evaluate({ ...base, ...over }, now)
    expect(r.status).toBe(status)
    expect(r.summary).toMatch(summary)
    if (status !== 'pass') expect(r.fix?.command).toContain('aws iam')
  })

  it('names the fix: the trust and the exact policy for the configured resources', () => {
    const r = evaluate({ ...base, role: null, policies: [] }, now)
    expect(r.fix?.command).toContain('aws iam create-role --role-name AppFactorySchedulerRole')
    expect(r.fix?.command).toContain('"rds:StopDBInstance",\n        "rds:StartDBInstance"')
    expect(r.fix?.command).toContain(DB)
  })
})

describe('iam/ policy files', () => {
  const read = (name: string): unknown => JSON.parse(readFileSync(path.join(process.cwd(), 'iam', name), 'utf8'))

  it("the scheduler role's files are what the check expects for the documented setup", () => {
    expect(read('scheduler-role-trust.json')).toEqual(expectedTrust(ACCOUNT))
    const doc = read('scheduler-role-policy.json') as { Statement: { Action: string[]; Resource: string }[] }
    expect(doc.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      [['apprunner:PauseService', 'apprunner:ResumeService'], `arn:aws:apprunner:eu-central-1:${ACCOUNT}:service/appfactory-app-service/*`],
      [['rds:StopDBInstance', 'rds:StartDBInstance'], DB],
    ])
  })

  it('the portal may manage its own schedule group and pass exactly that role to the scheduler', () => {
    const doc = read('portal-policy.json') as {
      Statement: { Sid?: string; Action: string | string[]; Resource: string | string[]; Condition?: unknown }[]
    }
    const bySid = Object.fromEntries(doc.Statement.map((s) => [s.Sid, s]))
    expect(bySid.ManageSchedules).toMatchObject({
      Action: 'scheduler:*',
      Resource: [
        `arn:aws:scheduler:eu-central-1:${ACCOUNT}:schedule-group/appfactory-portal`,
        `arn:aws:scheduler:eu-central-1:${ACCOUNT}:schedule/appfactory-portal/*`,
      ],
    })
    expect(bySid.PassSchedulerRole).toEqual({
      Sid: 'PassSchedulerRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: `arn:aws:iam::${ACCOUNT}:role/AppFactorySchedulerRole`,
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    })
  })
})
