#!/usr/bin/env bash
# Starts kubetutor: installs missing system libraries, builds when a source changed, and opens the shell.
# Arguments are passed to kubetutor (e.g. ./run.sh --workers 3).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh
bin=.build/debug/kubetutor
stamp=.build/kubetutor-sources.stamp
# `swift build` costs about 4 s even when nothing changed: skip it unless a source is newer than the
# last successful build.
if [ ! -x "$bin" ] || [ ! -x .build/debug/kubetutor-init ] || [ ! -e "$stamp" ] ||
   [ -n "$(find Sources Package.swift -newer "$stamp" -print -quit)" ]; then
  if [ -x "$bin" ]; then
    echo "kubetutor: sources changed, building ..." >&2
  else
    echo "kubetutor: building (the first build takes a few minutes) ..." >&2
  fi
  mkdir -p .build
  started="$stamp.new"
  touch "$started"  # edits made during the build still count as changes next time
  scripts/quiet-build.sh >&2
  mv "$started" "$stamp"
fi
# A crash prints its backtrace and exits; Swift's backtracer would otherwise wait 30 s for input on
# the learner's terminal.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-interactive=no}"
exec "$bin" "$@"
