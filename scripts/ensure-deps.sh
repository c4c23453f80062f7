#!/usr/bin/env bash
# Installs what kubetutor needs from the system, if it is missing: libedit-dev, libyaml-dev, zlib1g-dev
# (SPDY header compression for kubectl port-forward), pkg-config,
# busybox-static and bash-static (the programs of the busybox, nginx, alpine and ubuntu images), openssl
# (the API server's CA and certificate are made with it on first start).
# As root it uses apt-get; otherwise sudo (if it can); otherwise it prints the exact command and fails.
set -euo pipefail

packages=(libedit-dev libyaml-dev zlib1g-dev pkg-config busybox-static bash-static openssl)
# One dpkg-query for all of them: this runs before every start.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null | awk '/install ok installed/ {print $1}' || true)
missing=()
for pkg in "${packages[@]}"; do
  grep -qx "$pkg" <<<"$installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "kubetutor needs these system packages: ${missing[*]} (install them with your package manager)" >&2
  exit 1
fi

echo "kubetutor: installing ${missing[*]} ..." >&2
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo)
elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
  run=(sudo)
else
  echo "kubetutor needs: ${missing[*]}. Please run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq >/dev/null
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
