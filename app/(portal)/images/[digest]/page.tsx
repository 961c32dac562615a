import type { Metadata } from 'next'
import Link from 'next/link'

import { ImageDetailSkeleton } from '@/components/images/image-detail'
import { Panel } from '@/components/panel/panel'
import { linkClasses } from '@/components/ui/link'

import { ImageDetailPanel } from './_panels/image-detail-panel'

export const metadata: Metadata = { title: 'Image' }

type Props = { params: Promise<{ digest: string }> }

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    // Not percent-encoded after all; the digest check in lib/aws rejects anything malformed.
    return s
  }
}

/** `/images/<digest>`: one image, where the timeline's image pushes lead. */
export default async function ImagePage({ params }: Props) {
  const digest = safeDecode((await params).digest)
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold">Image</h1>
        <Link href="/images" className={linkClasses('text-sm')}>
          All images
        </Link>
      </div>
      <Panel title="ECR image" fallback={<ImageDetailSkeleton />}>
        <ImageDetailPanel digest={digest} />
      </Panel>
    </div>
  )
}
