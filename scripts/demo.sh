#!/usr/bin/env bash
# A whole upgrade on one machine: `docker compose --profile demo up -d` (see compose.yaml), then
# waits until the demo Payram (1.7.8, http://127.0.0.1:18080) and its updater
# (http://127.0.0.1:2360, execute mode) answer. Stop it all: docker compose --profile demo down -v
set -euo pipefail
cd "$(dirname "$0")/.."

if ! docker info >/dev/null 2>&1; then
  # This project's development machines start their engine with the shared provisioning script.
  if [ -f ../shared/docker/provision.sh ]; then WITH_COMPOSE=1 bash ../shared/docker/provision.sh
  else echo "demo: needs a running Docker engine" >&2; exit 1; fi
fi

if docker compose version >/dev/null 2>&1; then compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then compose=(docker-compose)
else echo "demo: needs Docker Compose (docker compose v2, or docker-compose 1.28+)" >&2; exit 1; fi

"${compose[@]}" --profile demo up -d

wait_for() {
  local url=$1 what=$2
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then echo "demo: $what is up at ${url%/*}"; return 0; fi
    sleep 1
  done
  echo "demo: $what did not answer at $url within 2 minutes" >&2
  "${compose[@]}" --profile demo logs --tail 50 >&2
  exit 1
}
wait_for http://127.0.0.1:18080/api/v1/health 'the demo Payram 1.7.8'
wait_for http://127.0.0.1:2360/health 'its updater'

cat <<'NEXT'
demo: upgrade it to 1.7.9:
  curl -X POST http://127.0.0.1:2360/upgrade -H 'Content-Type: application/json' -d '{"mode":"DASHBOARD","requested_target":"1.7.9"}'
demo: watch it:   curl 'http://127.0.0.1:2360/upgrade/logs?follow=1'
demo: the result: docker exec payram-updater-demo payram-updater status
NEXT
