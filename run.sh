#!/usr/bin/env bash
# Starts kubetutor: installs missing system libraries, builds, and opens the shell.
# Arguments are passed to kubetutor (e.g. ./run.sh --workers 3).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh
echo "kubetutor: building (the first build takes a few minutes) ..." >&2
swift build -q >&2
exec .build/debug/kubetutor "$@"
