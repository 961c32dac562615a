/**
 * Inputs are checked against AWS's service models before any handler runs. Table-driven: for every
 * served operation of every service, one request per constrained member (required, min/max, lengths,
 * patterns, enums, list sizes) with a value that breaks it, sent through the real SDK — and the service's
 * own validation error must come back (CloudWatch both over JSON and over awsQuery). Then the examples
 * that used to slip through, with AWS's exact wording, and the constraints AWS only documents.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { SERVICES } from '../core/registry'
import type { Emulator } from '../core/server'
import { DOCUMENTED_RULES } from '../models/documented'
import { serviceModel, shapeOf } from '../models/model'
import { MODEL_SOURCES, type ServiceName } from '../models/sources'
import { caught, control, signedFetch, start } from './helpers'
import { badCases, SCENARIO_FOR, VALID, withMember } from './requests'
import { sdk, type SdkClient } from './sdk'

/** The error names each service answers a model violation with (as the SDK names them). */
const EXPECTED: Record<ServiceName, string[]> = {
  ecr: ['InvalidParameterException'],
  apprunner: ['InvalidRequestException'],
  rds: ['InvalidParameterValue', 'MissingParameter'],
  monitoring: ['ValidationException', 'MissingRequiredParameterException', 'InvalidParameterValueException'],
  logs: ['InvalidParameterException'],
  iam: ['ValidationError'],
  ec2: ['InvalidParameterValue', 'MissingParameter'],
  sts: ['ValidationError'],
  cloudtrail: [
    'InvalidParameterException',
    'InvalidMaxResultsException',
    'InvalidLookupAttributesException',
    'InvalidEventCategoryException',
  ],
  secretsmanager: ['ValidationException'],
  scheduler: ['ValidationException'],
}

const SERVICE_NAMES = Object.keys(MODEL_SOURCES) as ServiceName[]

let emu: Emulator
const clients = new Map<string, SdkClient>()
const client = (name: ServiceName, awsQuery = false) => {
  const key = `${name}${awsQuery ? ':query' : ''}`
  let c = clients.get(key)
  if (!c) clients.set(key, (c = sdk(name, emu.url, { awsQuery })))
  return c
}

beforeAll(async () => {
  emu = await start()
})
beforeEach(async () => {
  await control(emu.url, 'POST', '/_emulator/reset', {})
})
afterAll(async () => {
  for (const c of clients.values()) c.destroy()
  await emu.close()
})

describe('the models cover what the emulator serves', () => {
  for (const name of SERVICE_NAMES) {
    it(`${name}: every handler's operation is in emulator/models/${name}.json (else: npm run emulator:models)`, () => {
      const model = serviceModel(name)
      for (const operation of Object.keys(SERVICES[name].handlers)) expect(Object.keys(model.operations)).toContain(operation)
    })
  }
})

describe('every served operation has a valid request, and the emulator accepts it', () => {
  for (const name of SERVICE_NAMES) {
    for (const operation of Object.keys(SERVICES[name].handlers)) {
      it(`${name}.${operation}`, async () => {
        const make = VALID[`${name}.${operation}`]
        expect(make, `add a valid ${name}.${operation} request to emulator/contract/requests.ts`).toBeDefined()
        if (!make) return
        const scenario = SCENARIO_FOR[`${name}.${operation}`]
        if (scenario) await control(emu.url, 'POST', '/_emulator/reset', { scenario })
        // A state conflict (starting an available database) is fine; a validation error is not.
        const outcome = await client(name)
          .send(operation, make())
          .then(
            () => undefined,
            (e: Error) => e,
          )
        if (outcome) expect(EXPECTED[name], outcome.message).not.toContain(outcome.name)
        expect(emu.outputProblems()).toEqual([])
      })
    }
  }
})

type Row = {
  name: ServiceName
  operation: string
  awsQuery: boolean
  path: (string | number)[]
  member: string
  constraint: string
  value: unknown
}

function hasEmptyStructure(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasEmptyStructure)
  if (typeof v !== 'object' || v === null || v instanceof Date) return false
  const values = Object.values(v)
  return values.length === 0 || values.some(hasEmptyStructure)
}

function rows(): Row[] {
  const out: Row[] = []
  for (const name of SERVICE_NAMES) {
    const model = serviceModel(name)
    for (const operation of Object.keys(SERVICES[name].handlers)) {
      const input = model.operations[operation]?.input
      if (!input) continue
      const top = shapeOf(model, input)
      for (const c of badCases(model, input)) {
        // A missing or empty URI label never leaves the SDK (it refuses to build the path).
        const label = top.type === 'structure' && top.members[String(c.path[0])]?.location === 'uri'
        if (label && c.path.length === 1 && (c.constraint === 'required' || c.value === '')) continue
        out.push({ name, operation, awsQuery: false, ...c })
        // Over awsQuery the SDK sends nothing for a structure without members (a list item, a metric with only
        // optional members), so a request that holds one cannot be sent as built.
        const unsendable =
          (c.constraint === 'required' && c.path.some((p) => typeof p === 'number')) ||
          hasEmptyStructure(withMember(model, input, VALID[`${name}.${operation}`]?.() ?? {}, c.path, c.value))
        if (name === 'monitoring' && !unsendable) out.push({ name, operation, awsQuery: true, ...c })
      }
    }
  }
  return out
}

describe('one value out of range for every constrained member of every served operation', () => {
  const table = rows()
  it('covers every service that has constraints', () => {
    expect(new Set(table.map((r) => r.name))).toEqual(new Set(SERVICE_NAMES.filter((n) => n !== 'sts')))
    expect(table.length).toBeGreaterThan(150)
  })
  for (const r of table) {
    const where = r.path.join('.')
    it(`${r.name}.${r.operation}${r.awsQuery ? ' (awsQuery)' : ''}: ${where} breaks ${r.constraint}`, async () => {
      const model = serviceModel(r.name)
      const base = VALID[`${r.name}.${r.operation}`]?.() ?? {}
      const input = withMember(model, model.operations[r.operation]!.input!, base, r.path, r.value)
      const e = await caught(() => client(r.name, r.awsQuery).send(r.operation, input))
      expect(EXPECTED[r.name], `${e.name}: ${e.message}`).toContain(e.name)
      expect(e.$metadata?.httpStatusCode).toBe(400)
      expect(e.message.toLowerCase()).toContain(r.member.toLowerCase())
    })
  }
})

describe('requests that used to slip through, refused in AWS words', () => {
  it('RDS DescribeDBInstances MaxRecords 5: InvalidParameterValue, 20-100', async () => {
    const e = await caught(() => client('rds').send('DescribeDBInstances', { MaxRecords: 5 }))
    expect(e.name).toBe('InvalidParameterValue')
    expect(e.message).toBe('Invalid value 5 for MaxRecords. Must be between 20 and 100')
  })

  it('CloudWatch GetMetricData Period 7: InvalidParameterValue, over JSON and over awsQuery', async () => {
    const input = VALID['monitoring.GetMetricData']!()
    const q = input.MetricDataQueries as { MetricStat: { Period: number } }[]
    q[0]!.MetricStat.Period = 7
    for (const awsQuery of [false, true]) {
      const e = await caught(() => client('monitoring', awsQuery).send('GetMetricData', input))
      expect(e.name).toBe('InvalidParameterValueException')
      expect(e.message).toMatch(/^The value 7 for parameter MetricDataQueries\.member\.1\.MetricStat\.Period is not valid\./)
    }
  })

  it('App Runner DescribeService with ServiceArn "not-an-arn": a validation error, not "not found"', async () => {
    const e = await caught(() => client('apprunner').send('DescribeService', { ServiceArn: 'not-an-arn' }))
    expect(e.name).toBe('InvalidRequestException')
    expect(e.message).toMatch(
      /^1 validation error detected: Value 'not-an-arn' at 'serviceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws/,
    )
  })

  it('ECR DescribeRepositories with the name "Bad Name!": a validation error, not "not found"', async () => {
    const e = await caught(() => client('ecr').send('DescribeRepositories', { repositoryNames: ['Bad Name!'] }))
    expect(e.name).toBe('InvalidParameterException')
    expect(e.message).toMatch(/^Invalid parameter at 'repositoryNames' failed to satisfy constraint: 'must satisfy regular expression/)
  })

  it('several violations are listed together, counted', async () => {
    const e = await caught(() => client('logs').send('FilterLogEvents', { limit: 0, logStreamNames: [] }))
    expect(e.message).toMatch(/^2 validation errors detected: /)
    expect(e.message).toContain("Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
    expect(e.message).toContain(
      "Value '[]' at 'logStreamNames' failed to satisfy constraint: Member must have length greater than or equal to 1",
    )
  })

  it('a JSON body whose types do not fit the model is a SerializationException', async () => {
    const r = await signedFetch(emu.url, 'logs', {
      contentType: 'application/x-amz-json-1.1',
      target: 'Logs_20140328.DescribeLogGroups',
      body: JSON.stringify({ limit: 'ten' }),
    })
    expect(r.status).toBe(400)
    expect(await r.json()).toMatchObject({ __type: 'SerializationException', message: 'STRING_VALUE can not be converted to an Integer' })
  })

  it('a query value that is not the model type is refused in the service form', async () => {
    const r = await signedFetch(emu.url, 'iam', {
      contentType: 'application/x-www-form-urlencoded',
      body: `Action=ListAttachedRolePolicies&Version=2010-05-08&RoleName=AppFactoryGitHubActionsRole&MaxItems=ten`,
    })
    expect(r.status).toBe(400)
    expect(await r.text()).toMatch(/<Code>ValidationError<\/Code><Message>1 validation error detected: Value 'ten' at 'maxItems'/)
  })
})

describe('constraints AWS only documents', () => {
  for (const rule of DOCUMENTED_RULES) {
    it(`${rule.service}.${rule.operation} ${rule.path}`, async () => {
      const model = serviceModel(rule.service)
      const base = VALID[`${rule.service}.${rule.operation}`]?.() ?? {}
      const path = rule.path.split('.').flatMap((p) => (p.endsWith('[]') ? [p.slice(0, -2), 0] : [p]))
      const input = withMember(model, model.operations[rule.operation]!.input!, base, path, rule.example)
      const e = await caught(() => client(rule.service).send(rule.operation, input))
      expect(EXPECTED[rule.service], `${e.name}: ${e.message}`).toContain(e.name)
    })
  }
})
