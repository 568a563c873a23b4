#!/usr/bin/env bash
# Builds the deployable package: artifacts/onboarding.zip, laid out as the Functions host expects a
# custom handler: host.json at the root, one folder per function with its function.json, and the app
# published self-contained for Linux x64 in app/ (so the Functions image needs no .NET of its own).
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
scripts/setup.sh

out="$root/artifacts/package"
rm -rf "$out" "$root/artifacts/onboarding.zip"
mkdir -p "$out"
dotnet publish src/Functions -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=false \
  -o "$out/app" --nologo -v quiet
# Configuration comes from app settings in Azure; the development file holds local sign-in settings only.
rm -f "$out/app/appsettings.Development.json"
cp host.json "$out/"
cp -r functions/* "$out/"
# Entries relative to the package root, file modes kept (the app's executable bit matters on Linux).
python3 - "$out" "$root/artifacts/onboarding.zip" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
    for folder, _, files in os.walk(source):
        for name in sorted(files):
            path = os.path.join(folder, name)
            package.write(path, os.path.relpath(path, source))
PY
echo "package: artifacts/onboarding.zip ($(du -h artifacts/onboarding.zip | cut -f1))"
