// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  // Native or Node-only packages, and those whose one instance every route bundle must share (the
  // store's query builder, the metrics registry): loaded from node_modules, not bundled.
  serverExternalPackages: ['better-sqlite3', 'pg', 'kysely', 'prom-client', 'pino'],
}

module.exports = nextConfig
