/**
 * CloudTrail (awsJson1_1): LookupEvents over the account's management events — the seeded history and
 * every mutating call made to the emulator — newest first, filtered by one lookup attribute and a time
 * range (the last 90 days by default), paged with NextToken.
 */
import { num, records, str, timeMs } from '../core/input'
import { decodeOffset, page } from '../core/tokens'
import { AwsError, type Handler, type ServiceDefinition } from '../core/types'
import type { TrailEventState } from '../world/shapes'
import { TRAIL_RETENTION_MS } from '../world/trail'

const invalidToken = () => new AwsError('InvalidNextTokenException', 'Invalid NextToken.')

type Attribute = { key: string; value: string }

function matches(e: TrailEventState, a: Attribute | undefined): boolean {
  if (!a) return true
  switch (a.key) {
    case 'EventId':
      return e.eventId === a.value
    case 'EventName':
      return e.eventName === a.value
    case 'ReadOnly':
      return String(e.readOnly) === a.value
    case 'Username':
      return e.username === a.value
    case 'ResourceType':
      return e.resources.some((r) => r.type === a.value)
    case 'ResourceName':
      return e.resources.some((r) => r.name === a.value)
    case 'EventSource':
      return e.eventSource === a.value
    case 'AccessKeyId':
      return e.accessKeyId === a.value
    default:
      return false
  }
}

const lookupEvents: Handler = (input, ctx) => {
  const end = timeMs(input.EndTime) ?? ctx.now
  const start = timeMs(input.StartTime) ?? ctx.now - TRAIL_RETENTION_MS
  if (start > end) throw new AwsError('InvalidTimeRangeException', 'Start time must be earlier than end time.')
  const [attr] = records(input.LookupAttributes).map((a) => ({ key: str(a.AttributeKey) ?? '', value: str(a.AttributeValue) ?? '' }))
  if (attr?.key === 'ReadOnly' && attr.value !== 'true' && attr.value !== 'false')
    throw new AwsError('InvalidLookupAttributesException', 'ReadOnly must be true or false.')
  // Insights events are only returned when asked for; this account has none.
  const insights = str(input.EventCategory) === 'insight'
  const events = insights
    ? []
    : (ctx.world?.trail ?? [])
        .filter((e) => e.eventTime >= start && e.eventTime <= end && e.eventTime >= ctx.now - TRAIL_RETENTION_MS && matches(e, attr))
        .reverse()
  const p = page(events, decodeOffset(input.NextToken, invalidToken), num(input.MaxResults) ?? 50)
  return {
    Events: p.items.map((e) => ({
      EventId: e.eventId,
      EventName: e.eventName,
      ReadOnly: String(e.readOnly),
      AccessKeyId: e.accessKeyId,
      EventTime: e.eventTime / 1000,
      EventSource: e.eventSource,
      Username: e.username,
      Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
      CloudTrailEvent: JSON.stringify(e.record),
    })),
    NextToken: p.next,
  }
}

export const cloudtrailService: ServiceDefinition = {
  name: 'cloudtrail',
  validation: {
    form: 'coral',
    code: 'InvalidParameterException',
    byMember: {
      MaxResults: 'InvalidMaxResultsException',
      LookupAttributes: 'InvalidLookupAttributesException',
      EventCategory: 'InvalidEventCategoryException',
      NextToken: 'InvalidNextTokenException',
    },
  },
  handlers: { LookupEvents: lookupEvents },
}
