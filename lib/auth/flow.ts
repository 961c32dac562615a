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
import { CLIENT_ADDRESS_HEADER } from './headers'
import { checkDemoSignIn } from './demo'
import { completeGitHubSignIn, githubAuthorizationUrl } from './github'
import { completeOidcSignIn, oidcAuthorizationUrl } from './oidc'
import type { Identity } from './roles'
import { seal } from './seal'
import {
  cookieFromHeader,
  createSessionCookie,
  FLOW_COOKIE,
  FLOW_TTL_SECONDS,
  newSessionId,
  readFlow,
  safeNextPath,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
  signValue,
} from './session'
import { createSession, revokeSession, type SessionRecord } from './session-store'
import { clearCookie, publicOrigin, readFormCapped, setFlowCookie, setSessionCookie } from './web'

type Provider = 'oidc' | 'github'

/** Fixed messages for /signin?error=… (never reflect provider text into the page). */
export const signInErrors = {
  not_configured: 'That sign-in method is not configured on this portal.',
  provider_unreachable: 'The identity provider could not be reached. Try again in a moment.',
  expired: 'The sign-in took too long or was started in another browser. Please start again.',
  failed: 'The identity provider did not confirm the sign-in. Please start again.',
  demo_disabled: 'Demo sign-in is only available when the portal is started with npm run demo, against the local emulator.',
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
  const next = safeNextPath(new URL(request.url).searchParams.get('next'), publicOrigin(request))
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
  let signedIn: { id: string; name: string; identity: Identity; accessToken?: string }
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
  const session = await startSession(
    {
      kind: 'user',
      provider,
      userId: signedIn.id,
      name: signedIn.name,
      identity: signedIn.identity,
      role: null,
      providerToken: signedIn.accessToken ? seal(signedIn.accessToken, secret) : null,
    },
    secret,
    request,
  )
  const actor = actorFromSession(session.record)
  log.info({ provider, user: signedIn.id, role: actor?.role ?? null }, actor ? 'signed in' : 'signed in without a role: no access')
  countSignIn(provider)
  const response = redirectTo(request, actor ? safeNextPath(flow.next, publicOrigin(request)) : '/no-access')
  clearCookie(response, request, FLOW_COOKIE)
  setSessionCookie(response, request, session.cookie)
  return response
}

/** Stores a new server-side session and returns it with the signed cookie that names it. */
async function startSession(
  data: { kind: SessionRecord['kind']; provider: SessionRecord['provider']; userId: string; name: string; identity: Identity } & Pick<
    SessionRecord,
    'role' | 'providerToken'
  >,
  secret: string,
  request: Request,
): Promise<{ record: SessionRecord; cookie: string }> {
  const now = new Date()
  const id = newSessionId()
  const record = await createSession({
    ...data,
    id,
    now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_SECONDS * 1000),
    // For the admin's list of sessions: the address the production server saw, and the browser.
    clientAddress: request.headers.get(CLIENT_ADDRESS_HEADER) || null,
    userAgent: request.headers.get('user-agent')?.slice(0, 300) ?? null,
  })
  return { record, cookie: createSessionCookie(id, secret, now.getTime()) }
}

/** The roles a demo sign-in may pick (never admin). */
const demoRoleSchema = z.enum(['viewer', 'operator'] as const satisfies readonly Role[])

/** POST /auth/demo: one-click sign-in as viewer or operator, only while the portal provably talks to the local emulator. */
export async function demoSignIn(request: Request): Promise<NextResponse> {
  const log = await requestLogger(request)
  if (!isSameOrigin(request.headers, config().publicUrl)) return failTo(request, 'cross_origin')
  const demo = await checkDemoSignIn()
  if (!demo.isOn) {
    log.warn({ reason: demo.reason }, 'demo sign-in refused')
    return failTo(request, 'demo_disabled')
  }
  const form = await readFormCapped(request)
  const role = demoRoleSchema.safeParse(form?.get('role'))
  if (!role.success) return failTo(request, 'failed')
  const nextField = form?.get('next')
  const next = safeNextPath(typeof nextField === 'string' ? nextField : '/', publicOrigin(request))
  const name = role.data === 'operator' ? 'Demo operator' : 'Demo viewer'
  const session = await startSession(
    { kind: 'demo', provider: 'demo', userId: `demo:${role.data}`, name, identity: {}, role: role.data, providerToken: null },
    sessionSecret(),
    request,
  )
  log.info({ user: `demo:${role.data}` }, 'demo sign-in')
  countSignIn('demo')
  const response = redirectTo(request, next)
  setSessionCookie(response, request, session.cookie)
  return response
}

/** POST /auth/signout: ends the server-side session at once (the cookie alone would no longer do) and clears the cookie. */
export async function signOut(request: Request): Promise<NextResponse> {
  if (!isSameOrigin(request.headers, config().publicUrl)) return failTo(request, 'cross_origin')
  const session = await getSession(request)
  if (session) {
    await revokeSession(session.id, session.userId)
    ;(await requestLogger(request)).info({ user: session.userId }, 'signed out')
  }
  const response = redirectTo(request, '/signin?signedOut=1')
  clearCookie(response, request, SESSION_COOKIE)
  return response
}
