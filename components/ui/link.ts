import { cn } from '@/lib/utils'

/**
 * A link that stands on its own (not inside a sentence): accent colour, underline on hover, and at
 * least 24 px tall so it is a comfortable tap target (WCAG 2.2 target size).
 */
export const linkClasses = (className?: string): string =>
  cn('inline-flex min-h-6 min-w-6 items-center text-accent underline-offset-2 hover:underline', className)
