/**
 * Rebuilds the input structure of an awsQuery or EC2 query request from its flat form fields, using the
 * operation's input shape — the reverse of what the SDKs' query serialisers do:
 * - awsQuery: members by `locationName` or name; lists as `Name.member.N` (or `Name.<item>.N` with the
 *   item's locationName, e.g. RDS `Filters.Filter.1.Values.Value.2`), flattened lists as `Name.N`, maps
 *   as `Name.entry.N.key`/`.value`; an empty list is `Name=`.
 * - EC2: members by `queryName`, else the capitalised `locationName`, else the name; every list is `Name.N`.
 * Scalars are converted to the model's types (timestamps to epoch seconds, as JSON requests carry them);
 * a value that does not convert is reported as a `type` violation.
 */
import { shapeOf, type MemberRef, type ServiceModel } from '../models/model'
import type { PathSegment, Violation } from '../models/validate'

type Node = { value?: string; children: Map<string, Node> }

function tree(fields: Iterable<[string, string]>): Node {
  const root: Node = { children: new Map() }
  for (const [key, value] of fields) {
    let node = root
    for (const part of key.split('.')) {
      let child = node.children.get(part)
      if (!child) node.children.set(part, (child = { children: new Map() }))
      node = child
    }
    node.value = value
  }
  return root
}

/** The children of `node` named 1, 2, 3, … in index order. */
const items = (node: Node | undefined): Node[] =>
  node
    ? [...node.children.entries()]
        .filter(([k]) => /^\d+$/.test(k))
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([, n]) => n)
    : []

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

class Reader {
  readonly problems: Violation[] = []
  constructor(
    private readonly model: ServiceModel,
    private readonly ec2: boolean,
  ) {}

  private key(memberName: string, ref: MemberRef): string {
    if (this.ec2) return ref.queryName ?? (ref.locationName ? capitalise(ref.locationName) : memberName)
    const shape = shapeOf(this.model, ref.shape)
    if (shape.type === 'list' && (shape.flattened || ref.flattened)) return shape.member.locationName ?? ref.locationName ?? memberName
    return ref.locationName ?? memberName
  }

  read(shapeName: string, node: Node, path: PathSegment[], flattened = false): unknown {
    const shape = shapeOf(this.model, shapeName)
    switch (shape.type) {
      case 'structure': {
        const out: Record<string, unknown> = {}
        for (const [name, ref] of Object.entries(shape.members)) {
          const child = node.children.get(this.key(name, ref))
          if (child) out[name] = this.read(ref.shape, child, [...path, name], ref.flattened === true)
        }
        return out
      }
      case 'list': {
        const list =
          this.ec2 || flattened || shape.flattened ? items(node) : items(node.children.get(shape.member.locationName ?? 'member'))
        return list.map((n, i) => this.read(shape.member.shape, n, [...path, i]))
      }
      case 'map': {
        const entries = shape.flattened ? items(node) : items(node.children.get('entry'))
        const out: Record<string, unknown> = {}
        for (const e of entries) {
          const k = e.children.get(shape.key.locationName ?? 'key')?.value
          const v = e.children.get(shape.value.locationName ?? 'value')
          if (k !== undefined && v) out[k] = this.read(shape.value.shape, v, [...path, k])
        }
        return out
      }
      default:
        return this.scalar(shape.type, node.value ?? '', path)
    }
  }

  private scalar(type: string, raw: string, path: PathSegment[]): unknown {
    const bad = () => {
      this.problems.push({ path, value: raw, kind: 'type', limit: type })
      return undefined
    }
    switch (type) {
      case 'integer':
      case 'long':
        return /^-?\d+$/.test(raw.trim()) ? Number(raw) : bad()
      case 'double':
      case 'float':
        return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : bad()
      case 'boolean':
        return raw === 'true' ? true : raw === 'false' ? false : bad()
      case 'timestamp': {
        if (/^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw)
        const ms = Date.parse(raw)
        return Number.isNaN(ms) ? bad() : ms / 1000
      }
      default:
        return raw
    }
  }
}

/** The input structure of `operation` rebuilt from form fields, and the values that did not convert. */
export function readQueryInput(
  model: ServiceModel,
  operation: string,
  fields: URLSearchParams,
  protocol: 'query' | 'ec2',
): { input: Record<string, unknown>; problems: Violation[] } {
  const shapeName = model.operations[operation]?.input
  if (shapeName === undefined) return { input: {}, problems: [] }
  const reader = new Reader(model, protocol === 'ec2')
  const input = reader.read(shapeName, tree(fields), [])
  return { input: typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {}, problems: reader.problems }
}
