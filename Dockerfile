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
COPY . .
# Next bakes the /graphql rewrite target into the build
ARG KEYPORT_API_URL=http://api:4000/graphql
ENV KEYPORT_API_URL=$KEYPORT_API_URL
RUN npm run build -w @keyport/web
USER node
