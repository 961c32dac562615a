// `npm start`: build if needed, then run the production portal against whatever
// AWS_ENDPOINT_URL / credentials the environment says (real AWS when unset).
import { buildIfNeeded, startPortal } from './portal-build.mjs'

buildIfNeeded()
const child = startPortal({})
const stop = () => child.kill('SIGTERM')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
child.on('exit', (code) => process.exit(code ?? 0))
