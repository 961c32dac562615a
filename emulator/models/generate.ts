/**
 * `npm run emulator:models`: writes `emulator/models/<service>.json` for every emulated service, from
 * AWS's own service models as botocore ships them (`<botocore>/data/<service>/<version>/service-2.json`,
 * found with `python3 -c "import botocore"` unless BOTOCORE_DATA names the data folder). Only the
 * operations the emulator's handlers serve are kept, with the shapes they reach: types, members, wire
 * names, required members, min/max, patterns, enums and the `sensitive` flag — no documentation.
 * The files are committed; rerun this after adding an operation or a service (see MODEL_SOURCES).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'

import { SERVICES } from '../core/registry'
import { modelFile, type OperationModel, type ServiceModel, type Shape } from './model'
import { MODEL_SOURCES, type ServiceName } from './sources'

type Raw = Record<string, unknown>
const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v)

function botocoreData(): { dir: string; version: string } {
  const script = 'import botocore,os;print(os.path.dirname(botocore.__file__));print(botocore.__version__)'
  const out = execFileSync('python3', ['-c', script], { encoding: 'utf8' }).trim().split('\n')
  const dir = process.env.BOTOCORE_DATA ?? path.join(out[0] ?? '', 'data')
  return { dir, version: out[1] ?? 'unknown' }
}

function readModel(dir: string, source: string): Raw {
  const file = path.join(dir, source, 'service-2.json')
  const text = existsSync(file) ? readFileSync(file, 'utf8') : gunzipSync(readFileSync(`${file}.gz`)).toString('utf8')
  const parsed: unknown = JSON.parse(text)
  if (!isRaw(parsed) || !isRaw(parsed.shapes) || !isRaw(parsed.operations) || !isRaw(parsed.metadata))
    throw new Error(`${file}: not a botocore service model`)
  return parsed
}

const MEMBER_KEYS = ['shape', 'locationName', 'queryName', 'flattened', 'location'] as const
const SHAPE_KEYS = ['type', 'required', 'min', 'max', 'pattern', 'enum', 'flattened', 'sensitive', 'timestampFormat'] as const
const METADATA_KEYS = [
  'apiVersion',
  'protocol',
  'protocols',
  'jsonVersion',
  'targetPrefix',
  'signingName',
  'endpointPrefix',
  'xmlNamespace',
] as const

function pick(from: Raw, keys: readonly string[]): Raw {
  const out: Raw = {}
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k]
  return out
}

/** The shapes reachable from the given roots, stripped to types and constraints. */
function reachable(shapes: Raw, roots: string[]): Record<string, Shape> {
  const out: Raw = {}
  const todo = [...roots]
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    if (out[name] !== undefined) continue
    const raw = shapes[name]
    if (!isRaw(raw)) throw new Error(`shape ${name} is missing from the model`)
    const shape = pick(raw, SHAPE_KEYS)
    const ref = (r: unknown): Raw => {
      if (!isRaw(r) || typeof r.shape !== 'string') throw new Error(`shape ${name}: a member without a shape`)
      todo.push(r.shape)
      return pick(r, MEMBER_KEYS)
    }
    if (isRaw(raw.members)) shape.members = Object.fromEntries(Object.entries(raw.members).map(([k, m]) => [k, ref(m)]))
    if (raw.member !== undefined) shape.member = ref(raw.member)
    if (raw.key !== undefined) shape.key = ref(raw.key)
    if (raw.value !== undefined) shape.value = ref(raw.value)
    out[name] = shape
  }
  // Sorted, so a regenerated file differs only where the model did.
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]]),
  ) as Record<string, Shape>
}

function extract(name: ServiceName, dir: string, version: string): ServiceModel {
  const source = MODEL_SOURCES[name]
  const raw = readModel(dir, source)
  const def = SERVICES[name]
  const served = [...Object.keys(def.handlers), ...(def.alsoModelled ?? [])].sort()
  const operations: Record<string, OperationModel> = {}
  const roots: string[] = []
  for (const op of served) {
    const o = (raw.operations as Raw)[op]
    if (!isRaw(o)) throw new Error(`${source} has no operation ${op} (served by emulator/services/${name}.ts)`)
    const entry: OperationModel = {}
    if (isRaw(o.input) && typeof o.input.shape === 'string') roots.push((entry.input = o.input.shape))
    if (isRaw(o.output) && typeof o.output.shape === 'string') {
      roots.push((entry.output = o.output.shape))
      if (typeof o.output.resultWrapper === 'string') entry.resultWrapper = o.output.resultWrapper
    }
    if (isRaw(o.http) && typeof o.http.method === 'string' && typeof o.http.requestUri === 'string')
      entry.http = { method: o.http.method, requestUri: o.http.requestUri }
    operations[op] = entry
  }
  const meta = raw.metadata as Raw
  return {
    source,
    botocoreVersion: version,
    metadata: {
      ...pick(meta, METADATA_KEYS),
      ...(meta.awsQueryCompatible !== undefined ? { awsQueryCompatible: true } : {}),
    } as ServiceModel['metadata'],
    operations,
    shapes: reachable(raw.shapes as Raw, roots),
  }
}

/** One operation or shape per line: compact, yet a regenerated file diffs line by line. */
function format(m: ServiceModel): string {
  const block = (o: Record<string, unknown>) =>
    `{\n${Object.entries(o)
      .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
      .join(',\n')}\n}`
  return `{"source":${JSON.stringify(m.source)},"botocoreVersion":${JSON.stringify(m.botocoreVersion)},"metadata":${JSON.stringify(m.metadata)},\n"operations":${block(m.operations)},\n"shapes":${block(m.shapes)}}\n`
}

function main(): void {
  const { dir, version } = botocoreData()
  const only = process.argv.slice(2)
  for (const name of Object.keys(MODEL_SOURCES) as ServiceName[]) {
    if (only.length > 0 && !only.includes(name)) continue
    const model = extract(name, dir, version)
    writeFileSync(modelFile(name), format(model))
    console.log(
      `${name}: ${Object.keys(model.operations).length} operations, ${Object.keys(model.shapes).length} shapes → ${path.relative(process.cwd(), modelFile(name))}`,
    )
  }
}

main()
