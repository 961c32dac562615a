import { type ReactNode, useId } from 'react'

import { PanelBoundary } from '@/components/panel/panel-boundary'
import { Card, CardHeader } from '@/components/ui/card'
import { cn } from '@/lib/utils'

/**
 * The frame of every dashboard panel: a titled card whose body is its own error boundary and
 * Suspense boundary, so each panel streams in, fails and retries on its own.
 *
 * ```tsx
 * <Panel title="Images" fallback={<ImagesSkeleton />}><ImagesPanel /></Panel>
 * ```
 */
export function Panel({
  title,
  fallback,
  children,
  actions,
  className,
  bodyClassName,
}: {
  title: string
  /** Skeleton shown while the panel's loader runs (match the final size). */
  fallback: ReactNode
  children: ReactNode
  /** Header-level controls (e.g. links, action buttons that do not depend on the panel's data). */
  actions?: ReactNode
  className?: string
  bodyClassName?: string
}) {
  const titleId = useId()
  return (
    <Card aria-labelledby={titleId} className={cn('flex min-w-0 flex-col', className)}>
      <CardHeader title={title} titleId={titleId} actions={actions} />
      <div className={cn('min-w-0 flex-1 p-4', bodyClassName)}>
        <PanelBoundary fallback={fallback} title={title}>
          {children}
        </PanelBoundary>
      </div>
    </Card>
  )
}
