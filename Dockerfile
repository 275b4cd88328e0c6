# Verbatim's image: a build stage with the compiler, then a slim runtime with only production dependencies.
#   docker build -t verbatim .
#   docker run --env-file .env -p 8080:8080 verbatim                      (MODE=http)
#   docker run --env-file .env -v "$PWD/content:/app/content:ro" verbatim  (your own interviews)
# test/e2e/production.test.ts runs this file's COPY and RUN steps (npm ci aside) and starts its CMD against
# the fake Discord; test/deploy.test.ts checks the rest.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
# tini as PID 1 forwards SIGTERM to node (which then disconnects cleanly) and reaps shard processes.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# package.json marks the project root, where the lexicon (data/) is found.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY data ./data
# The seed interviews; mount your own folder over /app/content (or point CONTENT_DIR elsewhere).
COPY content ./content
# The usage statistics' SQLite file: the one folder the bot writes, a volume so it outlives the container
# (or set DATABASE_URL to a PostgreSQL, or STATS=off).
ENV DATA_DIR=/var/lib/verbatim
RUN mkdir -p /var/lib/verbatim && chown node:node /var/lib/verbatim
VOLUME /var/lib/verbatim
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/src/cli/healthcheck.js"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--max-semi-space-size=4", "dist/src/main.js"]
