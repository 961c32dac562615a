import { getImageFindings } from '@/lib/dal/images'
import { jsonResult } from '@/lib/http'

/** The scan findings of one image (`sha256:…` digest, URL-encoded or not). */
export async function GET(_request: Request, { params }: { params: Promise<{ digest: string }> }) {
  const { digest } = await params
  return jsonResult(await getImageFindings(safeDecode(digest)))
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    // Not percent-encoded after all; the digest check in lib/aws rejects anything malformed.
    return s
  }
}
