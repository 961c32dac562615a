import { getImageFindings } from '@/lib/aws/ecr'
import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonOk } from '@/lib/http'

/** The scan findings of one image (`sha256:…` digest, URL-encoded or not). */
export async function GET(request: Request, { params }: { params: Promise<{ digest: string }> }) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  const { digest } = await params
  const decoded = safeDecode(digest)
  const findings = await getImageFindings(decoded)
  if (!findings.ok) return jsonError(findings.error)
  return jsonOk({ digest: decoded, findings: findings.data, fetchedAt: new Date().toISOString() })
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    // Not percent-encoded after all; the digest check in lib/aws rejects anything malformed.
    return s
  }
}
