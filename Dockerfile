# cpd-import service image (API, worker and CLI). Build: docker build -t cpd-import .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
COPY bench ./bench
# the records grid of the review page (typed, built by vite into dist/web)
COPY web ./web
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# LibreOffice (Writer and Calc, no GUI) converts .doc, .xls, .rtf, .odt and .ods before they are read
# (src/pipeline/convert.ts); without it those formats are refused, saying how to enable conversion.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# SQL migrations are read from src/store/migrations at start
COPY --from=build /app/src/store/migrations ./src/store/migrations
# the review page's script and stylesheet are read from src/http/page at start
COPY --from=build /app/src/http/page ./src/http/page
USER node
EXPOSE 3000
CMD ["node", "dist/src/server.js"]
