# syntax=docker/dockerfile:1
# The Noticeboard API for production. Build from the repository root:
#   docker build -f docker/api.Dockerfile -t noticeboard-api .
# The image holds the compiled API, its production dependencies, schema.graphql
# and the SQL migrations. The local development issuer (dev-issuer/) and the
# web app are not in it: only their package.json files enter the build stage,
# because `npm ci` checks every workspace of the root lockfile.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY api/package.json api/
COPY dev-issuer/package.json dev-issuer/
COPY web/package.json web/
# The compiler and type packages are root and api dev dependencies.
RUN npm ci --workspace api --include-workspace-root --ignore-scripts --no-audit --no-fund
COPY api/tsconfig.build.json api/
COPY api/src api/src
RUN npm run build -w api

# Production dependencies of the api workspace only. The manifests of the
# other workspaces are left out on purpose, so npm links no dev-issuer or web
# package into node_modules.
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/package.json api/
RUN npm ci --omit=dev --workspace api --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY --from=production-dependencies /app ./
COPY --from=build /app/api/dist api/dist
COPY api/migrations api/migrations
# schema.ts reads the schema from two folders above api/dist/graphql.
COPY schema.graphql ./
# The files stay owned by root and read-only for the app. Only the PGlite
# folder, used when DATABASE_URL is unset, is writable.
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 4000
# Migrations run at start-up inside one transaction that holds a Postgres
# advisory lock, so replicas that start together apply each file once.
# /readyz returns 200 once the database answers and the signing keys load.
# The slim image has no curl, so Node's fetch does the probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "api/dist/main.js"]
