import { z } from 'zod/mini'

/*
 * The @__PURE__ marks let the bundler see this module as free of side effects, so the
 * re-export in lib/queries/service.ts (kept for lib/queries/overview.ts) is dropped from browser
 * bundles that do not use it; without them zod lands in the first-load JavaScript of `/`.
 * TODO(owner of lib/queries/overview.ts): import healthProbeSchema from here, then drop that
 * re-export and these marks.
 */

/** The answer of the service URL's health endpoint, probed by the server (`GET /api/service/health`). */
export const healthProbeSchema = /* @__PURE__ */ z.object({
  url: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  /** HTTP status, or null when nothing answered. */
  status: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.number()),
  ms: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.number()),
  error: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  /** `healthy` (2xx), `unhealthy` (other status), `unreachable` (no answer), `unknown` (no service URL). */
  verdict: /* @__PURE__ */ z.enum(['healthy', 'unhealthy', 'unreachable', 'unknown']),
  fetchedAt: /* @__PURE__ */ z.string(),
})
export type HealthProbeResult = z.infer<typeof healthProbeSchema>
