# syntax=docker/dockerfile:1
# ohlcv-wss in a container: build the workspace, then copy only the server and its production
# dependencies (pnpm deploy) into a slim runtime image that runs as the unprivileged `node` user.
#   docker build -t ohlcv-wss .
#   docker run -p 8765:8765 -p 8766:8766 -e OHLCV_WSS_TOKEN=$(openssl rand -hex 24) ohlcv-wss
# See docs/deploy.md.

FROM node:20-bookworm AS build
RUN npm install -g pnpm@12.4.2
WORKDIR /src
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm build \
 && pnpm --filter @ohlcv/wss deploy --prod --legacy /out

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    OHLCV_WSS_HOST=0.0.0.0 \
    OHLCV_WSS_PORT=8765 \
    OHLCV_HEALTH_PORT=8766
WORKDIR /app
COPY --from=build --chown=node:node /out /app
USER node
EXPOSE 8765 8766
# Liveness from inside the container: /health answers 200 while the event loop runs.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.OHLCV_HEALTH_PORT||8766)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Binding 0.0.0.0 needs OHLCV_WSS_TOKEN (the server refuses a remote bind without one).
ENTRYPOINT ["node", "/app/dist/cli.js"]
