import { describe, expect, it } from 'vitest'

import { appRunnerConsoleUrl, commitUrl, consoleLinks, rdsConsoleUrl, serviceHref } from '@/lib/console-links'

const input = {
  region: 'eu-central-1',
  accountId: '082609687527',
  ecrRepository: 'appfactory-app',
  appRunnerService: 'appfactory-app-service',
  rdsInstance: 'appfactory-db',
  githubRole: 'AppFactoryGitHubActionsRole',
}

describe('console links', () => {
  it('links every resource in its region', () => {
    const links = consoleLinks(input)
    expect(links.map((l) => l.id)).toEqual(['apprunner', 'ecr', 'rds', 'alarms', 'logs', 'iam-role'])
    for (const l of links.filter((l) => l.id !== 'iam-role')) expect(l.href).toMatch(/^https:\/\/eu-central-1\.console\.aws\.amazon\.com\//)
    expect(links.find((l) => l.id === 'ecr')?.href).toBe(
      'https://eu-central-1.console.aws.amazon.com/ecr/repositories/private/082609687527/appfactory-app?region=eu-central-1',
    )
  })

  it('deep-links the App Runner service when its ARN is known', () => {
    const arn = 'arn:aws:apprunner:eu-central-1:082609687527:service/appfactory-app-service/abc'
    expect(appRunnerConsoleUrl('eu-central-1', arn)).toContain(`service_arn=${encodeURIComponent(arn)}`)
    expect(appRunnerConsoleUrl('eu-central-1')).toMatch(/#\/services$/)
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
