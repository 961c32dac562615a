import { describe, expect, it } from 'vitest'

import { identityFromGitHub } from './github'
import { identityFromClaims } from './oidc'
import { parseRoleRules, resolveRole, type RoleRules } from './roles'

const byDomain: RoleRules = { admin: [], operator: parseRoleRules('boss@example.com').rules, viewer: parseRoleRules('@example.com').rules }

describe('OIDC claims: only a verified email counts', () => {
  it.each([
    ['email_verified true', { sub: 's1', email: 'Boss@Example.com', email_verified: true }, 'boss@example.com', 'operator'],
    ['email_verified false', { sub: 's1', email: 'boss@example.com', email_verified: false }, undefined, null],
    ['email_verified missing', { sub: 's1', email: 'boss@example.com' }, undefined, null],
    ['email_verified as the string "true"', { sub: 's1', email: 'boss@example.com', email_verified: 'true' }, undefined, null],
    ['email_verified 1', { sub: 's1', email: 'boss@example.com', email_verified: 1 }, undefined, null],
  ])('%s', (_name, claims, email, role) => {
    const { id, identity } = identityFromClaims(claims)
    expect(identity.email).toBe(email)
    expect(id).toBe(email ?? 'oidc:s1')
    expect(resolveRole(identity, byDomain)).toBe(role)
  })

  it('an unverified address in the right domain gets no role, even by domain rule', () => {
    expect(resolveRole(identityFromClaims({ sub: 'x', email: 'mallory@example.com' }).identity, byDomain)).toBeNull()
  })
})

describe('GitHub identity: the numeric id, not the login', () => {
  const user = { id: 583231, login: 'octocat', name: 'The Octocat' }
  it('names the person github:<id>, keeps the login only for display', () => {
    const { id, name, identity } = identityFromGitHub(
      user,
      [
        { email: 'octo@example.com', primary: true, verified: true },
        { email: 'other@example.com', primary: false, verified: true },
      ],
      [{ login: 'acme' }],
      [{ slug: 'sre', organization: { login: 'acme' } }],
    )
    expect(id).toBe('github:583231')
    expect(name).toBe('The Octocat')
    expect(identity).toEqual({
      email: 'octo@example.com',
      githubId: 583231,
      githubLogin: 'octocat',
      githubOrgs: ['acme'],
      githubTeams: ['acme/sre'],
    })
  })

  it('drops a primary email GitHub has not verified', () => {
    const { identity } = identityFromGitHub(user, [{ email: 'octo@example.com', primary: true, verified: false }], [], [])
    expect(identity.email).toBeUndefined()
  })
})
