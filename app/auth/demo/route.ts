import { demoSignIn } from '@/lib/auth/flow'

/** One-click demo sign-in (form field `role`: viewer | operator); refused unless AWS_ENDPOINT_URL is loopback. */
export const POST = (request: Request) => demoSignIn(request)
