import { finishSignIn } from '@/lib/auth/flow'

/** The GitHub redirect URI: completes sign-in. */
export const GET = (request: Request) => finishSignIn('github', request)
