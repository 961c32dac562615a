/**
 * EMULATOR_CREDENTIALS: the access keys the emulator accepts and the identity behind each, as
 * `accessKeyId:secret[:identityArn]`, comma-separated. The identity is what STS GetCallerIdentity and
 * CloudTrail report for calls signed with the key; without an ARN it is the portal's IAM user.
 */
import { createHash } from 'node:crypto'

import { CALLER_ARN, GITHUB_ROLE, GITHUB_ROLE_ID } from '../world/constants'
import type { Identity } from './types'

export type Credential = { accessKeyId: string; secret: string; identity: Identity }

/** A stable IAM-style unique id: a prefix (`AIDA` user, `AROA` role) and 17 characters derived from `seed`. */
export function iamId(prefix: string, seed: string): string {
  const digest = createHash('sha256').update(seed).digest()
  let out = prefix
  for (let i = 0; out.length < prefix.length + 17; i++) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[digest[i]! % 32]
  return out
}

/** Ids the seeded world already uses for these principals. */
const KNOWN_IDS: Record<string, string> = { [CALLER_ARN]: 'AIDAR4KZQ7GHPORTAL01X', [GITHUB_ROLE]: GITHUB_ROLE_ID }

/** The identity an ARN names (an IAM user, an assumed-role session or the account root), or why it is not one. */
export function identityFor(arn: string, accessKeyId: string): Identity | string {
  const user = arn.match(/^arn:aws:iam::(\d{12}):user\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/)
  if (user) {
    const [, accountId = '', name = ''] = user
    return { type: 'IAMUser', arn, accountId, principalId: KNOWN_IDS[arn] ?? iamId('AIDA', arn), accessKeyId, userName: name }
  }
  const session = arn.match(/^arn:aws:sts::(\d{12}):assumed-role\/([\w+=,.@-]{1,64})\/([\w+=,.@-]{2,64})$/)
  if (session) {
    const [, accountId = '', roleName = '', sessionName = ''] = session
    const roleArn = `arn:aws:iam::${accountId}:role/${roleName}`
    const roleId = KNOWN_IDS[roleName] ?? iamId('AROA', roleArn)
    return {
      type: 'AssumedRole',
      arn,
      accountId,
      principalId: `${roleId}:${sessionName}`,
      accessKeyId,
      userName: sessionName,
      role: { name: roleName, arn: roleArn, roleId },
    }
  }
  const root = arn.match(/^arn:aws:iam::(\d{12}):root$/)
  if (root) return { type: 'Root', arn, accountId: root[1] ?? '', principalId: root[1] ?? '', accessKeyId, userName: 'root' }
  return `"${arn}" is not the ARN of an IAM user (arn:aws:iam::<account>:user/<name>), an assumed role (arn:aws:sts::<account>:assumed-role/<role>/<session>) or an account root`
}

/** The identity of a key when EMULATOR_CREDENTIALS is unset or names no ARN for it. */
export const defaultIdentity = (accessKeyId: string): Identity => identityFor(CALLER_ARN, accessKeyId) as Identity

/** Parses EMULATOR_CREDENTIALS; returns a message naming the problem when the text is not valid. */
export function parseCredentials(text: string): Credential[] | string {
  const out: Credential[] = []
  for (const raw of text.split(',')) {
    const entry = raw.trim()
    if (entry === '') continue
    const first = entry.indexOf(':')
    const second = first < 0 ? -1 : entry.indexOf(':', first + 1)
    const accessKeyId = first < 0 ? entry : entry.slice(0, first)
    const secret = first < 0 ? '' : second < 0 ? entry.slice(first + 1) : entry.slice(first + 1, second)
    const arn = second < 0 ? undefined : entry.slice(second + 1)
    if (!/^[A-Za-z0-9]{3,128}$/.test(accessKeyId)) return `"${accessKeyId}" is not an access key id (letters and digits)`
    if (secret === '') return `the access key ${accessKeyId} has no secret (accessKeyId:secret[:identityArn])`
    if (out.some((c) => c.accessKeyId === accessKeyId)) return `the access key ${accessKeyId} is listed twice`
    const identity = arn === undefined ? defaultIdentity(accessKeyId) : identityFor(arn, accessKeyId)
    if (typeof identity === 'string') return identity
    out.push({ accessKeyId, secret, identity })
  }
  if (out.length === 0) return 'no credentials given (accessKeyId:secret[:identityArn], comma-separated)'
  return out
}
