import 'server-only'

import * as client from 'openid-client'

import { config, isLoopbackUrl } from '@/lib/config'
import { processSlot } from '@/lib/process-state'

import type { Identity } from './roles'

type Discovered = { key: string; configuration: Promise<client.Configuration> }
const discovered = processSlot<Discovered>('oidc-discovery')

/** The discovered OpenID provider (cached per issuer + client; a failed discovery is retried next time). */
export async function oidcConfiguration(): Promise<client.Configuration> {
  const c = config().oidc
  if (!c) throw new Error('OIDC is not configured')
  const key = `${c.issuer}|${c.clientId}`
  if (discovered.current?.key !== key) {
    const configuration = client.discovery(
      new URL(c.issuer),
      c.clientId,
      c.clientSecret ? { client_secret: c.clientSecret } : undefined,
      c.clientSecret ? client.ClientSecretBasic(c.clientSecret) : client.None(),
      // Plain http only for an issuer on this machine (the e2e provider); anything else must be https.
      { execute: isLoopbackUrl(c.issuer) ? [client.allowInsecureRequests] : [], timeout: 10 },
    )
    discovered.current = { key, configuration }
    configuration.catch(() => {
      if (discovered.current?.configuration === configuration) discovered.current = undefined
    })
  }
  return discovered.current.configuration
}

/** Builds the authorization URL (code flow, PKCE S256, state, nonce). */
export async function oidcAuthorizationUrl(input: {
  redirectUri: string
  state: string
  nonce: string
  codeVerifier: string
}): Promise<URL> {
  const configuration = await oidcConfiguration()
  const supported = configuration.serverMetadata().scopes_supported ?? []
  // Ask for `groups` only where the provider knows it (Google rejects unknown scopes).
  const scope = ['openid', 'email', 'profile', ...(supported.includes('groups') ? ['groups'] : [])].join(' ')
  return client.buildAuthorizationUrl(configuration, {
    redirect_uri: input.redirectUri,
    scope,
    state: input.state,
    nonce: input.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(input.codeVerifier),
    code_challenge_method: 'S256',
  })
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/**
 * Maps ID token + userinfo claims to an identity. Only an email the provider says it verified
 * (`email_verified: true`) is kept: a missing claim counts as unverified, since several providers let
 * people type any address into their profile.
 */
export function identityFromClaims(claims: Record<string, unknown>): { id: string; name: string; identity: Identity } {
  const email = claims.email_verified === true ? str(claims.email)?.toLowerCase() : undefined
  const groups = strings(claims.groups) ?? strings(claims['cognito:groups'])
  const sub = str(claims.sub) ?? 'unknown'
  return { id: email ?? `oidc:${sub}`, name: str(claims.name) ?? email ?? sub, identity: { email, groups } }
}

/** Completes the code flow: checks state, PKCE and nonce, then merges ID token and userinfo claims. */
export async function completeOidcSignIn(
  callbackUrl: URL,
  checks: { state: string; nonce: string | undefined; codeVerifier: string },
): Promise<{ id: string; name: string; identity: Identity }> {
  const configuration = await oidcConfiguration()
  const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  })
  const claims: Record<string, unknown> = { ...(tokens.claims() ?? {}) }
  const sub = str(claims.sub)
  // Many providers put email and groups only in userinfo when an access token is issued.
  if (sub && configuration.serverMetadata().userinfo_endpoint) {
    const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, sub)
    // Email and its verification travel together: never pair one source's email with the other's flag.
    if (!claims.email && userinfo.email) Object.assign(claims, { email: userinfo.email, email_verified: userinfo.email_verified })
    if (!claims.groups && userinfo.groups) claims.groups = userinfo.groups
    if (!claims.name && userinfo.name) claims.name = userinfo.name
  }
  return identityFromClaims(claims)
}
