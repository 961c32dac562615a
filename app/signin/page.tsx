import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { connection } from 'next/server'

// Exception to the page import rule: sign-in pages read the session and the configured sign-in methods.
import { getActor } from '@/lib/auth/actor'
import { checkDemoSignIn } from '@/lib/auth/demo'
import { type SignInError, signInErrors } from '@/lib/auth/flow'
import { safeNextPath } from '@/lib/auth/session'
import { signInMethods } from '@/lib/auth/web'

import { buttonClasses } from '@/components/ui/button'
import { Card, CardBody } from '@/components/ui/card'

export const metadata: Metadata = { title: 'Sign in' }

const isSignInError = (v: unknown): v is SignInError => typeof v === 'string' && Object.hasOwn(signInErrors, v)

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection()
  const params = await searchParams
  const next = safeNextPath(typeof params.next === 'string' ? params.next : undefined)
  if (await getActor()) redirect(next)
  const demo = await checkDemoSignIn()
  const methods = signInMethods(demo)
  const error = isSignInError(params.error) ? signInErrors[params.error] : undefined
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`
  const hasAny = methods.oidc || methods.github || methods.demo

  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 px-4 py-10">
      <h1 className="text-xl font-semibold tracking-tight">Sign in to AppFactory Portal</h1>
      {params.signedOut ? (
        <p role="status" className="text-sm text-muted">
          You are signed out.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-tone-bad/40 bg-tone-bad/10 p-3 text-sm">
          {error}
        </p>
      ) : null}
      <Card>
        <CardBody className="flex flex-col gap-3">
          {methods.oidc ? (
            <a href={`/auth/oidc${query}`} className={buttonClasses('primary')}>
              Sign in with {methods.oidcIssuerHost}
            </a>
          ) : null}
          {methods.github ? (
            <a href={`/auth/github${query}`} className={buttonClasses(methods.oidc ? 'secondary' : 'primary')}>
              Sign in with GitHub
            </a>
          ) : null}
          {methods.demo ? (
            <form action="/auth/demo" method="post" className="flex flex-col gap-2 border-t border-border pt-3">
              <p className="text-sm text-muted">Demo sign-in (the portal is connected to a local emulator, not to AWS):</p>
              <input type="hidden" name="next" value={next} />
              {/* One per line: side by side, the two labels are wider than the card. */}
              <div className="flex flex-col gap-2">
                <button type="submit" name="role" value="viewer" className={buttonClasses('secondary', 'md', 'max-md:h-11')}>
                  Demo: sign in as viewer
                </button>
                <button type="submit" name="role" value="operator" className={buttonClasses('secondary', 'md', 'max-md:h-11')}>
                  Demo: sign in as operator
                </button>
              </div>
            </form>
          ) : null}
          {!demo.isOn && demo.reason ? <p className="text-sm text-muted">Demo sign-in was asked for but is off: {demo.reason}.</p> : null}
          {hasAny ? null : (
            <div className="space-y-2 text-sm">
              <p>No interactive sign-in is configured on this portal.</p>
              <p className="text-muted">
                An administrator can enable it with <code>PORTAL_OIDC_ISSUER</code>, <code>PORTAL_OIDC_CLIENT_ID</code> and{' '}
                <code>PORTAL_OIDC_CLIENT_SECRET</code> (Google, Okta, Entra ID, Cognito…) or <code>PORTAL_GITHUB_CLIENT_ID</code> and{' '}
                <code>PORTAL_GITHUB_CLIENT_SECRET</code>, plus <code>PORTAL_SESSION_SECRET</code> and the role lists{' '}
                <code>PORTAL_ROLE_VIEWERS</code> / <code>_OPERATORS</code> / <code>_ADMINS</code>.
              </p>
              <p className="text-muted">
                Scripts and CI use an automation token from <code>PORTAL_API_TOKENS</code>: send{' '}
                <code>Authorization: Bearer &lt;token&gt;</code>.
              </p>
            </div>
          )}
        </CardBody>
      </Card>
    </main>
  )
}
