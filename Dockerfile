# syntax=docker/dockerfile:1
# AppFactory Portal as a container image. Build: `docker build -t appfactory-portal .`
# Run:   docker run -p 3000:3000 -v portal-data:/app/data -e AWS_REGION=eu-central-1 … appfactory-portal
# (README: "Run it as a container"). The image holds only the runtime folder that
# scripts/runtime-folder.mjs assembles — the same folder the test suite starts on its own.

# The supported Node.js major: package.json `engines` and .nvmrc say the same (a unit test checks).
ARG NODE_VERSION=24

# ---- build: the full toolchain and every dependency, never shipped ----
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# No install scripts: the native parts the build and the server need (Next's compiler, Tailwind's
# engine, better-sqlite3) ship prebuilt; the ones with scripts serve only the tests.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && node scripts/runtime-folder.mjs /runtime

# ---- runtime: Node, the standalone server and the node_modules it traced; nothing else ----
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    HOST=0.0.0.0 \
    PORT=3000 \
    PORTAL_DATA_DIR=/app/data
WORKDIR /app
COPY --from=build --chown=node:node /runtime ./
# The SQLite store lives here unless PORTAL_DATABASE_URL points at PostgreSQL; keep it on a volume.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop, ECS, App Runner) lets requests in progress finish, then exits.
CMD ["node", "portal-server.mjs"]
