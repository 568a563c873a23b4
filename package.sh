#!/usr/bin/env bash
# Builds the deployable package: the .NET isolated Functions app published for Azure (functions.metadata,
# worker.config.json, extensions.json, .azurefunctions/, host.json) in artifacts/package, zipped as
# artifacts/onboarding.zip. Needs the .NET 10 SDK and python3 (for the zip). Deploy with docs/DEPLOY.md.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
command -v dotnet >/dev/null || { echo "package: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "package: python3 is required to write the zip" >&2; exit 1; }

out="$root/artifacts/package"
zip="$root/artifacts/onboarding.zip"
rm -rf "$out" "$zip"
mkdir -p "$out"
dotnet publish src/Functions -c Release -o "$out" --nologo -v quiet
# Entries relative to the package root, as the Functions host expects them.
python3 - "$out" "$zip" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            package.write(path, os.path.relpath(path, source))
PY
echo "package: artifacts/onboarding.zip ($(du -h "$zip" | cut -f1))"
