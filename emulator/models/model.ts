/**
 * The API models the emulator validates against: compact extracts of AWS's published service models
 * (botocore's `service-2.json`) with only shapes and constraints, one JSON file per service, written by
 * `emulator/models/generate.ts` and committed. Loaded lazily, once per service.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { ServiceName } from './sources'

/** A reference from a structure member, list member or map key/value to a shape, with its wire names. */
export type MemberRef = {
  shape: string
  /** Wire name (XML element, query key) when it differs from the member name. */
  locationName?: string
  /** EC2 query key when it differs from locationName. */
  queryName?: string
  flattened?: boolean
  /** restJson/restXml placement: `uri`, `querystring`, `header`, … (absent = body). */
  location?: string
}

type Constraints = { min?: number; max?: number; sensitive?: boolean }

export type StructureShape = Constraints & { type: 'structure'; members: Record<string, MemberRef>; required?: string[] }
export type ListShape = Constraints & { type: 'list'; member: MemberRef; flattened?: boolean }
export type MapShape = Constraints & { type: 'map'; key: MemberRef; value: MemberRef; flattened?: boolean }
export type StringShape = Constraints & { type: 'string'; pattern?: string; enum?: string[] }
export type NumberShape = Constraints & { type: 'integer' | 'long' | 'double' | 'float' }
export type ScalarShape = Constraints & { type: 'boolean' | 'timestamp' | 'blob'; timestampFormat?: string }
export type Shape = StructureShape | ListShape | MapShape | StringShape | NumberShape | ScalarShape

export type OperationModel = {
  input?: string
  output?: string
  /** awsQuery: the `<OpResult>` element that wraps the output. */
  resultWrapper?: string
  http?: { method: string; requestUri: string }
}

export type ServiceModel = {
  /** botocore folder and version the extract was made from. */
  source: string
  botocoreVersion: string
  metadata: {
    apiVersion: string
    protocol: string
    protocols?: string[]
    jsonVersion?: string
    targetPrefix?: string
    signingName?: string
    endpointPrefix?: string
    xmlNamespace?: string
    awsQueryCompatible?: boolean
  }
  operations: Record<string, OperationModel>
  shapes: Record<string, Shape>
}

/** Path of a service's model file. */
export const modelFile = (name: string) => path.join(__dirname, `${name}.json`)

const cache = new Map<ServiceName, ServiceModel>()

function isServiceModel(v: unknown): v is ServiceModel {
  if (typeof v !== 'object' || v === null) return false
  const m = v as Record<string, unknown>
  return typeof m.metadata === 'object' && typeof m.operations === 'object' && typeof m.shapes === 'object'
}

/** The model of one service (read from disk on first use). Throws when the file is missing or not a model. */
export function serviceModel(name: ServiceName): ServiceModel {
  let m = cache.get(name)
  if (!m) {
    const parsed: unknown = JSON.parse(readFileSync(modelFile(name), 'utf8'))
    if (!isServiceModel(parsed)) throw new Error(`${modelFile(name)} is not a service model; rerun npm run emulator:models`)
    m = parsed
    cache.set(name, m)
  }
  return m
}

/** A shape by name; throws for a name the model lacks (a broken model file). */
export function shapeOf(model: ServiceModel, name: string): Shape {
  const s = model.shapes[name]
  if (!s) throw new Error(`the model ${model.source} has no shape ${name}`)
  return s
}
