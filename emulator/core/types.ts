/**
 * The emulator's internal contract between the HTTP/protocol layer (emulator/core) and the
 * per-service handlers (emulator/services/<signing-name>.ts). The emulator is a separate program:
 * it imports nothing from lib/, and lib/ imports nothing from it.
 */
import type { World } from '../world/world'

/** Signing names, as in the SigV4 credential scope. */
export type ServiceName = 'ecr' | 'apprunner' | 'rds' | 'monitoring' | 'logs' | 'iam' | 'ec2' | 'sts'

export type Protocol = 'json1.0' | 'json1.1' | 'query' | 'ec2'

/**
 * A modelled AWS error. The protocol layer encodes it the way the real service does, so the SDK
 * raises the real exception class:
 * - JSON services: `__type` = `code`, status `status`; CloudWatch also gets `x-amzn-query-error: <queryCode>;Sender`.
 * - Query services (RDS/IAM/STS): `<ErrorResponse><Error><Type>Sender</Type><Code>{queryCode ?? code}</Code>…`.
 * - EC2: `<Response><Errors><Error><Code>{code}</Code>…`.
 */
export class AwsError extends Error {
  constructor(
    /** Exception name / error code, e.g. `RepositoryNotFoundException`, `InvalidDBInstanceState`. */
    public readonly code: string,
    message: string,
    public readonly status: number = 400,
    /** awsQuery error code when it differs from `code` (CloudWatch awsQueryCompatible, e.g. `InvalidParameterValue`). */
    public readonly queryCode?: string,
    /** `Sender` (client) or `Receiver` (server). */
    public readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message)
  }
}

/**
 * Input as the handler sees it:
 * - JSON protocols: the parsed JSON body (an object).
 * - query / ec2: the flat form fields, e.g. `{ "DBInstanceIdentifier": "appfactory-db", "GroupId.1": "sg-1" }`.
 */
export type JsonInput = Record<string, unknown>
export type FormInput = Record<string, string>

export type HandlerContext = {
  world: World
  /** Milliseconds since epoch, from the world's clock (tests may shift it). */
  now: number
  requestId: string
  region: string
  accountId: string
}

/**
 * A JSON handler returns the output structure as plain JSON (timestamps as epoch seconds, Logs in epoch ms).
 * A query handler returns the XML *inside* `<OpResult>` (the layer adds `<OpResponse><OpResult>…</OpResult><ResponseMetadata>`).
 * An EC2 handler returns the XML *inside* `<OpResponse>` (the layer adds the root and `<requestId>`).
 * Throw AwsError for modelled errors.
 */
export type JsonHandler = (input: JsonInput, ctx: HandlerContext) => unknown
export type XmlHandler = (input: FormInput, ctx: HandlerContext) => string

export type ServiceDefinition =
  | { name: ServiceName; protocol: 'json1.0' | 'json1.1'; targetPrefix: string; handlers: Record<string, JsonHandler> }
  | { name: ServiceName; protocol: 'query' | 'ec2'; version: string; xmlns: string; handlers: Record<string, XmlHandler> }
