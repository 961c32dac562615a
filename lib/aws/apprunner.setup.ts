import 'server-only'

import type { RuntimeSetupGuide, RuntimeSetupNames, RuntimeSetupSettings, SetupCommand } from './runtime.types'

/*
 * How the App Runner service of the AWS setup document is created, as an exact AWS CLI sequence filled
 * in with the account's live values: DATABASE_URL as a Secrets Manager secret, an instance role that
 * may read it, the ECR access role (when missing), the database's security group opened to the
 * connector's (when it is not), a VPC connector on the database's subnets, an auto scaling
 * configuration of 1–10 instances, and the service from the newest image (port 3000, the health path,
 * 1 vCPU / 2 GB). Shell variables carry each new ARN to the next command, so it can be pasted as one
 * block. Pure: no AWS calls (apprunner.ts reads what exists; lib/setup fills in the settings).
 */

export const appRunnerSetupNames: RuntimeSetupNames = {
  accessRole: 'AppRunnerECRAccessRole',
  instanceRole: 'AppFactoryAppRunnerInstanceRole',
  vpcConnector: 'appfactory-vpc-connector',
  autoScaling: 'appfactory-autoscaling',
}

/** The documented sizing: 1 vCPU, 2 GB, 1–10 instances, port 3000. */
export const appRunnerPlannedSize = { cpu: '1 vCPU', memory: '2 GB', minSize: 1, maxSize: 10, port: '3000' } as const

const DOCS = 'https://docs.aws.amazon.com/apprunner/latest/dg/manage-create.html'
const ECS_EXPRESS_DOCS = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-overview.html'
const ECR_ACCESS_POLICY = 'arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess'

/** A JSON value inside single quotes (JSON from our own values never holds a single quote). */
const q = (value: unknown) => `'${JSON.stringify(value)}'`
/** A shell variable spliced into single-quoted JSON: closes the quote, inserts "$NAME", reopens. */
const splice = (name: string) => `'"$${name}"'`

const trust = (service: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
})

/** The secret's ARN pattern: Secrets Manager appends six random characters to the name. */
const secretArnPattern = (s: RuntimeSetupSettings) => `arn:aws:secretsmanager:${s.region}:${s.accountId}:secret:${s.secret.name}-*`

function secretCommands(s: RuntimeSetupSettings): SetupCommand[] {
  if (s.secret.arn) return [{ title: `DATABASE_URL is stored already: secret ${s.secret.name}`, command: `SECRET_ARN=${s.secret.arn}` }]
  const url = s.databaseUrl ?? 'postgresql://<user>:<password>@<endpoint>:5432/postgres'
  return [
    {
      title: 'Store DATABASE_URL in Secrets Manager (type the database password where it says <password>)',
      command: `SECRET_ARN=$(aws secretsmanager create-secret --region ${s.region} --name ${s.secret.name} \\\n  --secret-string '${url}' \\\n  --query ARN --output text)`,
    },
  ]
}

function roleCommands(s: RuntimeSetupSettings, names: RuntimeSetupNames): SetupCommand[] {
  const out: SetupCommand[] = []
  if (!s.existing.instanceRole) {
    out.push({
      title: `Create the instance role ${names.instanceRole}: the app runs as it and may read only that secret`,
      command: [
        `aws iam create-role --role-name ${names.instanceRole} \\\n  --assume-role-policy-document ${q(trust('tasks.apprunner.amazonaws.com'))}`,
        `aws iam put-role-policy --role-name ${names.instanceRole} --policy-name ReadDatabaseUrl \\\n  --policy-document ${q({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArnPattern(s) }],
        })}`,
      ].join('\n'),
    })
  }
  if (!s.existing.accessRole) {
    out.push({
      title: `Create the access role ${names.accessRole}: App Runner pulls the image from ECR with it`,
      command: [
        `aws iam create-role --role-name ${names.accessRole} \\\n  --assume-role-policy-document ${q(trust('build.apprunner.amazonaws.com'))}`,
        `aws iam attach-role-policy --role-name ${names.accessRole} --policy-arn ${ECR_ACCESS_POLICY}`,
      ].join('\n'),
    })
  }
  return out
}

function networkCommands(s: RuntimeSetupSettings, names: RuntimeSetupNames): SetupCommand[] {
  const n = s.network
  const out: SetupCommand[] = []
  // Without a connector group yet, one is created in the database's VPC and carried in $CONNECTOR_SG.
  const connectorSg = n.connectorSecurityGroup ?? '"$CONNECTOR_SG"'
  if (!n.connectorSecurityGroup) {
    out.push({
      title: `Create the connector's security group in the database's VPC`,
      command: `CONNECTOR_SG=$(aws ec2 create-security-group --region ${s.region} --group-name appfactory-apprunner-connector \
  --description 'App Runner VPC connector for ${s.serviceName}' --vpc-id ${n.vpcId ?? '<vpc-id>'} \
  --query GroupId --output text)`,
    })
  }
  if (n.databaseSecurityGroup && !n.databaseAdmitsConnector) {
    out.push({
      title: `Let the connector's security group reach the database on port ${n.databasePort}`,
      command: `aws ec2 authorize-security-group-ingress --region ${s.region} --group-id ${n.databaseSecurityGroup} \\\n  --protocol tcp --port ${n.databasePort} --source-group ${connectorSg}`,
    })
  }
  const connector = s.existing.vpcConnector
  out.push(
    connector
      ? { title: `The VPC connector ${names.vpcConnector} exists already`, command: `CONNECTOR_ARN=${connector.arn}` }
      : {
          title: `Create the VPC connector ${names.vpcConnector} on the database's subnets, with the connector security group`,
          command: `CONNECTOR_ARN=$(aws apprunner create-vpc-connector --region ${s.region} --vpc-connector-name ${names.vpcConnector} \\\n  --subnets ${n.subnets.length > 0 ? n.subnets.join(' ') : '<subnet-id> <subnet-id>'} --security-groups ${connectorSg} \\\n  --query VpcConnector.VpcConnectorArn --output text)`,
        },
  )
  return out
}

function scalingCommand(s: RuntimeSetupSettings, names: RuntimeSetupNames): SetupCommand {
  const a = s.existing.autoScaling
  if (a) return { title: `The auto scaling configuration ${names.autoScaling} exists already`, command: `SCALING_ARN=${a.arn}` }
  const { minSize, maxSize } = appRunnerPlannedSize
  return {
    title: `Create the auto scaling configuration ${names.autoScaling}: ${minSize}–${maxSize} instances`,
    command: `SCALING_ARN=$(aws apprunner create-auto-scaling-configuration --region ${s.region} \\\n  --auto-scaling-configuration-name ${names.autoScaling} --min-size ${minSize} --max-size ${maxSize} \\\n  --query AutoScalingConfiguration.AutoScalingConfigurationArn --output text)`,
  }
}

function serviceCommand(s: RuntimeSetupSettings, names: RuntimeSetupNames): SetupCommand {
  const image = `${s.repositoryUri}:${s.imageSha ?? '<commit-sha>'}`
  const roleArn = (name: string) => `arn:aws:iam::${s.accountId}:role/${name}`
  const source = {
    ImageRepository: {
      ImageIdentifier: image,
      ImageRepositoryType: 'ECR',
      ImageConfiguration: {
        Port: appRunnerPlannedSize.port,
        RuntimeEnvironmentVariables: Object.fromEntries(s.environment.map((e) => [e.name, e.value])),
        RuntimeEnvironmentSecrets: { DATABASE_URL: '@SECRET_ARN@' },
      },
    },
    AutoDeploymentsEnabled: false,
    AuthenticationConfiguration: { AccessRoleArn: roleArn(names.accessRole) },
  }
  const network = { EgressConfiguration: { EgressType: 'VPC', VpcConnectorArn: '@CONNECTOR_ARN@' } }
  const withVariables = (json: string) =>
    json.replace('"@SECRET_ARN@"', `"${splice('SECRET_ARN')}"`).replace('"@CONNECTOR_ARN@"', `"${splice('CONNECTOR_ARN')}"`)
  return {
    title: `Create the service ${s.serviceName} from ${s.imageSha ? `the newest image (${s.imageSha.slice(0, 7)})` : 'an image CI has pushed'}: port ${appRunnerPlannedSize.port}, health check ${s.healthPath}, ${appRunnerPlannedSize.cpu} / ${appRunnerPlannedSize.memory}`,
    command: [
      `SERVICE_ARN=$(aws apprunner create-service --region ${s.region} --service-name ${s.serviceName} \\`,
      `  --source-configuration ${withVariables(q(source))} \\`,
      `  --instance-configuration ${q({ Cpu: appRunnerPlannedSize.cpu, Memory: appRunnerPlannedSize.memory, InstanceRoleArn: roleArn(names.instanceRole) })} \\`,
      `  --health-check-configuration ${q({ Protocol: 'HTTP', Path: s.healthPath })} \\`,
      `  --auto-scaling-configuration-arn "$SCALING_ARN" \\`,
      `  --network-configuration ${withVariables(q(network))} \\`,
      `  --query Service.ServiceArn --output text)`,
      `aws apprunner describe-service --region ${s.region} --service-arn "$SERVICE_ARN" --query Service.Status --output text`,
    ].join('\n'),
  }
}

/** ECS Express Mode: one call that creates the service, its load balancer, scaling and networking. */
function ecsExpressCommand(s: RuntimeSetupSettings): SetupCommand {
  const container = {
    image: `${s.repositoryUri}:${s.imageSha ?? '<commit-sha>'}`,
    containerPort: Number(appRunnerPlannedSize.port),
    environment: s.environment.map((e) => ({ name: e.name, value: e.value })),
    secrets: [{ name: 'DATABASE_URL', valueFrom: s.secret.arn ?? '@SECRET_ARN@' }],
  }
  const primary = q(container).replace('"@SECRET_ARN@"', `"${splice('SECRET_ARN')}"`)
  return {
    title: `Create ${s.serviceName} with ECS Express Mode instead (the task execution role must be allowed to read the secret)`,
    command: [
      `aws ecs create-express-gateway-service --region ${s.region} --service-name ${s.serviceName} \\`,
      `  --execution-role-arn arn:aws:iam::${s.accountId}:role/ecsTaskExecutionRole \\`,
      `  --infrastructure-role-arn arn:aws:iam::${s.accountId}:role/ecsInfrastructureRoleForExpressServices \\`,
      `  --health-check-path ${s.healthPath} --cpu 1024 --memory 2048 \\`,
      `  --scaling-target '{"minTaskCount":${appRunnerPlannedSize.minSize},"maxTaskCount":${appRunnerPlannedSize.maxSize}}' \\`,
      `  --network-configuration ${q({ subnets: s.network.subnets, securityGroups: s.network.connectorSecurityGroup ? [s.network.connectorSecurityGroup] : [] })} \\`,
      `  --primary-container ${primary}`,
    ].join('\n'),
  }
}

export function appRunnerSetupGuide(s: RuntimeSetupSettings, names: RuntimeSetupNames = appRunnerSetupNames): RuntimeSetupGuide {
  return {
    title: `Create the App Runner service ${s.serviceName}`,
    steps: [
      'Run the commands below in order, in one shell (each stores the ARN the next one needs), with credentials of an administrator of the account.',
      'DATABASE_URL goes into Secrets Manager, not into a plain environment variable: anyone who may describe the service could read it there.',
      `Creating the service takes about 5 minutes; this page shows it as in progress and then done, with its URL answering ${s.healthPath}.`,
    ],
    commands: [
      ...secretCommands(s),
      ...roleCommands(s, names),
      ...networkCommands(s, names),
      scalingCommand(s, names),
      serviceCommand(s, names),
    ],
    refusal: {
      title: 'If App Runner refuses this account',
      text:
        'App Runner closed to new customers on 2026-04-30: an account that had not used it before is refused at the first create call (create-vpc-connector or create-service) with an access error saying the account cannot use App Runner. ' +
        'Then create the service with Amazon ECS Express Mode, App Runner’s successor: one call creates the service, an HTTPS load balancer, auto scaling and networking from the same image and secret. The portal reads App Runner today; ECS Express needs its second runtime module.',
      commands: [ecsExpressCommand(s)],
    },
    docs: `${DOCS} · ${ECS_EXPRESS_DOCS}`,
  }
}
