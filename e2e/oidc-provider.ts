// A real OpenID provider on loopback for the sign-in tests (`oidc-provider`, devDependency).
// Its dev login form accepts any login (an email here) with any password; consent is pre-granted.
import { once } from 'node:events'
import { createServer } from 'node:net'

import Provider, { type KoaContextWithOIDC } from 'oidc-provider'

import { OIDC_ADMIN_GROUP, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_PORT } from './auth-env'

export { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } from './auth-env'

/** A free TCP port on 127.0.0.1 (the issuer URL must name its port before the provider listens). */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const address = probe.address()
  const port = typeof address === 'object' && address ? address.port : 0
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** Starts the provider on 127.0.0.1:`port` (0 = any free port) with one client whose redirect URIs are `redirectUris`. */
export async function startOidcProvider(requestedPort: number = OIDC_PORT, redirectUris: string[] = []) {
  const port = requestedPort === 0 ? await freePort() : requestedPort
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['e2e-provider-cookie-key-0123456789'] },
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => ({
      accountId: sub,
      claims: () => ({
        sub,
        email: sub.toLowerCase(),
        email_verified: true,
        name: sub.split('@')[0] ?? sub,
        groups: sub.startsWith('admin') ? [OIDC_ADMIN_GROUP] : ['staff'],
      }),
    }),
    // First-party test client: grant the requested scopes without a consent screen.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId
      const clientId = ctx.oidc.client?.clientId
      if (!accountId || !clientId) return undefined
      const existing = ctx.oidc.session?.grantIdFor(clientId)
      if (existing) return ctx.oidc.provider.Grant.find(existing)
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId })
      grant.addOIDCScope('openid email profile groups')
      grant.addOIDCClaims(['email', 'email_verified', 'name', 'groups'])
      await grant.save()
      return grant
    },
  })
  const server = provider.listen(port, '127.0.0.1')
  await once(server, 'listening')
  return {
    issuer: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
