import type { ButtonHTMLAttributes } from 'react'

import { cn } from '@/lib/utils'

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger'
export type ButtonSize = 'xs' | 'sm' | 'md'

const variants = {
  primary: 'bg-accent text-accent-fg hover:opacity-90 border-transparent',
  secondary: 'bg-surface text-fg border-border hover:bg-surface-2',
  ghost: 'bg-transparent text-fg border-transparent hover:bg-surface-2',
  danger: 'bg-tone-bad text-white border-transparent hover:opacity-90',
} as const satisfies Record<ButtonVariant, string>

const sizes = {
  xs: 'h-6 px-1.5 text-xs',
  sm: 'h-7 px-2.5 text-xs',
  md: 'h-9 px-3.5 text-sm',
} as const satisfies Record<ButtonSize, string>

/**
 * The primary actions (Deploy, Roll back, Stop, Start, Run all) are 44 px tall where a thumb
 * presses them: on narrow screens and wherever the main pointer is coarse. Every size is at least
 * 24 × 24 px (WCAG 2.2 target size).
 */
const primaryAction = 'max-md:h-11 max-md:px-4 max-md:text-sm pointer-coarse:h-11 pointer-coarse:px-4 pointer-coarse:text-sm'

/** Class names for anything that should look like a button (e.g. a Link). */
export const buttonClasses = (
  variant: ButtonVariant = 'secondary',
  size: ButtonSize = 'md',
  className?: string,
  isPrimaryAction = false,
): string =>
  cn(
    'inline-flex min-w-6 items-center justify-center gap-1.5 rounded-md border font-medium whitespace-nowrap transition-colors',
    'disabled:pointer-events-none disabled:opacity-50',
    variants[variant],
    sizes[size],
    isPrimaryAction && primaryAction,
    className,
  )

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant
  size?: ButtonSize
  /** Deploy, Roll back, Stop, Start, Run all: thumb-sized (44 px) on phones. */
  isPrimaryAction?: boolean
}

/** A native button with the portal's look; `type="button"` unless told otherwise. */
export function Button({ variant, size, className, type = 'button', isPrimaryAction, ...props }: ButtonProps) {
  return <button type={type} className={buttonClasses(variant, size, className, isPrimaryAction)} {...props} />
}
