import { describe, expect, it } from 'vitest'

import {
  awsRounds,
  callsPerWindow,
  countCalls,
  frameworkFiles,
  markdownTable,
  nextScripts,
  parseArgs,
  percentile,
  previousFigures,
  tableRows,
  textTable,
} from './lib'

describe('parseArgs', () => {
  it('reads --quick, --out and --only', () => {
    expect(parseArgs([])).toEqual({ quick: false, out: undefined, help: false, only: undefined })
    expect(parseArgs(['--quick', '--out', 'x.json'])).toEqual({ quick: true, out: 'x.json', help: false, only: undefined })
    expect(parseArgs(['--out=y.json'])).toEqual({ quick: false, out: 'y.json', help: false, only: undefined })
    expect(parseArgs(['--only', 'overview,logs'])).toMatchObject({ only: ['overview', 'logs'] })
    expect(parseArgs(['--only=load'])).toMatchObject({ only: ['load'] })
  })
  it('rejects unknown arguments, unknown phases and missing values', () => {
    expect(parseArgs(['--fast'])).toMatch(/unknown argument "--fast"/)
    expect(parseArgs(['--out'])).toMatch(/--out needs/)
    expect(parseArgs(['--only'])).toMatch(/--only needs phases/)
    expect(parseArgs(['--only', 'overview,warp'])).toMatch(/--only takes overview, load, images, logs/)
  })
})

describe('callsPerWindow', () => {
  it('divides calls by the refresh windows the run overlaps, worst first', () => {
    // 30 s overlaps up to 4 windows of 10 s and 2 windows of 30 s.
    const rows = callsPerWindow({ 'apprunner.DescribeService': 4, 'monitoring.GetMetricData': 1, 'rds.DescribeDBInstances': 12 }, 30_000)
    expect(rows.map((r) => [r.operation, r.perWindow])).toEqual([
      ['rds.DescribeDBInstances', 3],
      ['apprunner.DescribeService', 1],
      ['monitoring.GetMetricData', 0.5],
    ])
  })
  it('lets a call on each edge of a short run count as compliant', () => {
    expect(callsPerWindow({ 'apprunner.DescribeService': 2 }, 10_200)[0]?.perWindow).toBe(1)
    expect(callsPerWindow({ 'sts.GetCallerIdentity': 1 }, 10_000)[0]?.perWindow).toBe(1)
  })
  it('uses the shortest idle window for an unknown operation and says so', () => {
    const [row] = callsPerWindow({ 'ecr.Mystery': 8 }, 30_000)
    expect(row).toMatchObject({ windowMs: 10_000, perWindow: 2, knownWindow: false })
  })
  it("counts per resource where the emulator names what a call reads, with the operation's window", () => {
    const calls = countCalls([
      { call: 'cloudtrail.LookupEvents', subject: 'EventName=UpdateService' },
      { call: 'cloudtrail.LookupEvents', subject: 'EventName=PauseService' },
      { call: 'cloudtrail.LookupEvents', subject: 'EventName=UpdateService' },
      { call: 'rds.DescribeDBInstances' },
    ])
    expect(calls).toEqual({
      'cloudtrail.LookupEvents [EventName=UpdateService]': 2,
      'cloudtrail.LookupEvents [EventName=PauseService]': 1,
      'rds.DescribeDBInstances': 1,
    })
    expect(callsPerWindow(calls, 30_000)[0]).toMatchObject({
      operation: 'cloudtrail.LookupEvents [EventName=UpdateService]',
      windowMs: 30_000,
      perWindow: 1,
    })
  })
  it('ignores zero counts', () => {
    expect(callsPerWindow({ 'ecr.DescribeImages': 0 }, 30_000)).toEqual([])
  })
})

describe('nextScripts', () => {
  it('collects /_next/static scripts once, in order, and skips inline and foreign scripts', () => {
    const html = `<html><head><script src="/_next/static/chunks/a.js" async=""></script>
      <script>self.__next_f=[]</script><script src="https://cdn.example.com/x.js"></script>
      <script nonce="n" src='/_next/static/chunks/b.js?dpl=1&amp;v=2'></script><script src="/_next/static/chunks/a.js"></script>`
    expect(nextScripts(html)).toEqual(['/_next/static/chunks/a.js', '/_next/static/chunks/b.js?dpl=1&v=2'])
  })
  it('leaves out nomodule scripts, which module-capable browsers never download', () => {
    const html = `<script src="/_next/static/chunks/app.js" async=""></script><script src="/_next/static/chunks/polyfills.js" noModule=""></script>
      <script nomodule src="/_next/static/chunks/legacy.js"></script>`
    expect(nextScripts(html)).toEqual(['/_next/static/chunks/app.js'])
  })
})

describe('frameworkFiles', () => {
  it('reads the root main scripts of the build manifest', () => {
    const manifest = {
      polyfillFiles: ['static/chunks/p.js'],
      rootMainFiles: ['static/chunks/react-dom.js', 'static/chunks/next.js', 'static/chunks/x.css', 7],
    }
    expect(frameworkFiles(manifest)).toEqual(['static/chunks/react-dom.js', 'static/chunks/next.js'])
    expect(frameworkFiles({})).toEqual([])
    expect(frameworkFiles(null)).toEqual([])
  })
})

describe('awsRounds', () => {
  const call = (name: string, startMs: number, endMs: number | null) => ({ call: name, startMs, endMs })
  it('counts calls sent together as one round', () => {
    expect(
      awsRounds([
        call('rds.DescribeDBInstances', 20, 222),
        call('apprunner.DescribeService', 21, 230),
        call('sts.GetCallerIdentity', 24, 231),
      ]),
    ).toBe(1)
  })
  it('counts a chain by its length, whatever runs beside it', () => {
    const chain = [
      call('apprunner.ListServices', 0, 201),
      call('apprunner.DescribeService', 210, 413),
      call('apprunner.DescribeAutoScalingConfiguration', 416, 618),
    ]
    expect(awsRounds([...chain, call('rds.DescribeDBInstances', 1, 202), call('monitoring.GetMetricData', 221, 425)])).toBe(3)
  })
  it('is 0 for no calls and ignores calls still unanswered as predecessors', () => {
    expect(awsRounds([])).toBe(0)
    expect(awsRounds([call('a', 0, null), call('b', 300, 500)])).toBe(1)
  })
})

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9)
    expect(percentile([], 50)).toBeNaN()
  })
})

describe('the results table', () => {
  it('compares with the previous figures and flags missed targets', () => {
    const rows = tableRows({ overviewWarmMs: 60, overviewColdRatio: 1.2, pollErrors: 0 }, { overviewWarmMs: 40, pollErrors: 2 })
    const warm = rows.find((r) => r[0] === 'overviewWarmMs')
    expect(warm).toEqual(['overviewWarmMs', '60 ms', '≤ 50', '40', '+50%', 'MISSED'])
    expect(rows.find((r) => r[0] === 'overviewColdRatio')?.[5]).toBe('ok')
    expect(rows.find((r) => r[0] === 'pollErrors')?.slice(3)).toEqual(['2', '-100%', 'ok'])
    expect(rows.find((r) => r[0] === 'images5000Ms')?.[1]).toBe('— ms')
    expect(textTable(rows).split('\n')[1]).toMatch(/^-+ {2}-+/)
    expect(markdownTable([['a|b', '1']], ['x', 'y'])).toBe('| x | y |\n| --- | --- |\n| a\\|b | 1 |')
  })
  it('reads an earlier results file and ignores what it cannot use', () => {
    expect(previousFigures({ date: '2025-01-01T00:00:00Z', figures: { overviewWarmMs: 12, bogus: 3, pollErrors: 'x' } })).toEqual({
      figures: { overviewWarmMs: 12 },
      date: '2025-01-01T00:00:00Z',
      quick: false,
    })
    expect(previousFigures(null)).toBeNull()
    expect(previousFigures({ figures: 3 })).toBeNull()
  })
})
