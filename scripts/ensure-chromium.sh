#!/usr/bin/env bash
# The UI tests and the demo drive Debian's Chromium (Playwright's own browser download cannot
# work offline). Install it when missing; only root can, anyone else is told how.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing: run 'sudo apt-get install -y chromium' first." >&2
  exit 1
fi
echo "installing Chromium from Debian's packages…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null
