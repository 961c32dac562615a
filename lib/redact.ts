import { processState } from '@/lib/process-state'

/**
 * The one redaction module: every secret that passes through the portal (env var values, URLs with
 * credentials, log lines, AWS error text) goes through here before it is stored, rendered, returned
 * or logged.
 *
 * Hostile input: log lines and AWS answers are written by others, so every expression here has only
 * bounded quantifiers, and at most MAX_REDACT_CHARS of a text is examined (the rest is cut, never
 * passed on unexamined) — a 1 MB line costs the same bounded work as a 64 KB one.
 */

export const REDACTED = '****'

/** How much of one text is examined and kept; longer texts are cut (a log line this long is not read by a person). */
export const MAX_REDACT_CHARS = 64 * 1024

/**
 * Names whose values are secrets, matched on the name normalised to UPPER_SNAKE (`dbPass` → `DB_PASS`):
 * PASS (PASSWORD, PASSWD, PASSPHRASE), PWD, SECRET, TOKEN, CREDENTIAL(S), DSN, AUTH, and *_KEY.
 */
const SECRET_NAME = /(?:PASS|PWD|SECRET|TOKEN|CREDENTIAL|DSN|AUTH|(?:^|_)(?:API|PRIVATE|ACCESS|SESSION)?KEY(?:$|_))/

/**
 * `scheme://user:password@host` → `scheme://user:****@host` (any scheme, anywhere in a string). A
 * scheme starts only where a run of scheme characters starts (not inside one), and the password runs
 * up to the next `/` at most (it ends the authority): each position is tried once, cheaply.
 */
const URL_CREDENTIALS = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)([^\s:/@'"]{0,256}):(?=([^\s@'"/]{1,256}))\3@/g

/** A key's optional prefix and suffix words (`db_password`, `client_secret_value`, `STRIPE_API_KEY`). */
const KEY_PREFIX = '(?:[A-Za-z0-9]{1,32}[_.-]){0,3}'
const KEY_SUFFIX = '(?:[_.-][A-Za-z0-9]{1,32}){0,2}'
/** The value: up to the next space, quote or separator (captured atomically through a lookahead). */
const VALUE = `(?=([^\\s"',&;}]{1,2048}))\\2`

/**
 * `key=value`, `"key": "value"` and `key:value` pairs whose key names a secret (`db_password=…`,
 * `"apiKey": "…"`, `SENTRY_DSN=…`, `credentials=…`). A colon followed by a space counts only after a
 * quoted key here: in prose ("the portal's credentials: the token was refused") it is no pair.
 */
const KEY_VALUE_SECRET = new RegExp(
  `(?<![A-Za-z0-9])(${KEY_PREFIX}(?:pass(?:word|wd|phrase)?|pwd|secret|token|credentials?|dsn|authorization|(?:api|private|access|session)?[_-]?key)${KEY_SUFFIX}(?:["']?[ \\t]{0,8}=[ \\t]{0,8}["']?|["'][ \\t]{0,8}:[ \\t]{0,8}["']?|:(?=\\S)))${VALUE}`,
  'gi',
)

/** `password: value`-style lines (YAML, loggers): only for keys that never start a sentence of prose. */
const KEY_COLON_SECRET = new RegExp(
  `(?<![A-Za-z0-9])(${KEY_PREFIX}(?:pass(?:word|wd|phrase)?|pwd|secret|dsn|(?:api|private|access|session)[_-]?key)${KEY_SUFFIX}[ \\t]{0,8}:[ \\t]{1,8}["']?)${VALUE}`,
  'gi',
)

/** `Bearer <token>` / `Basic <credentials>` anywhere in a string (no `i` flag: it makes this expression much slower). */
const AUTH_SCHEME = /\b([Bb]earer|BEARER|[Bb]asic|BASIC)[ \t]{1,8}(?=([A-Za-z0-9._~+/=-]{1,4096}))\2/g

/** Shorter values would redact ordinary words and numbers. */
const MIN_SECRET_LENGTH = 6
const MAX_KNOWN_SECRETS = 500

/**
 * Literal secret values the process knows about (session secret, OAuth client secrets, API tokens,
 * passwords seen in DATABASE_URL), each with every encoding it may appear in. Process-wide, like the
 * read cache: a secret learned while one route bundle read the service is scrubbed in every other.
 */
type Known = { raw: Set<string>; forms: Set<string> }
const known = processState<Known>('known-secrets', () => ({ raw: new Set(), forms: new Set() }))

const hexLower = (s: string) => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())
/** RFC 3986 strict: encodeURIComponent leaves !'()* alone; some encoders do not. */
const strictEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** Every form a secret may take in a URL, a form body, a query string or a JSON string. */
export function encodedForms(value: string): string[] {
  const forms = [
    value,
    encodeURIComponent(value),
    strictEncode(value),
    encodeURI(value),
    new URLSearchParams({ v: value }).toString().slice(2),
  ]
  forms.push(...forms.map(hexLower), JSON.stringify(value).slice(1, -1))
  return [...new Set(forms)]
}

/** Registers a literal secret (and its percent-decoded value) so that redactText removes every form of it from now on. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH || value === REDACTED || known.raw.size >= MAX_KNOWN_SECRETS) return
  let decoded = value
  try {
    decoded = decodeURIComponent(value)
  } catch {
    // Not percent-encoded: the value is its own decoded form.
  }
  for (const v of new Set([value, decoded])) {
    if (v.length < MIN_SECRET_LENGTH || known.raw.has(v)) continue
    known.raw.add(v)
    for (const form of encodedForms(v)) known.forms.add(form)
  }
}

function redactKnownSecrets(text: string): string {
  let out = text
  for (const secret of known.forms) if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  return out
}

/** Cuts a text to what redaction examines, saying how much was left out. */
function capped(text: string): string {
  if (text.length <= MAX_REDACT_CHARS) return text
  return `${text.slice(0, MAX_REDACT_CHARS)}… [${text.length - MAX_REDACT_CHARS} more characters not shown]`
}

/** Redacts credentials inside URLs, auth headers, secret-named key/value pairs and registered secrets in free text. */
export function redactText(text: string): string {
  const out = capped(text)
    .replace(URL_CREDENTIALS, (_m, scheme: string, user: string, password: string) => {
      registerSecret(password)
      return `${scheme}${user}:${REDACTED}@`
    })
    .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(KEY_VALUE_SECRET, (_m, key: string) => `${key}${REDACTED}`)
    .replace(KEY_COLON_SECRET, (_m, key: string) => `${key}${REDACTED}`)
  return known.forms.size ? redactKnownSecrets(out) : out
}

/** True when an environment variable's (or a JSON field's) name says its value is a secret. */
export const isSecretName = (name: string): boolean =>
  SECRET_NAME.test(
    name
      .slice(0, 256)
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toUpperCase(),
  )

/** Redacts one environment variable: a secret-named value entirely, otherwise any credentials inside it. */
export function redactEnvValue(name: string, value: string): { value: string; isRedacted: boolean } {
  if (isSecretName(name)) {
    registerSecret(value)
    return { value: value === '' ? '' : REDACTED, isRedacted: value !== '' }
  }
  const redacted = redactText(value)
  return { value: redacted, isRedacted: redacted !== value }
}

/** How many consecutive characters of a secret a search text may share with it. */
const MAX_SHARED_RUN = 3

/** Letters and digits only, lower-cased: `%A.?p[p]F%` and `AppF` compare equal. */
const alnum = (s: string) => s.replace(/[^A-Za-z0-9]/g, '').toLowerCase()

/**
 * True when `text` holds four or more consecutive characters of a known secret — as typed, or once
 * everything but letters and digits is dropped (so `A.p.p.F` or `[A][p][p][F]` count too). A search
 * that may contain a secret's characters could tell, match by match, what the redaction hides.
 */
export function overlapsKnownSecret(text: string): boolean {
  const lower = text.slice(0, 4096).toLowerCase()
  const squeezed = alnum(lower)
  for (const secret of known.raw) {
    const s = secret.toLowerCase()
    for (let i = 0; i + MAX_SHARED_RUN < s.length; i++) if (lower.includes(s.slice(i, i + MAX_SHARED_RUN + 1))) return true
    // Runs of letters and digits of the secret (a window spanning its `-` would be no part of it).
    for (const run of s.split(/[^a-z0-9]+/))
      for (let i = 0; i + MAX_SHARED_RUN < run.length; i++) if (squeezed.includes(run.slice(i, i + MAX_SHARED_RUN + 1))) return true
  }
  return false
}
