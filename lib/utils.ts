import { type ClassValue, clsx } from 'clsx'

/**
 * Joins class names (clsx: strings, arrays, `{ class: condition }`). It does not resolve conflicts:
 * a component's defaults and the `className` a caller adds must not set the same property (which of
 * two would win depends on the stylesheet's order) — give the component a variant or a prop instead.
 */
export const cn = (...inputs: ClassValue[]): string => clsx(inputs)
