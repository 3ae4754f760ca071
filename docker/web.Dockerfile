# syntax=docker/dockerfile:1
# The Noticeboard web app for production: the Vite build served by nginx.
# Build from the repository root:
#   docker build -f docker/web.Dockerfile -t noticeboard-web .
# One image serves every environment: entrypoint.sh writes /config.json from
# AUTH0_DOMAIN or AUTH0_ISSUER, AUTH0_CLIENT_ID, AUTH0_AUDIENCE and API_URL at
# each start, and puts the issuer and API origins into the CSP.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG NGINX_BASE_IMAGE=debian:bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY api/package.json api/
COPY dev-issuer/package.json dev-issuer/
COPY web/package.json web/
# The build needs no install script: the native binaries of Vite's bundler
# come as optional platform packages. TypeScript is a root dev dependency.
RUN npm ci --workspace web --include-workspace-root --ignore-scripts --no-audit --no-fund
COPY web web
RUN npm run build -w web

# Debian bookworm's nginx package, which the smoke tests also run, on the same
# Debian release as the Node image.
FROM ${NGINX_BASE_IMAGE} AS runtime
RUN apt-get update \
  && apt-get install -y --no-install-recommends nginx \
  && rm -rf /var/lib/apt/lists/*
COPY docker/web/nginx.conf.template docker/web/security-headers.conf.template /etc/noticeboard/nginx/
COPY --chmod=755 docker/web/entrypoint.sh /usr/local/bin/noticeboard-web-entrypoint
COPY --from=build /app/web/dist /usr/share/noticeboard/web
ENV NGINX_LISTEN=8080 \
    WEB_ROOT=/usr/share/noticeboard/web \
    NGINX_RUNTIME_DIR=/tmp/nginx \
    NGINX_TEMPLATE_DIR=/etc/noticeboard/nginx
# www-data is the unprivileged user of Debian's nginx package. It needs write
# access only to NGINX_RUNTIME_DIR, under /tmp.
USER www-data
EXPOSE 8080
# The image has neither curl nor Node, so bash's /dev/tcp sends the request.
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${NGINX_LISTEN##*:} && printf 'GET /config.json HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# SIGQUIT makes nginx finish the requests in flight; SIGTERM would cut them.
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/usr/local/bin/noticeboard-web-entrypoint"]
