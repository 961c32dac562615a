import {
  AppRunnerClient,
  DescribeAutoScalingConfigurationCommand,
  DescribeServiceCommand,
  ListServicesCommand,
} from '@aws-sdk/client-apprunner'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeAll, describe, expect, it, vi } from 'vitest'

import { autoScaling, describedService, SERVICE_ARN, SERVICE_ID } from './apprunner.fixtures'

const ar = mockClient(AppRunnerClient)

// lib/config reads process.env once, so the ARN form is set before the modules load.
beforeAll(() => {
  vi.stubEnv('APPFACTORY_APPRUNNER_SERVICE', SERVICE_ARN)
})

describe('APPFACTORY_APPRUNNER_SERVICE as an ARN', () => {
  it('addresses the service by the configured ARN without ListServices', async () => {
    const { getService, getServiceIdentity } = await import('./apprunner')
    ar.on(DescribeServiceCommand).resolves({ Service: describedService() })
    ar.on(DescribeAutoScalingConfigurationCommand).resolves({ AutoScalingConfiguration: autoScaling })
    expect(await getServiceIdentity()).toEqual({ ok: true, data: { name: 'appfactory-app-service', id: SERVICE_ID, arn: SERVICE_ARN } })
    const r = await getService()
    expect(r.ok).toBe(true)
    expect(ar.commandCalls(ListServicesCommand)).toHaveLength(0)
    expect(ar.commandCalls(DescribeServiceCommand)[0]?.args[0].input).toEqual({ ServiceArn: SERVICE_ARN })
  })
})
