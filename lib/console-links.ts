import { isLoopbackHost } from '@/lib/loopback'
/** Deep links into the AWS console for each AppFactory resource (pure; client-safe). */

export type ConsoleLink = { id: 'service' | 'ecr' | 'rds' | 'alarms' | 'logs' | 'iam-role'; label: string; href: string }

export type ConsoleLinkInput = {
  region: string
  accountId: string
  ecrRepository: string
  appRunnerService: string
  rdsInstance: string
  githubRole: string
  /** What the runtime says about the service (lib/aws/runtime.ts): its name, console page and log groups. */
  service: { label: string; href: string; logGroupPrefix: string }
}

const base = (region: string) => `https://${region}.console.aws.amazon.com`

/** The RDS instance's page. */
export const rdsConsoleUrl = (region: string, instance: string): string =>
  `${base(region)}/rds/home?region=${encodeURIComponent(region)}#database:id=${encodeURIComponent(instance)};is-cluster=false`

/** The private ECR repository's image list. */
export const ecrConsoleUrl = (region: string, accountId: string, repository: string): string =>
  `${base(region)}/ecr/repositories/private/${encodeURIComponent(accountId)}/${encodeURIComponent(repository)}?region=${encodeURIComponent(region)}`

/** One link per resource, in the order the overview shows them. */
export function consoleLinks(i: ConsoleLinkInput): ConsoleLink[] {
  const r = encodeURIComponent(i.region)
  return [
    { id: 'service', label: `${i.service.label}: ${i.appRunnerService}`, href: i.service.href },
    { id: 'ecr', label: `ECR: ${i.ecrRepository}`, href: ecrConsoleUrl(i.region, i.accountId, i.ecrRepository) },
    { id: 'rds', label: `RDS: ${i.rdsInstance}`, href: rdsConsoleUrl(i.region, i.rdsInstance) },
    { id: 'alarms', label: 'CloudWatch alarms', href: `${base(i.region)}/cloudwatch/home?region=${r}#alarmsV2:` },
    {
      id: 'logs',
      label: 'CloudWatch logs',
      href: `${base(i.region)}/cloudwatch/home?region=${r}#logsV2:log-groups$3FlogGroupNameFilter$3D${encodeURIComponent(i.service.logGroupPrefix)}`,
    },
    // IAM is global: the console has no region in its path.
    {
      id: 'iam-role',
      label: `IAM role: ${i.githubRole}`,
      href: `https://console.aws.amazon.com/iam/home#/roles/details/${encodeURIComponent(i.githubRole)}`,
    },
  ]
}

/** The GitHub page of a commit. */
export const commitUrl = (repo: string, sha: string): string => `https://github.com/${repo}/commit/${encodeURIComponent(sha)}`

/**
 * The service URL as a link. A URL with a scheme is kept; a bare host (App Runner's ServiceUrl has
 * none, and its services answer HTTPS only) gets `https://`, except loopback (local runs), `http://`.
 */
export function serviceHref(url: string): string {
  if (/^https?:\/\//i.test(url)) return url
  const host = (url.split('/')[0] ?? '').replace(/:\d+$/, '').toLowerCase()
  return `${isLoopbackHost(host) ? 'http' : 'https'}://${url}`
}
