export const root: string
export const standaloneDir: string
/** Completes .next/standalone in place (static assets, public files, the production server); returns its path. */
export function prepareStandalone(): string
/** Assembles the runtime folder into `dest` (emptied first); returns its absolute path. */
export function assembleRuntime(dest: string): string
