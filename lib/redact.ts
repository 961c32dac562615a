/**
 * The one redaction module: every secret that passes through the portal (env var values, URLs with
 * credentials, log lines) goes through here before it is stored, rendered, returned or logged.
 */

export const REDACTED = '****'

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|ACCESS_KEY|SESSION_KEY|AUTH)/i

/** `scheme://user:password@host` → `scheme://user:****@host` (any scheme, anywhere in a string). */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@'"]+):([^\s@'"]+)@/gi

/** key=value and "key":"value" pairs whose key names a secret. */
const KEY_VALUE_SECRET =
  /((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|authorization)["']?\s*[:=]\s*["']?)([^\s"',&;}]+)/gi

/** Redacts credentials inside URLs and secret-looking key/value pairs in free text (log lines, messages). */
export function redactText(text: string): string {
  return text
    .replace(URL_CREDENTIALS, (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`)
    .replace(KEY_VALUE_SECRET, (_m, key: string) => `${key}${REDACTED}`)
}

/** True when an environment variable's name says its value is a secret. */
export const isSecretName = (name: string): boolean => SECRET_NAME.test(name)

/** Redacts one environment variable: a secret-named value entirely, otherwise any credentials inside it. */
export function redactEnvValue(name: string, value: string): { value: string; isRedacted: boolean } {
  if (isSecretName(name)) return { value: value === '' ? '' : REDACTED, isRedacted: value !== '' }
  const redacted = redactText(value)
  return { value: redacted, isRedacted: redacted !== value }
}
