import 'server-only'

import * as client from 'openid-client'
import { z } from 'zod'

import { config } from '@/lib/config'

import type { Identity } from './roles'

const GITHUB_API = 'https://api.github.com'

function githubConfiguration(): client.Configuration {
  const c = config().github
  if (!c) throw new Error('GitHub sign-in is not configured')
  // GitHub is plain OAuth 2 (no discovery document, no ID token): its endpoints are fixed.
  return new client.Configuration(
    {
      issuer: 'https://github.com/login/oauth',
      authorization_endpoint: 'https://github.com/login/oauth/authorize',
      token_endpoint: 'https://github.com/login/oauth/access_token',
    },
    c.clientId,
    { client_secret: c.clientSecret },
    client.ClientSecretPost(c.clientSecret),
  )
}

/** The GitHub authorization URL (PKCE S256 + state); scopes to read the verified email, orgs and teams. */
export async function githubAuthorizationUrl(input: { redirectUri: string; state: string; codeVerifier: string }): Promise<URL> {
  return client.buildAuthorizationUrl(githubConfiguration(), {
    redirect_uri: input.redirectUri,
    scope: 'read:user user:email read:org',
    state: input.state,
    code_challenge: await client.calculatePKCECodeChallenge(input.codeVerifier),
    code_challenge_method: 'S256',
    allow_signup: 'false',
  })
}

const userSchema = z.object({ id: z.number().int().positive(), login: z.string(), name: z.string().nullable().optional() })
const emailsSchema = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }))
const orgsSchema = z.array(z.object({ login: z.string() }))
const teamsSchema = z.array(z.object({ slug: z.string(), organization: z.object({ login: z.string() }) }))

async function getJson<T>(path: string, accessToken: string, schema: z.ZodType<T>): Promise<T> {
  const r = await fetch(`${GITHUB_API}${path}`, {
    headers: { accept: 'application/vnd.github+json', authorization: `Bearer ${accessToken}`, 'x-github-api-version': '2022-11-28' },
    signal: AbortSignal.timeout(10_000),
  })
  if (!r.ok) throw new Error(`GitHub ${path} answered ${r.status}`)
  return schema.parse(await r.json())
}

/**
 * Maps GitHub API answers to an identity: the numeric user id (logins can be renamed and re-registered
 * by someone else), the primary verified email, org logins and `org/team` slugs.
 */
export function identityFromGitHub(
  user: z.infer<typeof userSchema>,
  emails: z.infer<typeof emailsSchema>,
  orgs: z.infer<typeof orgsSchema>,
  teams: z.infer<typeof teamsSchema>,
): { id: string; name: string; identity: Identity } {
  const email = emails.find((e) => e.primary && e.verified)?.email.toLowerCase()
  return {
    id: `github:${user.id}`,
    name: user.name || user.login,
    identity: {
      email,
      githubId: user.id,
      githubLogin: user.login,
      githubOrgs: orgs.map((o) => o.login),
      githubTeams: teams.map((t) => `${t.organization.login}/${t.slug}`),
    },
  }
}

/** Completes GitHub's code flow (state + PKCE) and reads the user's identity; the access token is kept to re-check membership. */
export async function completeGitHubSignIn(
  callbackUrl: URL,
  checks: { state: string; codeVerifier: string },
): Promise<{ id: string; name: string; identity: Identity; accessToken: string }> {
  const tokens = await client.authorizationCodeGrant(githubConfiguration(), callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
  })
  const token = tokens.access_token
  const [user, emails, orgs, teams] = await Promise.all([
    getJson('/user', token, userSchema),
    getJson('/user/emails', token, emailsSchema),
    getJson('/user/orgs?per_page=100', token, orgsSchema),
    getJson('/user/teams?per_page=100', token, teamsSchema),
  ])
  return { ...identityFromGitHub(user, emails, orgs, teams), accessToken: token }
}

/** The user's current org logins and `org/team` slugs, read with their access token (throws when GitHub refuses or fails). */
export async function readGitHubMembership(accessToken: string): Promise<{ githubOrgs: string[]; githubTeams: string[] }> {
  const [orgs, teams] = await Promise.all([
    getJson('/user/orgs?per_page=100', accessToken, orgsSchema),
    getJson('/user/teams?per_page=100', accessToken, teamsSchema),
  ])
  return { githubOrgs: orgs.map((o) => o.login), githubTeams: teams.map((t) => `${t.organization.login}/${t.slug}`) }
}
