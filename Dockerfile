# syntax=docker/dockerfile:1.7
#
# One image, three services:
#   kremna-api        REST API + dashboard + widget files   (default CMD; also `migrate`, `openapi`)
#   kremna-realtime   Socket.IO node
#   kremna-worker     background jobs
#
#   docker build -t kremna:0.1.0 .
#   docker run --rm kremna:0.1.0 kremna-api openapi
#
# Needs BuildKit (the default builder since Docker 23) for the cache mounts.
# docs/deploy.md describes how the image is run (compose, Helm).

ARG RUST_VERSION=1.95
ARG NODE_VERSION=20
ARG DEBIAN_RELEASE=bookworm

# ---------------------------------------------------------------------------
# Rust: the three service binaries.
# ---------------------------------------------------------------------------
FROM rust:${RUST_VERSION}-${DEBIAN_RELEASE} AS rust-builder
WORKDIR /src
# Only what cargo reads, so a change to the dashboard or the docs does not rerun this
# stage. .cargo/config.toml sets SQLX_OFFLINE (no database at build time); migrations/
# is embedded by sqlx::migrate!; testing/ and bench/analytics hold workspace members
# (fake-mistral, the test stack, the analytics benchmark) that cargo must see even
# though they are not built here.
COPY Cargo.toml Cargo.lock ./
COPY .cargo ./.cargo
COPY migrations ./migrations
COPY shared ./shared
COPY api ./api
COPY realtime ./realtime
COPY worker ./worker
COPY testing ./testing
COPY bench/analytics ./bench/analytics
# target/ lives in a cache mount, so the binaries are copied out in the same step.
RUN --mount=type=cache,id=kremna-cargo-registry,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,id=kremna-cargo-git,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,id=kremna-cargo-target,target=/src/target,sharing=locked \
    cargo build --release --locked --bins \
        -p kremna-api -p kremna-realtime -p kremna-worker \
 && mkdir -p /out \
 && cp target/release/kremna-api target/release/kremna-realtime target/release/kremna-worker /out/

# ---------------------------------------------------------------------------
# Node: the embeddable widget and the dashboard (two stages, built in parallel).
# ---------------------------------------------------------------------------
FROM node:${NODE_VERSION}-${DEBIAN_RELEASE}-slim AS widget-builder
WORKDIR /web/widget
COPY widget/package.json widget/package-lock.json ./
RUN --mount=type=cache,id=kremna-npm,target=/root/.npm,sharing=locked \
    npm ci --no-audit --no-fund
COPY widget ./
RUN npm run build

FROM node:${NODE_VERSION}-${DEBIAN_RELEASE}-slim AS dashboard-builder
WORKDIR /web/frontend
# The dashboard's API types may be generated from the committed spec (../api/openapi.json).
COPY api/openapi.json /web/api/openapi.json
COPY frontend/package.json frontend/package-lock.json ./
RUN --mount=type=cache,id=kremna-npm,target=/root/.npm,sharing=locked \
    npm ci --no-audit --no-fund
COPY frontend ./
RUN npm run build

# ---------------------------------------------------------------------------
# Runtime: slim Debian, non-root, no shell tools beyond the base image's.
# ---------------------------------------------------------------------------
FROM debian:${DEBIAN_RELEASE}-slim AS runtime
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="kremna" \
      org.opencontainers.image.description="Kremna: self-hostable AI chat-assistant platform (api, realtime, worker)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="AGPL-3.0-only"

# ca-certificates: TLS to Mistral, managed Postgres and Redis. Nothing else: container
# health checks use bash's /dev/tcp (see docker-compose.yml), Kubernetes uses httpGet.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 kremna \
 && useradd --system --uid 10001 --gid 10001 --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin kremna

COPY --from=rust-builder /out/ /usr/local/bin/
COPY --from=dashboard-builder /web/frontend/dist /app/frontend/dist
COPY --from=widget-builder /web/widget/dist /app/widget/dist

WORKDIR /app
ENV HOST=0.0.0.0 \
    PORT=3000 \
    REALTIME_PORT=3001 \
    WORKER_HEALTH_PORT=3002 \
    DASHBOARD_DIR=/app/frontend/dist \
    WIDGET_DIR=/app/widget/dist
EXPOSE 3000 3001 3002

# Numeric, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 10001:10001
STOPSIGNAL SIGTERM
CMD ["kremna-api"]
