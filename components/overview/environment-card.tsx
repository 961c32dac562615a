import { AsOf } from '@/components/panel/as-of'
import { PanelError } from '@/components/panel/panel-error'
import { Badge } from '@/components/ui/badge'
import { DescriptionList } from '@/components/ui/description-list'
import type { Environment } from '@/lib/domain/overview'
import { linkClasses } from '@/components/ui/link'
import { Identifier } from '@/components/ui/identifier'

/** Account (from STS, warning when it is not the configured one), region and console links. */
export function EnvironmentCard({ env }: { env: Environment }) {
  return (
    <div className="space-y-3">
      {env.accountMatches === false ? (
        <p role="alert" className="rounded-md border border-tone-warn/40 bg-tone-warn/10 p-2 text-sm">
          <strong>Different account:</strong> AWS says the portal runs as account {env.account}, but APPFACTORY_ACCOUNT_ID is{' '}
          {env.expectedAccountId}. Check the credentials (AWS_PROFILE) or the configuration.
        </p>
      ) : null}
      {env.identityError ? <PanelError error={env.identityError} /> : null}
      {env.identityReadAt ? (
        <p>
          <AsOf fetchedAt={env.identityReadAt} stale={env.identityStaleError !== null} staleError={env.identityStaleError ?? undefined} />
        </p>
      ) : null}
      <DescriptionList
        items={[
          {
            label: 'Account',
            value: (
              <span className="inline-flex flex-wrap items-center gap-2">
                <span className="font-mono">{env.account ?? env.expectedAccountId}</span>
                {env.accountMatches === true ? <Badge tone="ok">as configured</Badge> : null}
                {env.account === null ? <Badge tone="warn">not verified</Badge> : null}
              </span>
            ),
          },
          { label: 'Identity', value: env.arn ? <Identifier value={env.arn} name="identity ARN" /> : '—' },
          { label: 'Region', value: <span className="font-mono">{env.region}</span> },
          ...(env.endpointOverride ? [{ label: 'Endpoint', value: <Badge tone="info">AWS_ENDPOINT_URL override</Badge> }] : []),
        ]}
      />
      <nav aria-label="AWS console">
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
          {env.links.map((l) => (
            <li key={l.id}>
              <a href={l.href} target="_blank" rel="noreferrer" className={linkClasses()}>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  )
}
