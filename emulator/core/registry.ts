/** Every emulated service, by SigV4 signing name. Adding one: a line in emulator/models/sources.ts, a handlers file, a line here. */
import type { ServiceName } from '../models/sources'
import { apprunnerService } from '../services/apprunner'
import { cloudtrailService } from '../services/cloudtrail'
import { ec2Service } from '../services/ec2'
import { ecrService } from '../services/ecr'
import { iamService } from '../services/iam'
import { logsService } from '../services/logs'
import { monitoringService } from '../services/monitoring'
import { rdsService } from '../services/rds'
import { secretsmanagerService } from '../services/secretsmanager'
import { schedulerService } from '../services/scheduler'
import { stsService } from '../services/sts'
import type { ServiceDefinition } from './types'

export const SERVICES: Record<ServiceName, ServiceDefinition> = {
  ecr: ecrService,
  apprunner: apprunnerService,
  rds: rdsService,
  monitoring: monitoringService,
  logs: logsService,
  iam: iamService,
  ec2: ec2Service,
  sts: stsService,
  cloudtrail: cloudtrailService,
  secretsmanager: secretsmanagerService,
  scheduler: schedulerService,
}
