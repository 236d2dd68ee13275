#!/usr/bin/env bash
# `npm run bench [-- suite...]`: the benchmarks, in a temporary folder of their own that is removed when
# they end, however they end (a 200,000-case store is about 450 MiB): /tmp is left as it was found.
set -euo pipefail
cd "$(dirname "$0")/.."
run_tmp=$(mktemp -d "${TMPDIR:-/tmp}/acw-bench-run-XXXXXX")
trap 'rm -rf "$run_tmp"' EXIT
export TMPDIR="$run_tmp"
npx tsx test/bench/index.ts "$@"
