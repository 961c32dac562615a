import { getImageDetail } from '@/lib/dal/images'
import { jsonResult } from '@/lib/http'

/** One image of the repository by its `sha256:…` digest (URL-encoded or not); 404 when ECR no longer holds it. */
export async function GET(_request: Request, { params }: { params: Promise<{ digest: string }> }) {
  const { digest } = await params
  return jsonResult(await getImageDetail(safeDecode(digest)))
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    // Not percent-encoded after all; the digest check in lib/aws rejects anything malformed.
    return s
  }
}
