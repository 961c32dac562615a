import 'server-only'

import { auditCsv, listAuditFacets as readFacets, queryAudit as readAudit } from '@/lib/audit/audit'
import type { AuditPage } from '@/lib/domain/actions'
import { appError } from '@/lib/domain/errors'
import { err, ok, type Result } from '@/lib/result'

import { authorized } from './access'

type Filter = Record<string, string | undefined>
type Facets = Awaited<ReturnType<typeof readFacets>>

/** Audit entries newest first, filtered by untrusted input (`invalid_input`, `store_unavailable`). Role: viewer. */
export const queryAudit = authorized('viewer', (filter: Filter): Promise<Result<AuditPage>> => readAudit(filter))

/** Distinct actions and actors, for the audit page's filter choices (`store_unavailable` when the store is away). Role: viewer. */
export const listAuditFacets = authorized('viewer', async (): Promise<Result<Facets>> => {
  try {
    return ok(await readFacets())
  } catch {
    // The store could not be read; the page says so through the entries' own error.
    return err(appError('store_unavailable', "The audit log's filter choices cannot be read: the portal's database is not reachable."))
  }
})

/** The same page as CSV: an export of the audit log. Role: admin. */
export const exportAuditCsv = authorized('admin', async (filter: Filter): Promise<Result<string>> => {
  const page = await readAudit(filter)
  return page.ok ? ok(auditCsv(page.data.entries)) : page
})
