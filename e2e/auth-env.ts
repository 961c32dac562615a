/**
 * Sign-in settings shared by the e2e portal (spread into e2eEnv.portal) and e2e/auth.spec.ts.
 * Plain constants: importing this does not load the OpenID provider.
 */
/** Added to every port the e2e suite listens on (emulator, portal, OpenID provider); default 0. */
export const E2E_PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0) || 0
export const OIDC_PORT = 4590 + E2E_PORT_OFFSET
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`
export const OIDC_CLIENT_ID = 'appfactory-portal-e2e'
export const OIDC_CLIENT_SECRET = 'e2e-oidc-client-secret-0123456789abcdef'
export const SESSION_SECRET = 'e2e-session-secret-0123456789-0123456789-abcdef'
/** Logins at the test provider that start with `admin` carry this group. */
export const OIDC_ADMIN_GROUP = 'portal-admins'

export const users = {
  viewer: 'viewer@example.test',
  operator: 'operator@example.test',
  admin: 'admin@example.test',
  stranger: 'stranger@elsewhere.test',
}

/** Environment for the portal under test (`publicUrl`: the portal's base URL). */
export const authPortalEnv = (publicUrl: string) => ({
  PORTAL_PUBLIC_URL: publicUrl,
  PORTAL_SESSION_SECRET: SESSION_SECRET,
  PORTAL_OIDC_ISSUER: OIDC_ISSUER,
  PORTAL_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
  PORTAL_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
  PORTAL_ROLE_ADMINS: `group:${OIDC_ADMIN_GROUP}`,
  PORTAL_ROLE_OPERATORS: users.operator,
  PORTAL_ROLE_VIEWERS: users.viewer,
})
