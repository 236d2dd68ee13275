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

# Whatever the run writes to a temporary folder (the tests' stores and sockets, the tools' caches) goes
# to a folder of its own, removed when the run ends however it ends: /tmp is left as it was found.
# Others may pass through it (CUPS's filters run as lp), not list it.
run_tmp=$(mktemp -d "${TMPDIR:-/tmp}/acw-test-run-XXXXXX")
chmod 711 "$run_tmp"
trap 'rm -rf "$run_tmp"' EXIT
export TMPDIR="$run_tmp"

# Every check runs, whatever the one before it did, and the closing line counts what failed: a check
# that fails (type checks, lint) counts as one failure, and so does a runner that fails outside its
# tests or ends without its report.
checks_failed=0
check() {
  echo "test: $1"
  shift
  if ! "$@"; then checks_failed=$((checks_failed + 1)); fi
}
runner() {
  echo "test: $1"
  shift
  local code=0
  "$@" || code=$?
  runner_codes+=("$code")
}
runner_codes=()

mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json
check "type checks (tsconfig.node.json, tsconfig.web.json, tsconfig.e2e.json)" npx tsc -b
check "lint" npx eslint .
check "layers of the core (dependency-cruiser)" node scripts/check-layers.mjs
runner "unit and integration tests (real SQLCipher store)" \
  npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  runner "end-to-end tests of the web host in Debian's Chromium (Playwright)" \
    env PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json
else
  echo "test: Chromium is missing at ${CHROMIUM_PATH:-/usr/bin/chromium}: install the Debian package chromium, or set CHROMIUM_PATH" >&2
  runner_codes+=(1)
fi
node scripts/test-summary.mjs --checks-failed "$checks_failed" \
  "test-results/vitest.json:${runner_codes[0]}" "test-results/playwright.json:${runner_codes[1]}"
