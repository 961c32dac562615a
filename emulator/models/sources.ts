/**
 * Where each emulated service's API model comes from: the SigV4 signing name → the folder of botocore's
 * `data/` that holds its `service-2.json`. Adding a service to the emulator starts with one line here,
 * then `npm run emulator:models` writes `emulator/models/<name>.json` for the operations its handlers serve.
 */
export const MODEL_SOURCES = {
  ecr: 'ecr/2015-09-21',
  apprunner: 'apprunner/2020-05-15',
  rds: 'rds/2014-10-31',
  monitoring: 'cloudwatch/2010-08-01',
  logs: 'logs/2014-03-28',
  iam: 'iam/2010-05-08',
  ec2: 'ec2/2016-11-15',
  sts: 'sts/2011-06-15',
  cloudtrail: 'cloudtrail/2013-11-01',
  secretsmanager: 'secretsmanager/2017-10-17',
  scheduler: 'scheduler/2021-06-30',
} as const

/** Signing names, as in the SigV4 credential scope. */
export type ServiceName = keyof typeof MODEL_SOURCES
