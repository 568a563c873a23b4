#!/usr/bin/env bash
# Runs the benchmarks and prints their figures (see README "Benchmarks"). Installs what they need first.
#   ./bench.sh            every benchmark
#   ./bench.sh durable    the orchestration runtime on Azurite (optional count, default 1000)
#   ./bench.sh wave       announcing a wave of approved applications (optional count, default 300)
#   ./bench.sh intake     Word forms emailed to the webhook, one with a 25 MB attachment (optional count, default 200)
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
scripts/setup.sh
which="${1:-all}"
shift || true
if [ "$which" = all ] || [ "$which" = durable ]; then
  dotnet run -c Release --project benchmarks/Durable.Benchmarks -- "$@"
fi
if [ "$which" = all ] || [ "$which" = wave ]; then
  dotnet run -c Release --project benchmarks/Programme.Benchmarks -- "$@"
fi
if [ "$which" = all ] || [ "$which" = intake ]; then
  dotnet build -c Release src/Functions --nologo -v quiet
  dotnet run -c Release --project benchmarks/Intake.Benchmarks -- "$@"
fi
