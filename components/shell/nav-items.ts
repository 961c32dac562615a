/**
 * The portal's sections, in menu order: the one list the header, the phone menu and the e2e page
 * walks read. A new page adds its entry here and is in the navigation and the tests at once.
 * (Plain data, no React: the Playwright specs import it too.)
 */
export type NavItem = { href: string; label: string }

export const portalNav = [
  { href: '/', label: 'Overview' },
  { href: '/images', label: 'Images' },
  { href: '/deployments', label: 'Deployments' },
  { href: '/timeline', label: 'Timeline' },
  { href: '/database', label: 'Database' },
  { href: '/schedules', label: 'Schedules' },
  { href: '/metrics', label: 'Metrics' },
  { href: '/logs', label: 'Logs' },
  { href: '/troubleshoot', label: 'Troubleshoot' },
  { href: '/setup', label: 'Setup' },
  { href: '/audit', label: 'Audit' },
] as const satisfies readonly NavItem[]

/** True when `pathname` is inside the section `href` ("/" only matches itself). */
export const isCurrentSection = (href: string, pathname: string): boolean =>
  href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`)

/** The section a path belongs to, for the compact header's "current page". */
export const currentSection = (pathname: string): NavItem | undefined => portalNav.find((item) => isCurrentSection(item.href, pathname))
