#!/usr/bin/env bash
# `npm test`: installs what the tests need where it can, then runs every check.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages for the device, printer and browser tests; installed only where we are root on Debian.
DEBIAN_PACKAGES="chromium fonts-noto-cjk poppler-utils socat pcscd libpcsclite-dev vsmartcard-vpcd libusb-1.0-0 cups printer-driver-cups-pdf cups-client xvfb"
missing=$(for p in $DEBIAN_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done 2>/dev/null || true)
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test: installing Debian packages: $missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "test: these Debian packages are missing (install them as root): $missing" >&2
  fi
fi

if [ ! -d node_modules/better-sqlite3-multiple-ciphers ]; then
  echo "test: installing the npm tree (npm ci)"
  npm ci
fi

echo "test: type checks (tsconfig.node.json, tsconfig.web.json)"
npx tsc -b
echo "test: lint"
npx eslint .
mkdir -p test-results
echo "test: unit and integration tests (real SQLCipher store)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
echo "test: end-to-end tests of the web host in Debian's Chromium (Playwright)"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "test: Chromium is missing at ${CHROMIUM_PATH:-/usr/bin/chromium}: install the Debian package chromium, or set CHROMIUM_PATH" >&2
  exit 1
fi
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json
node scripts/test-summary.mjs test-results/vitest.json test-results/playwright.json
