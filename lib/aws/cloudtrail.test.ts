import { describe, expect, it } from 'vitest'

import { appRunnerTrailOperation } from './apprunner.trail'
import { actorOf, toTrailEvent } from './cloudtrail.mappers'

const CI_ROLE = 'AppFactoryGitHubActionsRole'
const SERVICE_ARN = 'arn:aws:apprunner:eu-central-1:082609687527:service/appfactory-app-service/8f3c2a1b'
const SHA = '3f9c2b7e1d4a6f8b0c2e4d6f8a1b3c5d7e9f0a2b'

const assumed = (role: string, session: string, extra: Record<string, unknown> = {}) => ({
  type: 'AssumedRole',
  arn: `arn:aws:sts::082609687527:assumed-role/${role}/${session}`,
  sessionContext: { sessionIssuer: { type: 'Role', userName: role, arn: `arn:aws:iam::082609687527:role/${role}` }, ...extra },
})

describe('actorOf: who a CloudTrail record says made the call', () => {
  it('the CI role, or any role assumed with GitHub’s OIDC token, is GitHub Actions', () => {
    expect(actorOf({ userIdentity: assumed(CI_ROLE, 'GitHubActions') }, CI_ROLE)).toEqual({
      kind: 'github-actions',
      name: 'GitHub Actions',
      arn: `arn:aws:sts::082609687527:assumed-role/${CI_ROLE}/GitHubActions`,
    })
    const oidc = assumed('DeployRole', 'run-42', {
      webIdFederationData: { federatedProvider: 'arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com' },
    })
    expect(actorOf({ userIdentity: oidc }, CI_ROLE)).toMatchObject({ kind: 'github-actions', name: 'GitHub Actions' })
  })

  it('an IAM user, an SSO role’s session and a console session are people, by name', () => {
    expect(actorOf({ userIdentity: { type: 'IAMUser', userName: 'hanpieter', arn: 'arn:aws:iam::1:user/hanpieter' } }, CI_ROLE)).toEqual({
      kind: 'person',
      name: 'hanpieter',
      arn: 'arn:aws:iam::1:user/hanpieter',
    })
    expect(actorOf({ userIdentity: assumed('AWSReservedSSO_Admin_0123abcd', 'ana@example.com') }, CI_ROLE)).toMatchObject({
      kind: 'person',
      name: 'ana@example.com',
    })
    expect(actorOf({ userIdentity: assumed('Admin', 'ana'), sessionCredentialFromConsole: 'true' }, CI_ROLE)).toMatchObject({
      kind: 'person',
      name: 'ana',
    })
  })

  it('another role or an AWS service is automation; no identity is unknown (never the portal)', () => {
    expect(actorOf({ userIdentity: assumed('SchedulerRole', 'abc', {}) }, CI_ROLE)).toMatchObject({
      kind: 'automation',
      name: 'SchedulerRole (abc)',
    })
    expect(actorOf({ userIdentity: { ...assumed('SchedulerRole', 'abc'), invokedBy: 'scheduler.amazonaws.com' } }, CI_ROLE)).toMatchObject({
      kind: 'automation',
      name: 'scheduler.amazonaws.com',
    })
    expect(actorOf({ userIdentity: { type: 'AWSService', invokedBy: 'apprunner.amazonaws.com' } }, CI_ROLE)).toMatchObject({
      kind: 'automation',
      name: 'apprunner.amazonaws.com',
    })
    expect(actorOf({}, CI_ROLE)).toEqual({ kind: 'unknown', name: null, arn: null })
  })
})

const updateEvent = (record: Record<string, unknown>) => ({
  EventId: 'e-1',
  EventName: 'UpdateService',
  EventTime: new Date('2026-12-01T10:00:00Z'),
  Resources: [{ ResourceType: 'AWS::AppRunner::Service', ResourceName: SERVICE_ARN }],
  CloudTrailEvent: JSON.stringify(record),
})

describe('toTrailEvent and the App Runner operation it started', () => {
  const record = {
    userIdentity: assumed(CI_ROLE, 'GitHubActions'),
    requestParameters: {
      serviceArn: SERVICE_ARN,
      sourceConfiguration: {
        imageRepository: { imageIdentifier: `082609687527.dkr.ecr.eu-central-1.amazonaws.com/appfactory-app:${SHA}` },
      },
    },
    responseElements: { operationId: 'op-1', service: { serviceArn: SERVICE_ARN } },
  }

  it('maps the operation id, the image’s commit and GitHub Actions', () => {
    const e = toTrailEvent(updateEvent(record), CI_ROLE)
    expect(e).toMatchObject({
      eventName: 'UpdateService',
      eventTime: '2026-12-01T10:00:00.000Z',
      errorCode: null,
      actor: { kind: 'github-actions' },
    })
    expect(e && appRunnerTrailOperation(e, 'appfactory-app-service')).toEqual({
      operationId: 'op-1',
      type: 'UPDATE_SERVICE',
      imageIdentifier: `082609687527.dkr.ecr.eu-central-1.amazonaws.com/appfactory-app:${SHA}`,
      sha: SHA,
    })
  })

  it('ignores another service, an event without an operation (a refused call) and a name that starts no operation', () => {
    const e = toTrailEvent(updateEvent(record), CI_ROLE)
    if (!e) throw new Error('not mapped')
    expect(appRunnerTrailOperation(e, 'appfactory-app')).toBeNull()
    expect(appRunnerTrailOperation({ ...e, responseElements: null }, 'appfactory-app-service')).toBeNull()
    expect(appRunnerTrailOperation({ ...e, eventName: 'DescribeService' }, 'appfactory-app-service')).toBeNull()
    expect(appRunnerTrailOperation(e, SERVICE_ARN)).toMatchObject({ operationId: 'op-1' })
  })

  it('a StartDeployment names no image; a record that is not JSON still gives the event, with an unknown actor', () => {
    const start = toTrailEvent(
      {
        ...updateEvent({ ...record, requestParameters: { serviceArn: SERVICE_ARN }, responseElements: { operationId: 'op-2' } }),
        EventName: 'StartDeployment',
      },
      CI_ROLE,
    )
    expect(start && appRunnerTrailOperation(start, 'appfactory-app-service')).toEqual({
      operationId: 'op-2',
      type: 'START_DEPLOYMENT',
      imageIdentifier: null,
      sha: null,
    })
    expect(toTrailEvent({ ...updateEvent({}), CloudTrailEvent: '<html>' }, CI_ROLE)).toMatchObject({
      eventName: 'UpdateService',
      actor: { kind: 'unknown', name: null },
      resourceNames: [SERVICE_ARN],
    })
  })
})
