# payram-updater: runs beside Payram with /var/run/docker.sock and its state volumes mounted.
# Built on the provisioned node:20-bookworm-slim (the only image here that trusts npm's proxy).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
# A young generation of at most 2 MB per semi-space instead of 16: the daemon mostly idles
# between status polls, and the larger one, filled once while modules load, stays resident
# (about 14 MB of the idle RSS; under 100 connections the status throughput did not change).
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=2 \
    STATE_DIR=/var/lib/payram \
    LOG_DIR=/var/log/payram
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
# The bundled policy and manifest serve the demo; real installs point at Payram's URLs.
COPY data/upgrade-policy.json data/runtime-manifest.json ./data/
RUN chmod 755 dist/src/cli/bin.js && ln -s /app/dist/src/cli/bin.js /usr/local/bin/payram-updater \
 && mkdir -p /var/lib/payram /var/log/payram
VOLUME ["/var/lib/payram", "/var/log/payram"]
EXPOSE 2359
# The CLI finds the daemon's port as operators' commands do (environment or /etc/payram/updater.env).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["payram-updater", "health"]
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="payram-updater" \
      org.opencontainers.image.description="Safe, rollback-capable upgrades of a self-hosted Payram container" \
      org.opencontainers.image.version=$VERSION \
      org.opencontainers.image.licenses="UNLICENSED"
ENTRYPOINT ["payram-updater"]
CMD ["serve"]
