import { signOut } from '@/lib/auth/flow'

/** Signs out (clears the session cookie). */
export const POST = (request: Request) => signOut(request)
