import 'server-only'

import { auditCsv, listAuditFacets as readFacets, queryAudit as readAudit } from '@/lib/audit/audit'
import type { AuditPage } from '@/lib/domain/actions'
import { ok, type Result } from '@/lib/result'

import { authorized } from './access'

type Filter = Record<string, string | undefined>

/** Audit entries newest first, filtered by untrusted input (`invalid_input` for a bad filter). Role: viewer. */
export const queryAudit = authorized('viewer', async (filter: Filter): Promise<Result<AuditPage>> => readAudit(filter))

/** Distinct actions and actors, for the audit page's filter choices. Role: viewer. */
export const listAuditFacets = authorized('viewer', async () => ok(readFacets()))

/** The same page as CSV: an export of the audit log. Role: admin. */
export const exportAuditCsv = authorized('admin', async (filter: Filter): Promise<Result<string>> => {
  const page = readAudit(filter)
  return page.ok ? ok(auditCsv(page.data.entries)) : page
})
