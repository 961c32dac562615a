// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  // better-sqlite3 and pino are native/Node-only; keep them out of the server bundle.
  serverExternalPackages: ['better-sqlite3', 'pino'],
}

module.exports = nextConfig
