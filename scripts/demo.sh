#!/usr/bin/env bash
# A whole upgrade on one machine: a demo Payram (the data-dummy image, version 1.7.8, on
# 127.0.0.1:18080) and the updater beside it in execute mode on 127.0.0.1:2359.
# Then: curl -X POST http://127.0.0.1:2359/upgrade -H 'Content-Type: application/json' \
#         -d '{"mode":"DASHBOARD","requested_target":"1.7.9"}'
set -euo pipefail
cd "$(dirname "$0")/.."

if ! docker info >/dev/null 2>&1; then
  if [ -f ../shared/docker/provision.sh ]; then bash ../shared/docker/provision.sh
  else echo "demo: needs a running Docker engine" >&2; exit 1; fi
fi
[ -d node_modules ] || npm ci --no-audit --no-fund

export DOCKER_BUILDKIT=0
for version in 1.7.8 1.7.9; do
  echo "demo: building payram-demo/payram:$version from data-dummy/"
  docker build -q --build-arg VERSION="$version" -t "payram-demo/payram:$version" data-dummy >/dev/null
done

mkdir -p .state/demo-db
# The demo Payram's password lives in a file, never on a command line.
if [ ! -f .state/demo-payram.env ]; then
  umask 077
  printf 'POSTGRES_PASSWORD=%s\n' "$(head -c 18 /dev/urandom | base64 | tr -d '/+=')" >.state/demo-payram.env
fi
if ! docker inspect payram-demo >/dev/null 2>&1; then
  docker run -d --name payram-demo --restart unless-stopped -p 127.0.0.1:18080:8080 \
    --env-file .state/demo-payram.env -v "$PWD/.state/demo-db:/var/lib/payram/db/postgres" \
    payram-demo/payram:1.7.8 >/dev/null
  echo "demo: payram-demo 1.7.8 started on http://127.0.0.1:18080"
fi

echo "demo: starting the updater on http://127.0.0.1:2359 (Ctrl-C to stop; docker rm -f payram-demo to clean up)"
exec npx tsx src/cli/bin.ts serve --env-file data/demo.env
