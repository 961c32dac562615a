/** STS (awsQuery). AWS-API-NOTES.md §6.8. */
import type { ServiceDefinition } from '../core/types'
import { el } from '../core/xml'
import { CALLER_ARN } from '../world/constants'

export const stsService: ServiceDefinition = {
  name: 'sts',
  protocol: 'query',
  version: '2011-06-15',
  xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
  handlers: {
    GetCallerIdentity: (_input, { accountId }) =>
      `${el('UserId', 'AIDAR4KZQ7GHPORTAL01X')}${el('Account', accountId)}${el('Arn', CALLER_ARN)}`,
  },
}
