import type { APIRequestContext } from '@playwright/test'

import { e2eEnv } from './env'

type Json = Record<string, unknown>

/** Talks to the emulator's control surface (never to the portal). */
export const emulator = {
  async reset(request: APIRequestContext, scenario = 'healthy') {
    const r = await request.post(`${e2eEnv.emulatorURL}/_emulator/reset`, { data: { scenario } })
    if (!r.ok()) throw new Error(`reset failed: ${r.status()} ${await r.text()}`)
  },
  async state(request: APIRequestContext): Promise<Json> {
    return (await (await request.get(`${e2eEnv.emulatorURL}/_emulator/state`)).json()) as Json
  },
  async calls(request: APIRequestContext): Promise<Record<string, number>> {
    return (await (await request.get(`${e2eEnv.emulatorURL}/_emulator/calls`)).json()) as Record<string, number>
  },
  async clearCalls(request: APIRequestContext) {
    await request.delete(`${e2eEnv.emulatorURL}/_emulator/calls`)
  },
  async fault(request: APIRequestContext, fault: Json) {
    const r = await request.post(`${e2eEnv.emulatorURL}/_emulator/faults`, { data: fault })
    if (!r.ok()) throw new Error(`fault failed: ${r.status()} ${await r.text()}`)
  },
  async clearFaults(request: APIRequestContext) {
    await request.delete(`${e2eEnv.emulatorURL}/_emulator/faults`)
  },
}

/** Authorization header for a role's automation token. */
export const bearer = (role: keyof typeof e2eEnv.tokens) => ({ authorization: `Bearer ${e2eEnv.tokens[role]}` })
