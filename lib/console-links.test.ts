import { describe, expect, it } from 'vitest'

import { commitUrl, consoleLinks, rdsConsoleUrl, serviceHref } from '@/lib/console-links'

const input = {
  region: 'eu-central-1',
  accountId: '082609687527',
  ecrRepository: 'appfactory-app',
  appRunnerService: 'appfactory-app-service',
  rdsInstance: 'appfactory-db',
  githubRole: 'AppFactoryGitHubActionsRole',
  service: { label: 'App Runner', href: 'https://eu-central-1.console.aws.amazon.com/apprunner/home', logGroupPrefix: '/aws/apprunner/x' },
}

describe('console links', () => {
  it('links every resource in its region', () => {
    const links = consoleLinks(input)
    expect(links.map((l) => l.id)).toEqual(['service', 'ecr', 'rds', 'alarms', 'logs', 'iam-role'])
    expect(links[0]?.label).toBe('App Runner: appfactory-app-service')
    expect(links.find((l) => l.id === 'logs')?.href).toContain(encodeURIComponent('/aws/apprunner/x'))
    for (const l of links.filter((l) => l.id !== 'iam-role')) expect(l.href).toMatch(/^https:\/\/eu-central-1\.console\.aws\.amazon\.com\//)
    expect(links.find((l) => l.id === 'ecr')?.href).toBe(
      'https://eu-central-1.console.aws.amazon.com/ecr/repositories/private/082609687527/appfactory-app?region=eu-central-1',
    )
  })

  it('builds RDS and GitHub commit links', () => {
    expect(rdsConsoleUrl('eu-central-1', 'appfactory-db')).toBe(
      'https://eu-central-1.console.aws.amazon.com/rds/home?region=eu-central-1#database:id=appfactory-db;is-cluster=false',
    )
    expect(commitUrl('hanpieter1/AppFactory', 'abc1234')).toBe('https://github.com/hanpieter1/AppFactory/commit/abc1234')
  })
})

describe('serviceHref', () => {
  it.each([
    ['abc.eu-central-1.awsapprunner.com', 'https://abc.eu-central-1.awsapprunner.com'],
    ['127.0.0.1:4566/_app/x', 'http://127.0.0.1:4566/_app/x'],
    ['localhost:3000', 'http://localhost:3000'],
    ['https://already.example', 'https://already.example'],
  ])('%s → %s', (url, want) => expect(serviceHref(url)).toBe(want))
})
