# syntax=docker/dockerfile:1
# One image for every mjq service; the command picks which one runs (docker-compose.yml):
#   node services/api/dist/main.js | services/dispatcher/… | services/listener/… | services/sandbox/…
#   node stack/dist/main.js  (everything in one process, the default)

FROM node:20-bookworm-slim AS build
RUN npm install -g pnpm@10.34.9
WORKDIR /src
# Dependencies by lockfile alone: this layer is reused until pnpm-lock.yaml changes. The patches
# pnpm-workspace.yaml names (patchedDependencies) come with it: pnpm refuses to fetch without them.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
COPY patches patches
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline && node scripts/build.mjs
# Production dependencies only: a fresh install without the devDependencies (tsc, tsoa, vitest…).
RUN rm -rf node_modules packages/*/node_modules services/*/node_modules stack/node_modules tests \
 && CI=true pnpm install --prod --frozen-lockfile --offline

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json /src/pnpm-workspace.yaml ./
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/packages packages
COPY --from=build /src/services services
COPY --from=build /src/stack stack
# The image store's volume (IMAGE_STORE_DIR): a named volume starts with this owner.
RUN mkdir -p /data/images && chown node:node /data/images
# The code stays root's (read-only to the service); the service runs as `node`.
USER node
EXPOSE 8062 8090
# Node itself is PID 1 only without an init: compose runs every service with `init: true`, so
# signals reach Node through tini; each service stops gracefully on SIGTERM (runUntilSignal).
STOPSIGNAL SIGTERM
CMD ["node", "stack/dist/main.js"]
