# One image for the API and the workers (they differ by command). Runs TypeScript sources
# with tsx, as in development; see docs/decisions/0005-typescript-source-packages.md.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production TURBO_TELEMETRY_DISABLED=1
COPY . .
RUN npx --yes pnpm@10.34.8 install --frozen-lockfile
EXPOSE 3000
CMD ["npx", "--yes", "pnpm@10.34.8", "--filter", "@agora/platform-api", "start"]
