import type { ReactNode } from 'react'
import Link from 'next/link'

import { ActorProvider } from '@/components/auth/actor-context'
import { UserBadge } from '@/components/auth/user-badge'
import { CurrentSection } from '@/components/shell/current-section'
import { MobileMenu } from '@/components/shell/mobile-menu'
import { NavLinks } from '@/components/ui/nav-links'
import { requirePageActor } from '@/lib/auth/actor'

/**
 * The portal shell: product name, navigation (the sections come from components/shell/nav-items),
 * the signed-in user, then the page. Below `lg` the header is one compact row — product name,
 * current section, Menu — and the navigation and the user live in the menu.
 */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  // Every portal page needs a signed-in viewer (redirects to /signin or /no-access otherwise).
  const actor = await requirePageActor()
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-20 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-10 border-b border-border bg-surface/95 backdrop-blur">
        <div className="mx-auto flex max-w-screen-2xl items-center gap-x-3 px-4 py-2 lg:flex-wrap lg:gap-x-6 lg:gap-y-2">
          <Link href="/" className="flex min-h-11 shrink-0 items-center gap-2 font-semibold tracking-tight lg:min-h-8">
            <span aria-hidden className="inline-block size-5 rounded bg-accent" />
            AppFactory<span className="max-sm:sr-only"> Portal</span>
          </Link>
          <CurrentSection className="min-w-0 truncate text-sm text-muted lg:hidden" />
          <nav aria-label="Main" className="min-w-0 flex-1 max-lg:hidden">
            <NavLinks />
          </nav>
          <div className="flex items-center gap-2 text-sm max-lg:hidden">
            <UserBadge actor={actor} />
          </div>
          <MobileMenu className="ml-auto shrink-0 lg:hidden">
            <UserBadge actor={actor} />
          </MobileMenu>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-5">
        <ActorProvider actor={actor}>{children}</ActorProvider>
      </main>
    </div>
  )
}
