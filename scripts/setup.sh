#!/usr/bin/env bash
# Installs what the app and its tests need into the repository itself: Azurite from npm
# (tools/azurite/node_modules, pinned by its package-lock.json) and the NuGet packages.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
command -v node >/dev/null || { echo "setup: Node.js 20 with npm is required for Azurite" >&2; exit 1; }

stamp=tools/azurite/node_modules/.installed-from-lock
if [ ! -f "$stamp" ] || ! cmp -s tools/azurite/package-lock.json "$stamp"; then
  echo "setup: installing Azurite into tools/azurite"
  npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error
  cp tools/azurite/package-lock.json "$stamp"
fi

dotnet restore Onboarding.sln --verbosity quiet
