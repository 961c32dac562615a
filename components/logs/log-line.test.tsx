import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { LogLine } from './log-line'

describe('LogLine', () => {
  it('shows level, request fields and message of a JSON line', () => {
    const fields = { level: 50, method: 'GET', url: '/api/items', status: 503, responseTime: 1250, msg: 'upstream down' }
    const html = renderToStaticMarkup(
      <LogLine event={{ eventId: 'e1', timestamp: '2026-03-02T14:05:06.000Z', stream: 's', message: JSON.stringify(fields), fields }} />,
    )
    expect(html).toContain('2026-03-02 14:05:06 UTC')
    expect(html).toContain('>error<')
    expect(html).toContain('/api/items')
    expect(html).toContain('>503<')
    expect(html).toContain('1.25 s')
    expect(html).toContain('upstream down')
    expect(html).toContain('aria-expanded="false"')
    expect(html).toContain('Raw JSON')
  })
})
