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
