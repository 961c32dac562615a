import { z } from 'zod/mini'

/** An IAM role as the checks need it. `trustPolicy` is the decoded JSON text of AssumeRolePolicyDocument. */
export const roleSchema = z.object({
  name: z.string(),
  arn: z.string(),
  roleId: z.nullable(z.string()),
  createdAt: z.nullable(z.string()),
  trustPolicy: z.string(),
  fetchedAt: z.string(),
})
export type Role = z.infer<typeof roleSchema>

export const attachedPolicySchema = z.object({ name: z.string(), arn: z.string() })
export type AttachedPolicy = z.infer<typeof attachedPolicySchema>

/** The default version of a managed policy; `document` is the decoded JSON text. */
export const policyDocumentSchema = z.object({
  arn: z.string(),
  name: z.nullable(z.string()),
  versionId: z.string(),
  document: z.string(),
})
export type PolicyDocument = z.infer<typeof policyDocumentSchema>

export const oidcProviderSchema = z.object({
  arn: z.string(),
  /** Issuer host (and path) without scheme, e.g. `token.actions.githubusercontent.com`. */
  url: z.string(),
  clientIds: z.array(z.string()),
  thumbprints: z.array(z.string()),
  createdAt: z.nullable(z.string()),
})
export type OidcProvider = z.infer<typeof oidcProviderSchema>

export const callerIdentitySchema = z.object({ account: z.string(), arn: z.string(), userId: z.string() })
export type CallerIdentity = z.infer<typeof callerIdentitySchema>

/**
 * IAM returns policy documents URL-encoded (RFC 3986) and the AWS SDK for JavaScript does not decode
 * them. Decodes when needed; text that already looks like JSON is returned unchanged.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html
 */
export function decodePolicyText(text: string): string {
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) return trimmed
  try {
    return decodeURIComponent(trimmed).trim()
  } catch {
    // A malformed escape: hand the raw text on; the JSON parser reports the problem.
    return trimmed
  }
}
