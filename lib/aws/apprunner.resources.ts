import 'server-only'

/*
 * The App Runner resources around the service (apprunner.ts reads the service itself): its auto
 * scaling configuration's sizes, and the prerequisites the setup creates before the service.
 */
import {
  DescribeAutoScalingConfigurationCommand,
  ListAutoScalingConfigurationsCommand,
  ListVpcConnectorsCommand,
} from '@aws-sdk/client-apprunner'

import { cached, cachedRevalidating } from '@/lib/cache'
import { appError } from '@/lib/domain/errors'
import { err, ok, type Result } from '@/lib/result'

import { toAutoScalingSizes, type AutoScalingSizes } from './apprunner.mappers'
import { appRunnerSetupNames } from './apprunner.setup'
import { appRunnerClient } from './clients'
import { toAppError } from './errors'
import type { RuntimeSetupResources } from './runtime.types'
import { plain, ttl } from './support'

/** The sizes of one auto scaling configuration revision. Errors: aws_*. */
export async function autoScalingSizes(arn: string): Promise<Result<AutoScalingSizes>> {
  const load = async (): Promise<Result<AutoScalingSizes>> => {
    try {
      const out = await appRunnerClient().send(new DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: arn }))
      return out.AutoScalingConfiguration
        ? ok(toAutoScalingSizes(out.AutoScalingConfiguration))
        : err(
            appError('aws_error', 'AWS answered without AutoScalingConfiguration.', {
              hint: 'Retry; if it persists, report it with the request id.',
            }),
          )
    } catch (e: unknown) {
      return err(toAppError(e, { action: 'apprunner:DescribeAutoScalingConfiguration', resource: `auto-scaling configuration ${arn}` }))
    }
  }
  // Keyed by the revision ARN, whose settings never change (an edit creates a new revision): kept
  // across `apprunner:` invalidation and re-read in the background, so DescribeService is not followed
  // by a second round trip on the request path once the revision is known.
  return plain(await cachedRevalidating(`apprunner-autoscaling:${arn}`, ttl.configuration, load))
}

/** VPC connectors and auto scaling configurations are listed at most this many pages deep. */
const MAX_RESOURCE_PAGES = 10

/**
 * The service's prerequisites that exist already, found by the names the setup gives them: the
 * newest active revision of the VPC connector, and the latest auto scaling configuration with its
 * sizes. Errors: aws_*.
 */
export async function findSetupResources(): Promise<Result<RuntimeSetupResources>> {
  const names = appRunnerSetupNames
  const load = async (): Promise<Result<RuntimeSetupResources>> => {
    const connectors: NonNullable<RuntimeSetupResources['vpcConnector']>[] = []
    let scalingArn: string | undefined
    try {
      let NextToken: string | undefined
      let pages = 0
      do {
        const out = await appRunnerClient().send(new ListVpcConnectorsCommand({ MaxResults: 100, NextToken }))
        for (const v of out.VpcConnectors ?? [])
          if (v.VpcConnectorName === names.vpcConnector && v.Status === 'ACTIVE' && v.VpcConnectorArn)
            connectors.push({ arn: v.VpcConnectorArn, subnets: v.Subnets ?? [], securityGroups: v.SecurityGroups ?? [] })
        NextToken = out.NextToken
        pages += 1
      } while (NextToken && pages < MAX_RESOURCE_PAGES)
      const scaling = await appRunnerClient().send(
        new ListAutoScalingConfigurationsCommand({ AutoScalingConfigurationName: names.autoScaling, LatestOnly: true }),
      )
      scalingArn = scaling.AutoScalingConfigurationSummaryList?.find((a) => a.Status === 'ACTIVE')?.AutoScalingConfigurationArn
    } catch (e: unknown) {
      return err(
        toAppError(e, { action: 'apprunner:ListVpcConnectors', resource: 'App Runner VPC connectors and auto scaling configurations' }),
      )
    }
    const sizes = scalingArn ? await autoScalingSizes(scalingArn) : null
    return ok({
      // ARNs end in /<name>/<revision>/<id>; the highest revision is the newest.
      vpcConnector: connectors.sort((a, b) => revisionOf(b.arn) - revisionOf(a.arn))[0] ?? null,
      autoScaling: scalingArn
        ? { arn: scalingArn, minSize: sizes?.ok ? sizes.data.minSize : null, maxSize: sizes?.ok ? sizes.data.maxSize : null }
        : null,
    })
  }
  return plain(await cached('apprunner:setup-resources', ttl.status, load))
}

const revisionOf = (arn: string) => Number(arn.split('/').at(-2)) || 0
