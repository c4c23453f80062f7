#!/usr/bin/env bash
# Makes the virtualenv the client tests use (.venv-tests, from PyPI: the official `kubernetes`
# client) when it is missing, and prints its python. Prints nothing (and the tests skip, saying why)
# when no virtualenv can be made.
set -uo pipefail
cd "$(dirname "$0")/.."
venv=.venv-tests
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import kubernetes" 2>/dev/null; then
  python3 -m venv "$venv" >/dev/null 2>&1 || { echo "kubetutor tests: cannot make a virtualenv (apt-get install python3-venv)" >&2; exit 0; }
  "$venv/bin/pip" install -q --disable-pip-version-check "kubernetes>=31,<33" >/dev/null 2>&1 \
    || { echo "kubetutor tests: cannot install the kubernetes client from PyPI" >&2; exit 0; }
fi
echo "$PWD/$venv/bin/python"
