/* The zod-free half of lib/domain/image (the browser needs it before zod has loaded). */

/** ECR finding severities, most severe first. */
export const severities = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'] as const

/** Sort key of a severity: most severe first, unknown words last. */
export const severityRank = (severity: string): number => {
  const i = (severities as readonly string[]).indexOf(severity)
  return i === -1 ? severities.length : i
}

/** Orders severities (or anything with one) most severe first: `list.toSorted(bySeverity)`. */
export const bySeverity = (a: string, b: string): number => severityRank(a) - severityRank(b)

/** The image the service runs, by tag and/or digest (either may be unknown). */
export type DeployedRef = { tag?: string | null; digest?: string | null }

/** True when `image` is the one the service runs: same digest, or it carries the deployed tag. */
export const isDeployedImage = (image: { digest: string; tags: readonly string[] }, ref: DeployedRef | null | undefined): boolean =>
  !!ref && ((!!ref.digest && image.digest === ref.digest) || (!!ref.tag && image.tags.includes(ref.tag)))

/** Sets `deployed` on each image of a page from the service's image reference (no reference: unchanged). */
export function markDeployed<P extends { images: readonly { digest: string; tags: readonly string[]; deployed: boolean }[] }>(
  page: P,
  ref: DeployedRef | null,
): P {
  if (!ref || (!ref.tag && !ref.digest)) return page
  return { ...page, images: page.images.map((img) => ({ ...img, deployed: isDeployedImage(img, ref) })) }
}

/**
 * How many images are newer than the deployed one, from a newest-first list: the index of the
 * deployed image, `{count, exact: false}` when it is not in the list (so at least that many).
 */
export function newerThanDeployed(images: readonly { deployed: boolean }[]): { count: number; exact: boolean } {
  const i = images.findIndex((img) => img.deployed)
  return i === -1 ? { count: images.length, exact: false } : { count: i, exact: true }
}
