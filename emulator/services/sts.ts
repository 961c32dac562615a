/** STS (awsQuery): GetCallerIdentity answers the identity behind the access key that signed the request. */
import type { ServiceDefinition } from '../core/types'

export const stsService: ServiceDefinition = {
  name: 'sts',
  global: true,
  validation: { form: 'coral', code: 'ValidationError', queryCode: 'ValidationError' },
  handlers: {
    GetCallerIdentity: (_input, { identity }) => ({ UserId: identity.principalId, Account: identity.accountId, Arn: identity.arn }),
  },
}
