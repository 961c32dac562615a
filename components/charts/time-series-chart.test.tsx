import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { TimeSeriesChart } from './time-series-chart'

describe('TimeSeriesChart', () => {
  it('names the drawing with its summary and offers the data as a table', () => {
    const html = renderToStaticMarkup(
      <TimeSeriesChart
        id="rds.cpu"
        label="RDS CPU"
        unit="Percent"
        points={[
          { t: '2026-03-02T14:00:00Z', v: 20 },
          { t: '2026-03-02T14:01:00Z', v: 91 },
        ]}
        thresholds={[{ value: 80, label: 'appfactory-rds-cpu-high', isBreached: true }]}
      />,
    )
    expect(html).toContain('role="img"')
    expect(html).toContain('aria-label="RDS CPU: latest 91%, min 20%, max 91% over 2 points. appfactory-rds-cpu-high threshold 80%."')
    expect(html).toMatch(/aria-expanded="false"[^>]*>Show data<span class="sr-only"> for RDS CPU<\/span>/)
  })

  it('says when a series has no points', () => {
    const html = renderToStaticMarkup(<TimeSeriesChart id="x" label="Requests" unit="Count" points={[]} />)
    expect(html).toContain('No datapoints in this range')
    expect(html).toContain('aria-label="Requests: no data in this range."')
  })
})
