/** The one binary search over sorted arrays. */

/** Index of the first element for which `before(element)` is false; `before` must be true on a prefix of `items`. */
export function partitionPoint<T>(items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(items[mid]!)) lo = mid + 1
    else hi = mid
  }
  return lo
}
