import { Card } from '@/components/ui/card'
import { Skeleton, SkeletonLines } from '@/components/ui/skeleton'

export default function Loading() {
  return (
    <div className="space-y-4">
      <Skeleton className="h-6 w-36" />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <Card className="p-4">
          <SkeletonLines lines={12} />
        </Card>
        <Card className="p-4">
          <SkeletonLines lines={11} />
        </Card>
      </div>
    </div>
  )
}
