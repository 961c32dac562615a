/** True for a host name that is this machine: 127.0.0.0/8, localhost or ::1 (bracketed or not). Client-safe. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase()
  if (h === 'localhost' || h === '[::1]' || h === '::1') return true
  return /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(h) && h.split('.').every((n) => Number(n) <= 255)
}
