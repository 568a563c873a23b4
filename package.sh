#!/usr/bin/env bash
# Builds the deployable package: artifacts/onboarding.zip (and the same tree unzipped in artifacts/package), laid out
# as the Functions host expects a custom handler: host.json at the root, one folder per function with its
# function.json, and the app published self-contained for Linux x64 in app/ (so the Functions image needs no .NET of
# its own). Needs the .NET 10 SDK and python3 (for a zip that keeps the executable bit). Deploy with docs/DEPLOY.md.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
command -v dotnet >/dev/null || { echo "package: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "package: python3 is required to write the zip" >&2; exit 1; }

out="$root/artifacts/package"
zip="$root/artifacts/onboarding.zip"
rm -rf "$out" "$zip"
mkdir -p "$out"
dotnet publish src/Functions -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=false \
  -o "$out/app" --nologo -v quiet
# Configuration comes from app settings in Azure; the development file holds local sign-in settings only.
rm -f "$out/app/appsettings.Development.json" "$out/app/local.settings.json"
cp host.json "$out/"
for function in functions/*/; do
  name="$(basename "$function")"
  mkdir -p "$out/$name"
  cp "$function/function.json" "$out/$name/"
done
# Entries relative to the package root, file modes kept (the app's executable bit matters on Linux).
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
