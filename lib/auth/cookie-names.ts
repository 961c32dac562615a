/** Cookie names (not `__Host-`: the demo serves the production build over plain http on loopback). */
export const SESSION_COOKIE = 'portal_session'
/** Holds PKCE verifier, state and nonce during one sign-in round trip. */
export const FLOW_COOKIE = 'portal_signin'
