import 'server-only'

/*
 * What the AWS setup document plans for the app and the portal names after it (docs/aws-setup.md):
 * the app's environment besides DATABASE_URL, the secret DATABASE_URL goes into, and how long RDS
 * and App Runner usually take. Product configuration, not data: every value the setup page shows
 * about the account comes from AWS.
 */

/** The app's environment variables as the document lists them (DATABASE_URL apart: it is a secret). */
export const documentedEnvironment = [
  { name: 'NODE_ENV', value: 'production' },
  { name: 'PORT', value: '3000' },
  { name: 'LOG_LEVEL', value: 'info' },
  { name: 'DB_POOL_MAX', value: '20' },
] as const

/** The Secrets Manager secret that holds DATABASE_URL. */
export const databaseUrlSecretName = 'appfactory/database-url'

/** The database the app connects to inside the instance (the document's connection string). */
export const databaseName = 'postgres'

/** How long AWS usually takes, in minutes (the document: RDS "takes 5-10 minutes"). */
export const typicalMinutes = {
  databaseCreate: { low: 5, high: 10 },
  serviceCreate: { low: 4, high: 8 },
  deployment: { low: 3, high: 6 },
} as const

/** `DATABASE_URL` for an endpoint, with the password left out: the reader types it where it says so. */
export const databaseUrlFor = (user: string, endpoint: { address: string; port: number }) =>
  `postgresql://${user}:<password>@${endpoint.address}:${endpoint.port}/${databaseName}`
