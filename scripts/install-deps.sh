#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Bosun needs to build and test, skipping what is present.
set -euo pipefail
need=()
for pkg in libsqlite3-dev sqlite3 openssl curl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "install-deps: need root to install: ${need[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}"
fi
command -v swift >/dev/null || { echo "install-deps: the Swift 6 toolchain must be on PATH" >&2; exit 1; }
