#!/usr/bin/env bash
# What a fresh machine lacks for the browser tests and the local database, from Debian's packages:
# Chromium for Playwright (browsers cannot be downloaded here) and an Arabic font so screenshots
# show real text. Safe to run again: it installs only what is missing.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans Arabic' || missing+=(fonts-noto-ui-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "--- installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The local PostgreSQL (the machine starts it; start it again if it has stopped).
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  echo "--- starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
