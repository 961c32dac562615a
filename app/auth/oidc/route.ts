import { startSignIn } from '@/lib/auth/flow'

/** Starts sign-in with the OpenID Connect provider. */
export const GET = (request: Request) => startSignIn('oidc', request)
