import 'server-only'

import { headers } from 'next/headers'

import { CLIENT_ADDRESS_HEADER, REQUEST_ID_HEADER } from '@/lib/auth/headers'

/** Where the request being served came from, for the audit log. */
export type RequestMeta = { portalRequestId: string | null; clientAddress: string | null }

/**
 * The portal's request id (set by proxy.ts) and the client's address (set by the production server
 * from the connection, never taken from the client); nulls outside a request.
 */
export async function requestMeta(): Promise<RequestMeta> {
  try {
    const h = await headers()
    return { portalRequestId: h.get(REQUEST_ID_HEADER), clientAddress: h.get(CLIENT_ADDRESS_HEADER) || null }
  } catch {
    // Outside a request scope (scripts, tests): nothing to record.
    return { portalRequestId: null, clientAddress: null }
  }
}
