# syntax=docker/dockerfile:1
# The API image: builds the API and the H5 app, ships only what runs. Build from the repository root:
#   docker build -f docker/api.Dockerfile -t wuyetong/api .
FROM node:20-bookworm-slim AS build
WORKDIR /src
# better-sqlite3 compiles from source (npm 11 runs its install script because package.json allows it).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY apps/api/package.json apps/api/
COPY libs/contracts/package.json libs/contracts/
COPY miniapp/package.json miniapp/
COPY e2e/package.json e2e/
RUN npm ci
COPY apps/api apps/api
COPY libs/contracts libs/contracts
COPY miniapp miniapp
COPY scripts scripts
ENV NX_DAEMON=false NX_NO_CLOUD=true
RUN npx nx run-many -t build -p @wuye/contracts @wuye/api --outputStyle=stream \
 && npx nx run @wuye/miniapp:build:h5 --outputStyle=stream

# Production dependencies of the API alone (no Taro, no test tools).
FROM node:20-bookworm-slim AS deps
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY libs/contracts/package.json libs/contracts/
COPY miniapp/package.json miniapp/
COPY e2e/package.json e2e/
RUN npm ci --omit=dev --workspace @wuye/api --workspace @wuye/contracts --include-workspace-root=false

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data WEB_ROOT=/app/web
WORKDIR /app
COPY --from=deps /src/node_modules node_modules
COPY --from=build /src/libs/contracts/package.json libs/contracts/package.json
COPY --from=build /src/libs/contracts/dist libs/contracts/dist
COPY --from=build /src/apps/api/package.json apps/api/package.json
COPY --from=build /src/apps/api/dist apps/api/dist
COPY --from=build /src/miniapp/dist/h5 web
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM lets in-flight requests finish (see README, Operations).
STOPSIGNAL SIGTERM
# nodeFlags of apps/api/package.json: a young generation of 32 MB (README, Operations).
CMD ["node", "--max-semi-space-size=32", "apps/api/dist/main.js"]
