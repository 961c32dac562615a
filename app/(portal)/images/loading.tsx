import { Card } from '@/components/ui/card'
import { Skeleton, SkeletonLines } from '@/components/ui/skeleton'

export default function Loading() {
  return (
    <div className="space-y-4">
      <Skeleton className="h-6 w-24" />
      <Card className="p-4">
        <SkeletonLines lines={14} />
      </Card>
    </div>
  )
}
