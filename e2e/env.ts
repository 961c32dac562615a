/** Ports, tokens and environment shared by playwright.config.ts, global setup and specs. */
import { authPortalEnv, E2E_PORT_OFFSET } from './auth-env'

// E2E_PORT_OFFSET moves every port the suite listens on, so two checkouts can run it side by side.
const emulatorPort = 4577 + E2E_PORT_OFFSET
const portalPort = 3177 + E2E_PORT_OFFSET
// The emulator verifies the portal's signatures (EMULATOR_CREDENTIALS), as AWS does.
const awsKey = { id: 'AKIAE2EPORTAL0000001', secret: 'e2e-portal-secret-0123456789' }

export const e2eEnv = {
  emulatorURL: `http://127.0.0.1:${emulatorPort}`,
  baseURL: `http://127.0.0.1:${portalPort}`,
  tokens: {
    viewer: 'e2e-viewer-token-0123456789',
    operator: 'e2e-operator-token-0123456789',
    admin: 'e2e-admin-token-0123456789',
  },
  emulator: {
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_SCENARIO: 'healthy',
    // Transitions that take minutes on AWS finish in seconds here.
    EMULATOR_SPEED: '60',
    EMULATOR_CREDENTIALS: `${awsKey.id}:${awsKey.secret}`,
  },
  portal: {
    PORT: String(portalPort),
    HOST: '127.0.0.1',
    AWS_ENDPOINT_URL: `http://127.0.0.1:${emulatorPort}`,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: awsKey.id,
    AWS_SECRET_ACCESS_KEY: awsKey.secret,
    PORTAL_DATA_DIR: './test-results/portal-data',
    PORTAL_LOG_FILE: './test-results/portal.log',
    PORTAL_AWS_TIMEOUT_MS: '2000',
    // Above what the journeys use together; e2e/auth.spec.ts still reaches it within its 200 tries.
    PORTAL_RATE_LIMIT_PER_MINUTE: '120',
    // One token drives every journey, polling included; the read limit itself is unit-tested.
    PORTAL_READ_RATE_LIMIT_PER_MINUTE: '100000',
    // As `npm run demo` does: the journeys sign in with the one-click demo sign-in too.
    PORTAL_DEMO_AUTH: 'on',
    // OIDC against the loopback provider that e2e/auth.spec.ts starts, role mapping, session key.
    ...authPortalEnv(`http://127.0.0.1:${portalPort}`),
    PORTAL_API_TOKENS: [
      'e2e-viewer:viewer:e2e-viewer-token-0123456789',
      'e2e-operator:operator:e2e-operator-token-0123456789',
      'e2e-admin:admin:e2e-admin-token-0123456789',
    ].join(','),
  },
}
