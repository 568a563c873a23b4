#!/usr/bin/env bash
# Records the orchestration histories the replay test checks (tests/Functions.Tests/Histories/v{N}/): runs today's
# code on Azurite, one local host per orchestration version, through whole lives, and saves each instance's history.
# Run after bumping defaultVersion (docs/DEPLOY.md, "Changing the workflow"), then commit the new folder.
set -euo pipefail
cd "$(dirname "$0")/.."
PATHFINDER_RECORD_HISTORIES=1 dotnet test tests/Functions.Tests -c Release \
  --filter "FullyQualifiedName~Histories.HistoryRecorder" "$@"
git status --short tests/Functions.Tests/Histories
