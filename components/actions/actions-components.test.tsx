import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { AuditFilters, AuditTable } from './audit-table'
import { savingPerDay } from './database-power-controls'

describe('AuditTable', () => {
  it('has an explicit empty state', () => {
    expect(renderToStaticMarkup(<AuditTable entries={[]} />)).toContain('No audit entries match these filters.')
  })

  it('shows a failed attempt with its error code, message and request id', () => {
    const html = renderToStaticMarkup(
      <AuditTable
        entries={[
          {
            id: 1,
            actorId: 'token:ci',
            actorName: 'ci',
            action: 'database.stop',
            target: 'rds:appfactory-db',
            params: { fromStatus: 'stopping' },
            result: 'error',
            errorCode: 'conflict',
            errorMessage: 'Database appfactory-db is stopping',
            requestId: 'req-1',
            portalRequestId: 'portal-req-7',
            clientAddress: '10.0.0.8',
            startedAt: '2026-01-01T00:00:00.000Z',
            endedAt: '2026-01-01T00:00:01.500Z',
          },
        ]}
      />,
    )
    expect(html).toContain('aria-label="Audit log"')
    expect(html).toContain('database.stop')
    expect(html).toContain('conflict')
    expect(html).toContain('10.0.0.8')
    expect(html).toContain('portal-req-7')
    expect(html).toContain('req-1')
    expect(html).toContain('1s')
  })

  it('filters are a GET form keeping the current values', () => {
    const html = renderToStaticMarkup(
      <AuditFilters actors={[{ id: 'token:ci', name: 'ci' }]} actions={['deployment.redeploy']} value={{ result: 'error' }} />,
    )
    expect(html).toContain('method="get"')
    expect(html).toContain('<option value="error" selected="">error</option>')
    expect(html).toContain('deployment.*')
  })
})

describe('savingPerDay', () => {
  it('is 24 instance-hours, doubled for Multi-AZ, null for an unpriced class', () => {
    expect(savingPerDay({ instanceClass: 'db.t4g.micro', multiAz: false })).toBeCloseTo(0.456)
    expect(savingPerDay({ instanceClass: 'db.t4g.micro', multiAz: true })).toBeCloseTo(0.912)
    expect(savingPerDay({ instanceClass: 'db.x99.huge', multiAz: false })).toBeNull()
  })
})
