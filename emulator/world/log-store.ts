/**
 * CloudWatch Logs storage of the emulated account: log groups → streams → events kept sorted by time
 * (event ids sort the same way), as DescribeLogGroups/Streams, FilterLogEvents and GetLogEvents read them.
 */
import { partitionPoint } from '../core/sorted'
import type { LogEventState } from './shapes'

export type LogStreamState = {
  name: string
  createdAt: number
  /** Sorted by (timestamp, arrival); event ids sort the same way. */
  events: LogEventState[]
  storedBytes: number
}

export type LogGroupState = {
  name: string
  createdAt: number
  retentionInDays?: number
  streams: Map<string, LogStreamState>
}

/** Length of an event id (CloudWatch's are 56 decimal digits). */
export const EVENT_ID_LENGTH = 56

function digitsHash(s: string, length: number): string {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return String(h >>> 0)
    .padStart(10, '0')
    .repeat(2)
    .slice(0, length)
}

/** Index of the first event with timestamp ≥ t. */
export const lowerBound = (events: LogEventState[], t: number): number => partitionPoint(events, (e) => e.timestamp < t)

/** Index of the first event whose id is ≥ id. */
export const lowerBoundId = (events: LogEventState[], id: string): number => partitionPoint(events, (e) => e.eventId < id)

/** Index of the first event whose id is > id (ids sort like (timestamp, arrival)). */
export const upperBoundId = (events: LogEventState[], id: string): number => partitionPoint(events, (e) => e.eventId <= id)

export class LogStore {
  private readonly groups = new Map<string, LogGroupState>()
  private seq = 0
  /** Where the application log's live growth stands (see syncApplicationLogs). */
  live: { seededTo: number; ratePerMs: number; carry: number } | undefined

  /** Creates the group if it does not exist; returns it either way. */
  createGroup(name: string, createdAt: number, retentionInDays?: number): LogGroupState {
    let g = this.groups.get(name)
    if (!g) {
      g = { name, createdAt, retentionInDays, streams: new Map() }
      this.groups.set(name, g)
    }
    return g
  }

  /** Creates the stream (and group) if needed; returns it. */
  createStream(group: string, stream: string, createdAt: number): LogStreamState {
    const g = this.createGroup(group, createdAt)
    let s = g.streams.get(stream)
    if (!s) {
      s = { name: stream, createdAt, events: [], storedBytes: 0 }
      g.streams.set(stream, s)
    }
    return s
  }

  /** Adds events to a stream (creating group and stream as needed), keeping the stream sorted by time. */
  append(group: string, stream: string, events: { timestamp: number; message: string }[]): void {
    if (events.length === 0) return
    const batch = [...events].sort((a, b) => a.timestamp - b.timestamp)
    const s = this.createStream(group, stream, batch[0]!.timestamp)
    const tail = digitsHash(`${group}/${stream}`, EVENT_ID_LENGTH - 36)
    for (const e of batch) {
      const seq = this.seq++
      const ev: LogEventState = {
        timestamp: e.timestamp,
        message: e.message,
        // CloudWatch ingests within a second or so of the event time.
        ingestionTime: e.timestamp + 180 + ((seq * 7919) % 700),
        eventId: `${String(Math.max(0, e.timestamp)).padStart(18, '0')}${String(seq).padStart(18, '0')}${tail}`,
      }
      const last = s.events[s.events.length - 1]
      if (!last || last.eventId <= ev.eventId) s.events.push(ev)
      else s.events.splice(upperBoundId(s.events, ev.eventId), 0, ev)
      s.storedBytes += Buffer.byteLength(e.message) + 26
      if (e.timestamp < s.createdAt) s.createdAt = e.timestamp
    }
  }

  getGroup(name: string): LogGroupState | undefined {
    return this.groups.get(name)
  }

  /** Groups sorted by name, as DescribeLogGroups lists them. */
  listGroups(): LogGroupState[] {
    return [...this.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  }

  /** Summary for GET /_emulator/state (the events themselves are too many to dump). */
  toJSON(): { groups: { name: string; streams: { name: string; events: number }[] }[] } {
    return {
      groups: this.listGroups().map((g) => ({
        name: g.name,
        streams: [...g.streams.values()].map((s) => ({ name: s.name, events: s.events.length })),
      })),
    }
  }
}

export const groupStoredBytes = (g: LogGroupState) => [...g.streams.values()].reduce((n, s) => n + s.storedBytes, 0)
