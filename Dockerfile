# One image for api, jobs and web; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY jobs/package.json jobs/
COPY web/package.json web/
COPY bench/package.json bench/
COPY packages/ packages/
RUN npm ci --no-audit --no-fund
# .dockerignore keeps .env and .keyport/ (keyrings) out: api and web run this image too
COPY . .
# the dashboard's /graphql route reads KEYPORT_API_URL at request time; this is only its default
ENV KEYPORT_API_URL=http://api:4000/graphql
RUN npm run build -w @keyport/web
USER node
