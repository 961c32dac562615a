import { describe, expect, it } from 'vitest'

import type { NetworkPath } from '@/lib/domain/network'

import { judgePath } from './network'

const rule = (from: string, isConnector: boolean | null): NetworkPath['rules'][number] => ({
  groupId: 'sg-db',
  groupName: 'appfactory-db-sg',
  rule: { protocol: 'tcp', fromPort: 5432, toPort: 5432, sourceGroupIds: [from], cidrs: [], description: null },
  sources: [{ kind: 'group', value: from, name: 'appfactory-connector-sg', isConnector }],
})

const base: Omit<NetworkPath, 'verdict' | 'summary' | 'fetchedAt'> = {
  database: {
    identifier: 'appfactory-db',
    vpcId: 'vpc-1',
    port: 5432,
    publiclyAccessible: false,
    securityGroups: [{ id: 'sg-db', name: null, vpcId: 'vpc-1' }],
  },
  egress: 'VPC',
  connector: {
    arn: 'arn:c',
    name: 'appfactory-vpc-connector',
    status: 'ACTIVE',
    securityGroups: [{ id: 'sg-conn', name: null, vpcId: 'vpc-1' }],
  },
  serviceError: null,
  rulesError: null,
  rules: [rule('sg-conn', true)],
}

describe('judgePath', () => {
  it('open when a rule on the database port admits the connector group', () => {
    expect(judgePath(base)).toMatchObject({
      verdict: 'open',
      summary: expect.stringContaining('sg-conn may reach appfactory-db on TCP 5432'),
    })
  })

  it('blocked when no rule admits it', () => {
    expect(judgePath({ ...base, rules: [rule('sg-other', false)] }).verdict).toBe('blocked')
  })

  it('unknown — never blocked or open — when the runtime could not be read, naming what the database admits', () => {
    const j = judgePath({
      ...base,
      egress: 'unknown',
      connector: null,
      serviceError: { code: 'aws_error', message: 'The endpoint answered HTTP 500 with an HTML page.' },
      rules: [rule('sg-conn', null)],
    })
    expect(j.verdict).toBe('unknown')
    expect(j.summary).toContain('admits sg-conn (appfactory-connector-sg)')
    expect(j.summary).toContain('HTTP 500')
  })

  it('unknown when the rules could not be read; no connector and other VPC are named', () => {
    expect(judgePath({ ...base, rulesError: { code: 'aws_denied', message: 'Access denied.' } }).verdict).toBe('unknown')
    expect(judgePath({ ...base, egress: 'DEFAULT', connector: null }).verdict).toBe('no-connector')
    expect(
      judgePath({ ...base, connector: { ...base.connector!, securityGroups: [{ id: 'sg-conn', name: null, vpcId: 'vpc-2' }] } }).verdict,
    ).toBe('other-vpc')
  })
})
