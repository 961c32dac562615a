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

/** Where the deployed image stands against the repository's list. */
export type DeployedPlace = 'listed' | 'absent' | 'unknown'

/**
 * How many images are newer than the deployed one, from a newest-first list. `deployedKnown` says
 * whether the service's image could be read at all; `complete` whether the list holds every image.
 * - the deployed image is listed: the exact count before it;
 * - it is not listed and more images exist: at least the listed ones (`exact: false`);
 * - it is not in the complete list: `absent`, no count (newer than an image that is not there means nothing);
 * - the service's image could not be read: `unknown`, no count — never shown as absent.
 */
export function newerThanDeployed(
  images: readonly { deployed: boolean }[],
  opts: { deployedKnown: boolean; complete: boolean },
): { count: number | null; exact: boolean; deployed: DeployedPlace } {
  const i = images.findIndex((img) => img.deployed)
  if (i !== -1) return { count: i, exact: true, deployed: 'listed' }
  if (!opts.deployedKnown) return { count: null, exact: false, deployed: 'unknown' }
  if (opts.complete) return { count: null, exact: false, deployed: 'absent' }
  return { count: images.length, exact: false, deployed: 'listed' }
}
