import { describe, expect, it } from 'vitest'

import { serviceMetricKeys } from '@/lib/domain/metrics.values'

import { runtime } from './runtime'

const identity = {
  name: 'appfactory-app-service',
  id: '0123456789abcdef0123456789abcdef',
  arn: 'arn:aws:apprunner:eu-central-1:082609687527:service/appfactory-app-service/0123456789abcdef0123456789abcdef',
}

describe('the runtime in use (App Runner) as the rest of the portal sees it', () => {
  it('is App Runner', () => {
    expect([runtime.kind, runtime.label]).toEqual(['apprunner', 'App Runner'])
  })

  it('names its metrics with the neutral keys, each once per statistic, keyed by ServiceName + ServiceID', () => {
    expect(runtime.metrics.namespace).toBe('AWS/AppRunner')
    expect(runtime.metrics.series.map((s) => s.key).toSorted()).toEqual([...serviceMetricKeys].toSorted())
    expect(runtime.metricDimensions(identity)).toEqual([
      { name: 'ServiceName', value: identity.name },
      { name: 'ServiceID', value: identity.id },
    ])
  })

  it('knows its log groups and where an operation logs its deployment', () => {
    expect(runtime.logGroupName(identity, 'application')).toBe(`/aws/apprunner/${identity.name}/${identity.id}/application`)
    expect(runtime.logGroupName(identity, 'service')).toBe(`/aws/apprunner/${identity.name}/${identity.id}/service`)
    expect(runtime.deploymentLogStream('op-1')).toBe('deployment/op-1')
    expect(runtime.logGroupPrefix(identity.name)).toBe(`/aws/apprunner/${identity.name}/`)
    expect(runtime.parseLogGroupName(runtime.logGroupName(identity, 'service'))).toEqual({
      serviceName: identity.name,
      serviceId: identity.id,
      stream: 'service',
    })
    expect(runtime.parseLogGroupName(`/aws/apprunner/${identity.name}/${identity.id}/other`)).toBeNull()
    expect(runtime.parseLogGroupName(`/aws/lambda/${identity.name}`)).toBeNull()
  })

  it('pauses and resumes through EventBridge Scheduler universal targets', () => {
    expect(runtime.scheduleTargets(identity)).toEqual({
      pause: {
        arn: 'arn:aws:scheduler:::aws-sdk:apprunner:pauseService',
        input: { ServiceArn: identity.arn },
        iamAction: 'apprunner:PauseService',
      },
      resume: {
        arn: 'arn:aws:scheduler:::aws-sdk:apprunner:resumeService',
        input: { ServiceArn: identity.arn },
        iamAction: 'apprunner:ResumeService',
      },
    })
  })

  it('links the console and tells how to create the service', () => {
    expect(runtime.consoleUrl('eu-central-1', identity.arn)).toContain(`service_arn=${encodeURIComponent(identity.arn)}`)
    expect(runtime.consoleUrl('eu-central-1')).toMatch(/#\/services$/)
    const guide = runtime.setupGuide({
      serviceName: identity.name,
      region: 'eu-central-1',
      accountId: '082609687527',
      repositoryUri: '082609687527.dkr.ecr.eu-central-1.amazonaws.com/appfactory-app',
      healthPath: '/health',
    })
    expect(guide.command).toMatch(/^aws apprunner create-service --region eu-central-1 --service-name appfactory-app-service /)
    expect(guide.command).toContain('Path=/health')
  })
})
