#!/usr/bin/env bash
# Runs every test: installs missing system libraries, builds, then `swift test`.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh
swift build --build-tests
swift test --skip-build "$@"
