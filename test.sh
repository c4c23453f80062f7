#!/usr/bin/env bash
# Runs every test: installs missing system libraries, builds, then `swift test` (XCTest).
# Ends with a plain summary line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh
scripts/quiet-build.sh --build-tests
# The Python client test's interpreter (a virtualenv with `kubernetes` from PyPI).
KUBETUTOR_TEST_PYTHON=$(scripts/ensure-python.sh)
export KUBETUTOR_TEST_PYTHON
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
swift test --skip-build --disable-swift-testing "$@" 2>&1 | tee "$log" || status=$?
summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?" "$log" | tail -n 1 || true)
if [ -n "$summary" ]; then
  total=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
  failed=$(sed -E 's/.* ([0-9]+) failures? .*/\1/' <<<"$summary")
  skipped=0
  if grep -q "skipped" <<<"$summary"; then skipped=$(sed -E 's/.*with ([0-9]+) tests? skipped.*/\1/' <<<"$summary"); fi
  if [[ $total =~ ^[0-9]+$ && $failed =~ ^[0-9]+$ && $skipped =~ ^[0-9]+$ ]]; then
    echo "$((total - failed - skipped)) passed, $failed failed, $skipped skipped"
  fi
fi
exit "$status"
