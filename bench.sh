#!/usr/bin/env bash
# Runs the benchmarks and prints their figures (see README "Benchmarks"). Installs what they need first.
#   ./bench.sh            every benchmark
#   ./bench.sh durable    the orchestration runtime on Azurite (optional count, default 1000)
#   ./bench.sh wave       announcing a wave of approved applications (optional count, default 300)
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
