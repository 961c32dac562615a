/**
 * Small XML helpers for the query and EC2 protocols. Handlers build the XML *inside* the
 * `<OpResult>` (query) or `<OpResponse>` (EC2) element with these; the protocol layer adds the rest.
 */

/** Escapes text for an XML element body or attribute. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/** `<name>value</name>`, or nothing when the value is undefined/null. Strings are escaped. */
export function el(name: string, value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return ''
  return `<${name}>${typeof value === 'string' ? xmlEscape(value) : String(value)}</${name}>`
}

/** `<name>inner</name>` with already-built XML inside. */
export function wrap(name: string, inner: string): string {
  return `<${name}>${inner}</${name}>`
}

/** A list element whose items are `<item>`-named elements holding already-built XML. */
export function xmlList(name: string, itemName: string, items: string[]): string {
  return `<${name}>${items.map((i) => `<${itemName}>${i}</${itemName}>`).join('')}</${name}>`
}

/** A list of plain text values, e.g. `<Subnets><member>a</member></Subnets>`. */
export function textList(name: string, itemName: string, values: string[]): string {
  return xmlList(name, itemName, values.map(xmlEscape))
}

/** ISO-8601 UTC with `Z`, as the query protocols expect for timestamps. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString()
}

/** Epoch seconds, as the JSON protocols expect for timestamps. */
export function epochSeconds(ms: number): number {
  return ms / 1000
}
