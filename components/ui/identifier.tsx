import { CopyButton } from '@/components/ui/copy-button'

/**
 * A long identifier (an ARN, an image URI, an endpoint): wrapped in full, never wider than its
 * panel, with a Copy button so the whole value is one tap away on a phone.
 */
export function Identifier({ value, name }: { value: string; /** What it is, for the button's label ("image URI"). */ name: string }) {
  return (
    <span className="inline-flex max-w-full flex-wrap items-center gap-x-2 gap-y-1">
      <span className="min-w-0 font-mono text-xs break-all">{value}</span>
      <CopyButton text={value} label="Copy" aria-label={`Copy the ${name}`} size="xs" variant="ghost" className="text-muted" />
    </span>
  )
}
