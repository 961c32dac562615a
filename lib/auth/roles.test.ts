import { describe, expect, it } from 'vitest'

import { parseRoleRules, resolveRole, type RoleRules } from './roles'

const rules = (admin: string, operator: string, viewer: string): RoleRules => ({
  admin: parseRoleRules(admin).rules,
  operator: parseRoleRules(operator).rules,
  viewer: parseRoleRules(viewer).rules,
})

describe('parseRoleRules', () => {
  it('recognises every entry form and reports the rest', () => {
    const { rules: r, invalid } = parseRoleRules(
      'Ana@Example.com, @corp.example, group:Platform-Admins, github-org:Acme, github-team:acme/SRE, github:583231, github:octocat, nonsense, github-team:acme',
    )
    expect(r).toEqual([
      { kind: 'email', value: 'ana@example.com' },
      { kind: 'domain', value: 'corp.example' },
      { kind: 'group', value: 'Platform-Admins' },
      { kind: 'github-org', value: 'acme' },
      { kind: 'github-team', value: 'acme/sre' },
      { kind: 'github-user', value: 583231 },
    ])
    // A login can be renamed and then registered by someone else: only the numeric id is accepted.
    expect(invalid).toEqual(['github:octocat', 'nonsense', 'github-team:acme'])
  })
})

describe('resolveRole', () => {
  const r = rules('boss@example.com,group:portal-admins,github:583231', '@ops.example,github-team:acme/sre', '@example.com,github-org:acme')

  const table: Array<[string, Parameters<typeof resolveRole>[0], string | null]> = [
    ['exact admin email, any case', { email: 'BOSS@example.com' }, 'admin'],
    ['admin group', { email: 'x@else.example', groups: ['portal-admins'] }, 'admin'],
    ['group names are case-sensitive', { groups: ['Portal-Admins'] }, null],
    ['operator domain', { email: 'op@ops.example' }, 'operator'],
    ['a subdomain is not the domain', { email: 'op@eu.ops.example' }, null],
    ['a look-alike domain is not the domain', { email: 'op@evilops.example' }, null],
    ['viewer domain', { email: 'ana@example.com' }, 'viewer'],
    ['highest role wins (viewer domain + admin email)', { email: 'boss@example.com' }, 'admin'],
    ['github team', { githubTeams: ['ACME/sre'], githubOrgs: ['acme'] }, 'operator'],
    ['github org', { githubOrgs: ['Acme'] }, 'viewer'],
    ['github user by numeric id', { githubId: 583231, githubLogin: 'renamed-since' }, 'admin'],
    ['a login that once belonged to that id grants nothing', { githubId: 99, githubLogin: 'octocat' }, null],
    ['unknown user', { email: 'stranger@elsewhere.example', groups: ['staff'] }, null],
    ['no claims at all', {}, null],
  ]
  it.each(table)('%s', (_name, identity, expected) => {
    expect(resolveRole(identity, r)).toBe(expected)
  })

  it('gives nobody access when no rules are configured', () => {
    expect(resolveRole({ email: 'ana@example.com' }, rules('', '', ''))).toBeNull()
  })
})
