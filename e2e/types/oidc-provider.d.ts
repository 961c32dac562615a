// Minimal typings for the parts of `oidc-provider` (ships no types) that e2e/oidc-provider.ts uses.
declare module 'oidc-provider' {
  import type { Server } from 'node:http'

  type Grant = {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    save(): Promise<string>
  }
  type GrantClass = {
    new (init: { accountId: string; clientId: string }): Grant
    find(id: string): Promise<Grant | undefined>
  }

  export type KoaContextWithOIDC = {
    oidc: {
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined }
      client?: { clientId: string }
      provider: { Grant: GrantClass }
    }
  }

  type Account = { accountId: string; claims: () => Record<string, unknown> | Promise<Record<string, unknown>> }

  export type Configuration = {
    clients?: Array<Record<string, unknown>>
    scopes?: string[]
    claims?: Record<string, string[]>
    pkce?: { required?: () => boolean }
    features?: Record<string, unknown>
    cookies?: { keys?: string[] }
    findAccount?: (ctx: KoaContextWithOIDC, sub: string) => Account | undefined | Promise<Account | undefined>
    loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration)
    listen(port: number, host?: string): Server
  }
}
