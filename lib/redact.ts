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

/** `Bearer <token>` / `Basic <credentials>` anywhere in a string. */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g

/**
 * Literal secret values the process knows about (session secret, OAuth client secrets, API tokens,
 * passwords seen in DATABASE_URL). Scrubbed wherever they appear, even without a telling key name.
 */
const knownSecrets = new Set<string>()
const MAX_KNOWN_SECRETS = 500
/** Shorter values would redact ordinary words and numbers. */
const MIN_SECRET_LENGTH = 6

/** Registers a literal secret so that redactText removes it from any text from now on. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH || value === REDACTED || knownSecrets.size >= MAX_KNOWN_SECRETS) return
  knownSecrets.add(value)
  // URL-encoded and JSON-escaped forms appear in query strings and serialised log lines.
  const encoded = encodeURIComponent(value)
  if (encoded !== value) knownSecrets.add(encoded)
  const jsonEscaped = JSON.stringify(value).slice(1, -1)
  if (jsonEscaped !== value) knownSecrets.add(jsonEscaped)
}

function redactKnownSecrets(text: string): string {
  let out = text
  for (const secret of knownSecrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  return out
}

/** Redacts credentials inside URLs, auth headers, secret-looking key/value pairs and registered secrets in free text. */
export function redactText(text: string): string {
  const out = text
    .replace(URL_CREDENTIALS, (_m, scheme: string, user: string, password: string) => {
      registerSecret(password)
      return `${scheme}${user}:${REDACTED}@`
    })
    .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(KEY_VALUE_SECRET, (_m, key: string) => `${key}${REDACTED}`)
  return knownSecrets.size ? redactKnownSecrets(out) : out
}

/** True when an environment variable's name says its value is a secret. */
export const isSecretName = (name: string): boolean => SECRET_NAME.test(name)

/** Redacts one environment variable: a secret-named value entirely, otherwise any credentials inside it. */
export function redactEnvValue(name: string, value: string): { value: string; isRedacted: boolean } {
  if (isSecretName(name)) {
    registerSecret(value)
    return { value: value === '' ? '' : REDACTED, isRedacted: value !== '' }
  }
  const redacted = redactText(value)
  return { value: redacted, isRedacted: redacted !== value }
}
