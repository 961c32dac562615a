import { Card } from '@/components/ui/card'
import { Skeleton, SkeletonLines } from '@/components/ui/skeleton'

/** The portal shell with skeleton panels while a page's segment loads. */
export default function Loading() {
  return (
    <div className="space-y-4">
      <Skeleton className="h-6 w-40" />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <Card key={i} className="p-4">
            <Skeleton className="mb-4 h-4 w-32" />
            <SkeletonLines lines={4} />
          </Card>
        ))}
      </div>
    </div>
  )
}
