import { finishSignIn } from '@/lib/auth/flow'

/** The OpenID Connect redirect URI: completes sign-in. */
export const GET = (request: Request) => finishSignIn('oidc', request)
