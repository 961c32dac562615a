/**
 * The emulator's internal contract between the HTTP/protocol layer (emulator/core, emulator/wire) and the
 * per-service handlers (emulator/services/<signing-name>.ts). The emulator is a separate program: it
 * imports nothing from lib/, and lib/ imports nothing from it.
 */
import type { ServiceName } from '../models/sources'
import type { World } from '../world/shapes'

export type { ServiceName }

/** The wire protocol of one request. CloudWatch accepts both JSON 1.0 and awsQuery; EventBridge Scheduler is restJson1. */
export type Protocol = 'json1.0' | 'json1.1' | 'rest-json' | 'query' | 'ec2'

/**
 * A modelled AWS error. The protocol layer encodes it the way the real service does, so the SDK raises
 * the real exception class:
 * - JSON services: `__type` = `code`, status `status`; CloudWatch also gets `x-amzn-query-error: <queryCode>;Sender`.
 * - restJson1 services: `x-amzn-ErrorType: <code>`, status `status`, `{"Message": …}`.
 * - Query services (RDS/IAM/STS, CloudWatch over awsQuery): `<ErrorResponse><Error><Type>Sender</Type><Code>{queryCode ?? code}</Code>…`.
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
 * A request's input as the handler sees it: the structure the model describes, whatever the protocol
 * (JSON bodies as sent; query forms rebuilt into the same structure). Timestamps are epoch seconds.
 * It has been checked against the model before the handler runs.
 */
export type Input = Record<string, unknown>

/** Who signed a request: the identity behind its access key (EMULATOR_CREDENTIALS), as STS and CloudTrail report it. */
export type Identity = {
  type: 'IAMUser' | 'AssumedRole' | 'Root'
  arn: string
  accountId: string
  /** `AIDA…` for a user, `AROA…:<session>` for an assumed role. */
  principalId: string
  accessKeyId: string
  /** The user name, or the role session name of an assumed role. */
  userName: string
  /** Assumed roles: the role's name and ARN. */
  role?: { name: string; arn: string; roleId: string }
}

export type HandlerContext = {
  /**
   * The AppFactory world when the request is for its account and region (or a global service such as IAM),
   * otherwise null: an empty account, where lists are empty and describes find nothing.
   */
  world: World | null
  /** Milliseconds since epoch, from the world's clock (tests may shift it). */
  now: number
  requestId: string
  region: string
  accountId: string
  identity: Identity
}

/**
 * Returns the output structure as the model describes it (member names as in the model, timestamps as
 * epoch seconds, CloudWatch Logs times in epoch ms as its model's `long`s); the wire layer serialises it
 * as JSON or XML. Throw AwsError for modelled errors.
 */
export type Handler = (input: Input, ctx: HandlerContext) => unknown

/** A resource a mutating call acts on, as CloudTrail lists it (`AWS::AppRunner::Service`, its ARN). */
export type TrailResource = { type: string; name: string }

/** How a service words a request that breaks its model's constraints (see emulator/models/validation-errors.ts). */
export type ValidationForm =
  /** `1 validation error detected: Value '5' at 'maxResults' failed to satisfy constraint: Member must …` */
  | {
      form: 'coral'
      code: string
      queryCode?: string
      status?: number
      missing?: { code: string; queryCode?: string }
      byMember?: Record<string, string>
    }
  /** ECR: `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression …'` */
  | { form: 'ecr'; code: string }
  /** RDS: `MissingParameter` / `InvalidParameterValue: Invalid value 5 for MaxRecords …` */
  | { form: 'rds' }
  /** EC2: `MissingParameter` / `InvalidParameterValue: Value ( 3 ) for parameter maxResults is invalid …` */
  | { form: 'ec2' }

export type ServiceDefinition = {
  name: ServiceName
  /** IAM and STS answer the same in every region. */
  global?: boolean
  /** How this service reports a request its model refuses. */
  validation: ValidationForm
  handlers: Record<string, Handler>
  /** Operations that change state, recorded in CloudTrail, with the resources each acts on. */
  mutating?: Record<string, (input: Input) => TrailResource[]>
  /** Operations the emulator does not serve but whose shapes its model file must carry (e.g. for the seeded CloudTrail history). */
  alsoModelled?: string[]
}
