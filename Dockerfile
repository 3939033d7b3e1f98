# syntax=docker/dockerfile:1
# Build stage: full install (native better-sqlite3 is compiled here), generated
# Prisma clients, src/ transpiled to dist/ (scripts/build.js, as npm install does).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY bin ./bin
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json ./
COPY src ./src
# Scripts are run explicitly, whatever the npm version's policy: only the native
# SQLite driver and esbuild need theirs, and Prisma's download hooks must not run.
RUN npm ci --ignore-scripts \
 && npm rebuild better-sqlite3 esbuild \
 && npm run build \
 && npm prune --omit=dev --ignore-scripts

# Run stage: production dependencies only, as an unprivileged user. Debian's Chromium
# prints the PDF reports (src/reports/chromium.ts); Ura never downloads a browser.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATABASE_URL=file:/data/ura.db DATA_DIR=/data
RUN apt-get update && apt-get install -y --no-install-recommends chromium && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/scripts/build.js ./scripts/build.js
COPY package.json ./
COPY prisma/migrations ./prisma/migrations
COPY locales ./locales
COPY flows ./flows
COPY directory ./directory
COPY public ./public
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# `start` applies pending migrations before it serves. Without src/ in the image,
# bin/ura.js runs dist/ as built and never tries to rebuild it.
CMD ["node", "bin/ura.js", "start"]
