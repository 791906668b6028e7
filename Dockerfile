# syntax=docker/dockerfile:1
# One image recipe for all five services; pick the service with --build-arg APP=<gateway|ingest|article|comment|feed>.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

FROM node:20-alpine AS runtime
ARG APP
RUN test -n "$APP" || (echo "build with --build-arg APP=<gateway|ingest|article|comment|feed>" >&2 && exit 1)
ENV NODE_ENV=production \
    APP=${APP}
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
# exec: node replaces the shell, so it receives SIGTERM from `docker stop` and shuts down gracefully.
CMD ["sh", "-c", "exec node dist/apps/${APP}/src/main.js"]
