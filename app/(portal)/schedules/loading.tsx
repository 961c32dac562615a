import { Card } from '@/components/ui/card'
import { Skeleton, SkeletonLines } from '@/components/ui/skeleton'

export default function Loading() {
  return (
    <div className="space-y-4">
      <Skeleton className="h-6 w-32" />
      <Card className="p-4">
        <SkeletonLines lines={6} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="p-4">
          <SkeletonLines lines={8} />
        </Card>
        <Card className="p-4">
          <SkeletonLines lines={6} />
        </Card>
      </div>
    </div>
  )
}
