// The folder the portal runs from in production: Next's standalone output (server code and the
// node_modules it traced), its static assets and public files beside it, and the production server
// (portal-server.mjs + admission.mjs). `npm start`, the demo and the e2e suite run it in place
// (.next/standalone); the Dockerfile copies it into the image; the e2e suite also runs a copy in a
// temporary directory with nothing around it, to prove the image would hold all it needs.
//
//   node scripts/runtime-folder.mjs <dest>   assembles the folder into <dest> (after `next build`)
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(import.meta.dirname, '..')
export const standaloneDir = path.join(root, '.next', 'standalone')

/** Completes .next/standalone in place: static assets, public files and the production server beside server.js. */
export function prepareStandalone() {
  if (!existsSync(path.join(standaloneDir, 'server.js'))) throw new Error('No standalone build: run `npm run build` first.')
  // The standalone server does not serve .next/static or public/ unless they sit beside it.
  cpSync(path.join(root, '.next', 'static'), path.join(standaloneDir, '.next', 'static'), { recursive: true })
  if (existsSync(path.join(root, 'public'))) cpSync(path.join(root, 'public'), path.join(standaloneDir, 'public'), { recursive: true })
  for (const f of ['portal-server.mjs', 'admission.mjs']) cpSync(path.join(root, 'scripts', f), path.join(standaloneDir, f))
  return standaloneDir
}

/** Assembles the runtime folder into `dest` (emptied first); returns its path. Start it with `node portal-server.mjs`. */
export function assembleRuntime(dest) {
  prepareStandalone()
  const target = path.resolve(dest)
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  // A local data directory from an earlier run is the operator's, never part of the image.
  cpSync(standaloneDir, target, { recursive: true, filter: (src) => path.relative(standaloneDir, src) !== 'data' })
  return target
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dest = process.argv[2]
  if (!dest) {
    console.error('usage: node scripts/runtime-folder.mjs <dest>')
    process.exit(2)
  }
  console.log(`runtime folder: ${assembleRuntime(dest)}`)
}
