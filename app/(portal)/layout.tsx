import type { ReactNode } from 'react'
import Link from 'next/link'

import { ActorProvider } from '@/components/auth/actor-context'
import { UserBadge } from '@/components/auth/user-badge'
import { type NavItem, NavLinks } from '@/components/ui/nav-links'
import { requirePageActor } from '@/lib/auth/actor'

const nav = [
  { href: '/', label: 'Overview' },
  { href: '/images', label: 'Images' },
  { href: '/deployments', label: 'Deployments' },
  { href: '/database', label: 'Database' },
  { href: '/schedules', label: 'Schedules' },
  { href: '/metrics', label: 'Metrics' },
  { href: '/logs', label: 'Logs' },
  { href: '/troubleshoot', label: 'Troubleshoot' },
  { href: '/audit', label: 'Audit' },
] as const satisfies readonly NavItem[]

/** The portal shell: product name, navigation, the signed-in user, then the page. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  // Every portal page needs a signed-in viewer (redirects to /signin or /no-access otherwise).
  const actor = await requirePageActor()
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-10 border-b border-border bg-surface/95 backdrop-blur">
        <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <span aria-hidden className="inline-block size-5 rounded bg-accent" />
            AppFactory Portal
          </Link>
          <nav aria-label="Main" className="min-w-0 flex-1">
            <NavLinks items={nav} />
          </nav>
          <div className="flex items-center gap-2 text-sm">
            <UserBadge actor={actor} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-5">
        <ActorProvider actor={actor}>{children}</ActorProvider>
      </main>
    </div>
  )
}
