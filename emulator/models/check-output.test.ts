import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { clientConfig, start } from '../contract/helpers'
import { SERVICES } from '../core/registry'
import type { Emulator } from '../core/server'
import { checkOutput } from './check-output'
import { serviceModel } from './model'

describe('checkOutput', () => {
  const apprunner = serviceModel('apprunner')

  it('accepts an answer that fits the output shape', () => {
    expect(
      checkOutput(apprunner, 'ListServices', { ServiceSummaryList: [{ ServiceName: 's', Status: 'RUNNING', CreatedAt: 1.5 }] }),
    ).toEqual([])
  })

  it('names members the model lacks, missing required members, wrong types and enum values', () => {
    const problems = checkOutput(apprunner, 'ListOperations', {
      OperationSummaryList: [{ Id: 'x', Status: 'DONE', StartedAt: '2026-01-01T00:00:00Z', Extra: 1 }],
    })
    expect(problems).toEqual([
      'OperationSummaryList[0].Status: "DONE" is not one of PENDING, IN_PROGRESS, FAILED, SUCCEEDED, ROLLBACK_IN_PROGRESS, ROLLBACK_FAILED, ROLLBACK_SUCCEEDED',
      'OperationSummaryList[0].StartedAt: expected a timestamp (epoch seconds), got "2026-01-01T00:00:00Z"',
      'OperationSummaryList[0]: OperationSummary has no member Extra',
    ])
    expect(checkOutput(apprunner, 'StartDeployment', {})).toEqual(['(output): required member OperationId is missing'])
  })
})

describe('the server checks every answer when asked to', () => {
  let emu: Emulator
  let sts: STSClient
  const original = SERVICES.sts.handlers.GetCallerIdentity!
  beforeAll(async () => {
    emu = await start()
    sts = new STSClient(clientConfig(emu.url))
  })
  afterAll(async () => {
    SERVICES.sts.handlers.GetCallerIdentity = original
    sts.destroy()
    await emu.close()
  })

  it('answers InternalFailure for an answer that does not fit, and keeps the problem', async () => {
    SERVICES.sts.handlers.GetCallerIdentity = () => ({ UserId: 'AIDA', Account: 42, Arn: 'arn', Region: 'eu-central-1' })
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InternalFailure' })
    expect(emu.outputProblems()).toEqual([
      'sts.GetCallerIdentity: Account: expected a string, got number',
      'sts.GetCallerIdentity: (output): GetCallerIdentityResponse has no member Region',
    ])
    SERVICES.sts.handlers.GetCallerIdentity = original
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: '082609687527' })
  })
})
