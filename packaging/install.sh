#!/usr/bin/env bash
# Installs or upgrades payram-updater on this host, from this checkout:
#   the image payram-updater:<version>, /etc/payram/updater.env (kept when present),
#   the systemd unit, and the host wrapper /usr/local/bin/payram-updater.
# With DESTDIR set, only stages the files under it (no image build, no systemctl), as
# package builds do.
set -euo pipefail
cd "$(dirname "$0")/.."

destdir="${DESTDIR:-}"
version="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' package.json)"
image="payram-updater:${version}"
unit="$destdir/etc/systemd/system/payram-updater.service"
envfile="$destdir/etc/payram/updater.env"
active_states='POLICY_FETCHING|MANIFEST_FETCHING|BACKING_UP|EXECUTING|VERIFYING'

say() { echo "install: $*"; }
die() { echo "install: $*" >&2; exit 1; }

if [ -z "$destdir" ]; then
  [ "$(id -u)" = 0 ] || die "run as root (it writes /etc and talks to Docker and systemd)"
  docker info >/dev/null 2>&1 || die "Docker is not running"
  command -v systemctl >/dev/null || die "systemd is needed; without it use: docker compose up -d"
  if systemctl is-active --quiet payram-updater; then
    state="$(payram-updater status --json 2>/dev/null | sed -n 's/.*"state": *"\([A-Z_]*\)".*/\1/p' | head -1)"
    if [[ "$state" =~ ^($active_states)$ ]]; then
      die "an upgrade job is running ($state); install again once it has ended"
    fi
  fi
  say "building $image"
  docker build -t "$image" .
fi

install -d -m 0755 "$destdir/var/lib/payram" "$destdir/var/log/payram" "$destdir/etc/payram" \
  "$destdir/etc/systemd/system" "$destdir/usr/local/bin"
if [ -e "$envfile" ]; then
  say "keeping $envfile"
else
  install -m 0600 packaging/examples/updater.env.example "$envfile"
  say "wrote $envfile from the example"
fi
install -m 0755 packaging/bin/payram-updater "$destdir/usr/local/bin/payram-updater"
sed "s|^Environment=PAYRAM_UPDATER_IMAGE=.*|Environment=PAYRAM_UPDATER_IMAGE=$image|" \
  packaging/systemd/payram-updater.service >"$unit"
chmod 0644 "$unit"
say "installed the unit for $image and the wrapper"
[ -z "$destdir" ] || exit 0

systemctl daemon-reload
if grep -Eq '^(POLICY_URL|RUNTIME_MANIFEST_URL)=$' "$envfile"; then
  say "set POLICY_URL and RUNTIME_MANIFEST_URL in $envfile, then:"
  say "  systemctl enable --now payram-updater"
  exit 0
fi
systemctl enable payram-updater
systemctl restart payram-updater
say "started; check it with: payram-updater status"
