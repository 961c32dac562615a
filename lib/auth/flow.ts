import 'server-only'

import { NextResponse } from 'next/server'
import * as client from 'openid-client'
import { z } from 'zod'

import { config } from '@/lib/config'
import type { Role } from '@/lib/domain/auth'
import { requestLogger } from '@/lib/logger'
import { countSignIn } from '@/lib/metrics'

import { actorFromSession, getSession, sessionSecret } from './actor'
import { isSameOrigin } from './csrf'
import { completeGitHubSignIn, githubAuthorizationUrl } from './github'
import { completeOidcSignIn, oidcAuthorizationUrl } from './oidc'
import {
  cookieFromHeader,
  createSession,
  FLOW_COOKIE,
  FLOW_TTL_SECONDS,
  readFlow,
  readSession,
  safeNextPath,
  SESSION_COOKIE,
  signValue,
} from './session'
import { clearCookie, publicOrigin, setFlowCookie, setSessionCookie } from './web'

type Provider = 'oidc' | 'github'

/** Fixed messages for /signin?error=… (never reflect provider text into the page). */
export const signInErrors = {
  not_configured: 'That sign-in method is not configured on this portal.',
  provider_unreachable: 'The identity provider could not be reached. Try again in a moment.',
  expired: 'The sign-in took too long or was started in another browser. Please start again.',
  failed: 'The identity provider did not confirm the sign-in. Please start again.',
  demo_disabled: 'Demo sign-in is only available when the portal runs against a local emulator.',
  cross_origin: 'The request did not come from this portal.',
} as const
export type SignInError = keyof typeof signInErrors

const redirectTo = (request: Request, path: string) => NextResponse.redirect(`${publicOrigin(request)}${path}`, 303)
const failTo = (request: Request, error: SignInError) => redirectTo(request, `/signin?error=${error}`)
const callbackPath = (provider: Provider) => `/auth/${provider}/callback`

/** GET /auth/<provider>: creates state, nonce and PKCE verifier, stores them in a signed cookie, redirects to the provider. */
export async function startSignIn(provider: Provider, request: Request): Promise<NextResponse> {
  const log = await requestLogger(request)
  if (!(provider === 'oidc' ? config().oidc : config().github)) return failTo(request, 'not_configured')
  const next = safeNextPath(new URL(request.url).searchParams.get('next'))
  const state = client.randomState()
  const nonce = provider === 'oidc' ? client.randomNonce() : undefined
  const codeVerifier = client.randomPKCECodeVerifier()
  const redirectUri = `${publicOrigin(request)}${callbackPath(provider)}`
  let url: URL
  try {
    url =
      provider === 'oidc' && nonce
        ? await oidcAuthorizationUrl({ redirectUri, state, nonce, codeVerifier })
        : await githubAuthorizationUrl({ redirectUri, state, codeVerifier })
  } catch (e: unknown) {
    log.error({ provider, error: e instanceof Error ? e.message : String(e) }, 'sign-in: provider discovery failed')
    return failTo(request, 'provider_unreachable')
  }
  const flow = signValue(
    'flow',
    { provider, state, nonce, codeVerifier, next, exp: Math.floor(Date.now() / 1000) + FLOW_TTL_SECONDS },
    sessionSecret(),
  )
  const response = NextResponse.redirect(url, 303)
  setFlowCookie(response, request, flow)
  return response
}

/** GET /auth/<provider>/callback: verifies state, PKCE (and nonce), creates the session, sends the person on. */
export async function finishSignIn(provider: Provider, request: Request): Promise<NextResponse> {
  const log = await requestLogger(request)
  const flow = readFlow(cookieFromHeader(request.headers.get('cookie'), FLOW_COOKIE), sessionSecret())
  if (!flow || flow.provider !== provider) return failTo(request, 'expired')
  // The provider redirected the browser to our public callback URL; rebuild it from there, not from the internal request URL.
  const callbackUrl = new URL(`${publicOrigin(request)}${callbackPath(provider)}${new URL(request.url).search}`)
  let signedIn: Awaited<ReturnType<typeof completeOidcSignIn>>
  try {
    signedIn =
      provider === 'oidc'
        ? await completeOidcSignIn(callbackUrl, { state: flow.state, nonce: flow.nonce, codeVerifier: flow.codeVerifier })
        : await completeGitHubSignIn(callbackUrl, { state: flow.state, codeVerifier: flow.codeVerifier })
  } catch (e: unknown) {
    log.warn({ provider, error: e instanceof Error ? e.name : 'Error' }, 'sign-in: callback rejected')
    const response = failTo(request, 'failed')
    clearCookie(response, request, FLOW_COOKIE)
    return response
  }
  const secret = sessionSecret()
  const value = createSession({ kind: 'user', provider, id: signedIn.id, name: signedIn.name, identity: signedIn.identity }, secret)
  const session = readSession(value, secret)
  const actor = session ? actorFromSession(session) : null
  log.info({ provider, user: signedIn.id, role: actor?.role ?? null }, actor ? 'signed in' : 'signed in without a role: no access')
  countSignIn(provider)
  const response = redirectTo(request, actor ? flow.next : '/no-access')
  clearCookie(response, request, FLOW_COOKIE)
  setSessionCookie(response, request, value)
  return response
}

/** The roles a demo sign-in may pick (never admin). */
const demoRoleSchema = z.enum(['viewer', 'operator'] as const satisfies readonly Role[])

/** POST /auth/demo: one-click sign-in as viewer or operator, only against a loopback emulator. */
export async function demoSignIn(request: Request): Promise<NextResponse> {
  const log = await requestLogger(request)
  if (!isSameOrigin(request.headers, config().publicUrl)) return failTo(request, 'cross_origin')
  if (!config().demoAuth) return failTo(request, 'demo_disabled')
  const form = await request.formData().catch(() => null)
  const role = demoRoleSchema.safeParse(form?.get('role'))
  if (!role.success) return failTo(request, 'failed')
  const next = safeNextPath(typeof form?.get('next') === 'string' ? String(form?.get('next')) : '/')
  const name = role.data === 'operator' ? 'Demo operator' : 'Demo viewer'
  const value = createSession(
    { kind: 'demo', provider: 'demo', id: `demo:${role.data}`, name, identity: {}, role: role.data },
    sessionSecret(),
  )
  log.info({ user: `demo:${role.data}` }, 'demo sign-in')
  countSignIn('demo')
  const response = redirectTo(request, next)
  setSessionCookie(response, request, value)
  return response
}

/** POST /auth/signout: ends the session. */
export async function signOut(request: Request): Promise<NextResponse> {
  if (!isSameOrigin(request.headers, config().publicUrl)) return failTo(request, 'cross_origin')
  const session = await getSession(request)
  if (session) (await requestLogger(request)).info({ user: session.id }, 'signed out')
  const response = redirectTo(request, '/signin?signedOut=1')
  clearCookie(response, request, SESSION_COOKIE)
  return response
}
