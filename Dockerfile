# The console in a container (issue 17). NOT BUILT OR RUN HERE: the machines this project is made on
# have no Docker. See docs/deploy.md ("Containers") for what it is meant to do and what is tested.
FROM node:22-bookworm-slim AS build
# better-sqlite3 compiles from source where no prebuilt binary matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npx --yes pnpm@12.4.2 install --frozen-lockfile && npx --yes pnpm@12.4.2 build

FROM node:22-bookworm-slim
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data SANDBOX=off
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:8080/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# SIGTERM reaches node directly (no shell): it drains, releases run leases and exits within ~10 s.
STOPSIGNAL SIGTERM
CMD ["node", "server/dist/main.mjs"]
