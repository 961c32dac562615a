'use client'

import { useState } from 'react'

import { Button, type ButtonProps } from '@/components/ui/button'

/** Copies text to the clipboard and says so (announced to screen readers). */
export function CopyButton({
  text,
  label = 'Copy',
  ...props
}: { text: string | (() => string); label?: string } & Omit<ButtonProps, 'onClick'>) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')

  async function handleCopy() {
    try {
      await navigator.clipboard.writeText(typeof text === 'function' ? text() : text)
      setState('copied')
    } catch {
      // Clipboard access can be refused (insecure origin, permissions); say so instead of failing silently.
      setState('failed')
    }
    setTimeout(() => setState('idle'), 2000)
  }

  return (
    <Button size="sm" variant="secondary" onClick={handleCopy} {...props}>
      {label}
      <span aria-live="polite" className="text-muted">
        {state === 'copied' ? '✓ Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </Button>
  )
}
