// Validates the portal's environment before the server starts, so a bad value stops start-up with a
// message naming the variable and the accepted form (instead of failing on the first request).
import { ConfigError, parseConfig } from '@/lib/config'

try {
  parseConfig(process.env)
} catch (e: unknown) {
  if (!(e instanceof ConfigError)) throw e
  console.error(e.message)
  process.exit(2)
}
