/**
 * Writes a handler's output structure as XML for awsQuery and EC2 query, from the operation's output
 * shape: element names from the model (`locationName`), wrapped lists with their item names
 * (`<member>`, `<DBInstance>`, `<item>`), flattened lists and maps, ISO-8601 timestamps. The SDKs parse
 * by these names, so taking them from the model is what keeps a typo from silently emptying a list.
 */
import { shapeOf, type MemberRef, type ServiceModel } from '../models/model'
import { isRecord } from '../core/input'

/** Escapes text for an XML element body (quotes need no escaping there, and AWS leaves them as they are). */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function scalar(type: string, value: unknown): string {
  if (type === 'timestamp') return typeof value === 'number' ? new Date(value * 1000).toISOString() : xmlEscape(String(value))
  if (type === 'boolean') return value ? 'true' : 'false'
  return xmlEscape(String(value))
}

/** The content of one value of shape `shapeName` (without its own element). */
function content(model: ServiceModel, shapeName: string, value: unknown): string {
  const shape = shapeOf(model, shapeName)
  switch (shape.type) {
    case 'structure': {
      if (!isRecord(value)) return ''
      let out = ''
      for (const [name, ref] of Object.entries(shape.members)) {
        const v = value[name]
        if (v !== undefined && v !== null) out += member(model, name, ref, v)
      }
      return out
    }
    case 'list': {
      const item = shape.member.locationName ?? 'member'
      return (Array.isArray(value) ? value : []).map((v) => `<${item}>${content(model, shape.member.shape, v)}</${item}>`).join('')
    }
    case 'map': {
      const k = shape.key.locationName ?? 'key'
      const vn = shape.value.locationName ?? 'value'
      return Object.entries(isRecord(value) ? value : {})
        .map(([key, v]) => `<entry><${k}>${xmlEscape(key)}</${k}><${vn}>${content(model, shape.value.shape, v)}</${vn}></entry>`)
        .join('')
    }
    default:
      return scalar(shape.type, value)
  }
}

/** One structure member as its element(s). */
function member(model: ServiceModel, memberName: string, ref: MemberRef, value: unknown): string {
  const shape = shapeOf(model, ref.shape)
  const name = ref.locationName ?? memberName
  if (shape.type === 'list' && (shape.flattened || ref.flattened)) {
    const item = shape.member.locationName ?? name
    return (Array.isArray(value) ? value : []).map((v) => `<${item}>${content(model, shape.member.shape, v)}</${item}>`).join('')
  }
  const inner = content(model, ref.shape, value)
  return inner === '' && (shape.type === 'list' || shape.type === 'map') ? `<${name}/>` : `<${name}>${inner}</${name}>`
}

/** The XML of an output structure's members (what goes inside `<OpResult>` or the EC2 `<OpResponse>`). */
export function outputXml(model: ServiceModel, shapeName: string | undefined, output: unknown): string {
  return shapeName === undefined ? '' : content(model, shapeName, output)
}
