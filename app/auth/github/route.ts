import { startSignIn } from '@/lib/auth/flow'

/** Starts sign-in with GitHub. */
export const GET = (request: Request) => startSignIn('github', request)
