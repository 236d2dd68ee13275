#!/usr/bin/env bash
# `npm test`: installs what the tests need where it can, then runs every check.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages for the device, printer and browser tests.
bash scripts/debian-packages.sh

if [ ! -d node_modules/better-sqlite3-multiple-ciphers ]; then
  echo "test: installing the npm tree (npm ci)"
  npm ci
fi
# The PC/SC binding is optional (it compiles against libpcsclite-dev), and npm leaves out an optional
# package whose build failed: when the first install ran before the Debian packages were there, install
# it now, at the locked version, without touching package.json or the lock.
if [ ! -f node_modules/@pokusew/pcsclite/build/Release/pcsclite.node ] && dpkg -s libpcsclite-dev >/dev/null 2>&1; then
  version=$(node -p "require('./package-lock.json').packages['node_modules/@pokusew/pcsclite'].version")
  echo "test: installing the PC/SC binding (@pokusew/pcsclite@$version)"
  npm install --no-save --no-audit --no-fund "@pokusew/pcsclite@$version"
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
