import Link from 'next/link'
import { connection } from 'next/server'

import { AuditFilters, AuditTable } from '@/components/actions/audit-table'
import { PanelError } from '@/components/panel/panel-error'
import { linkClasses } from '@/components/ui/link'
import { listAuditFacets, queryAudit } from '@/lib/dal/audit'

export type AuditSearch = { actor?: string; action?: string; result?: string; before?: string }

/** The audit log, server-rendered from the store with the URL's filters. */
export async function AuditPanel({ search }: { search: AuditSearch }) {
  await connection()
  const [page, facets] = await Promise.all([queryAudit({ ...search, limit: '100' }), listAuditFacets()])
  // The filter choices are a convenience: without them the page still shows the entries (or the refusal, or the store's error).
  const choices = facets.ok ? facets.data : { actions: [], actors: [] }
  const olderParams =
    page.ok && page.data.nextBefore !== null ? new URLSearchParams({ ...clean(search), before: String(page.data.nextBefore) }) : null
  return (
    <div className="space-y-4">
      <AuditFilters actors={choices.actors} actions={choices.actions} value={search} />
      {page.ok ? <AuditTable entries={page.data.entries} /> : <PanelError error={page.error} />}
      <nav aria-label="Audit pages" className="flex gap-4 text-sm">
        {search.before ? (
          <Link href={`/audit?${new URLSearchParams(clean({ ...search, before: undefined }))}`} className={linkClasses('underline')}>
            Newest
          </Link>
        ) : null}
        {olderParams ? (
          <Link href={`/audit?${olderParams}`} className={linkClasses('underline')}>
            Older entries
          </Link>
        ) : null}
      </nav>
    </div>
  )
}

const clean = (s: AuditSearch): Record<string, string> =>
  Object.fromEntries(Object.entries(s).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''))
