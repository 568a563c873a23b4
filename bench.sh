#!/usr/bin/env bash
# Runs the benchmarks and prints their figures (see README "Benchmarks"). Installs what they need first.
#   ./bench.sh             every benchmark
#   ./bench.sh wave        announcing a wave of approved applications (optional count, default 300)
#   ./bench.sh decisions   from a decision's 202 to the application showing it, p50/p95 (optional count, default 200)
#   ./bench.sh throughput  applications/s to approved at 16 and 64 in flight, default and tuned settings (default 200)
#   ./bench.sh storage     storage transactions per lifecycle and per idle hour, default and tuned (default 20)
#   ./bench.sh recovery    decisions in flight when the app is killed (SIGKILL): time to show them all after a restart (100)
#   ./bench.sh load        50 reviewers (list, open, decide) and 5 emails/s for N seconds (default 300): p50/p95/p99 per
#                          route, errors, memory; then 30 s steps of 5..200 reviewers for the knee (BENCH_LOAD_STEPS,
#                          BENCH_LOAD_STEP_SECONDS; BENCH_LOAD_EMAILS_PER_SECOND changes the email rate)
#   ./bench.sh pages       Lighthouse (mobile defaults) on /, /pathfinders, a status page and a reviewer's application
#                          page: each category's score, FCP, LCP and bytes transferred (optional runs per page, default 3)
#   ./bench.sh requests    storage requests per user action (list, detail, decision, email), handler and workflow
#                          apart, each request shown (optional repeats, default 5)
#   ./bench.sh intake      Word forms emailed to the webhook, one with a 25 MB attachment (optional count, default 200)
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
scripts/setup.sh
which="${1:-all}"
shift || true
if [ "$which" = all ] || [ "$which" = pages ]; then
  # Lighthouse, pinned by its package-lock.json (12.2.3: the newer ones need Node 22); it drives Debian's chromium.
  stamp=tools/lighthouse/node_modules/.installed-from-lock
  if [ ! -f "$stamp" ] || ! cmp -s tools/lighthouse/package-lock.json "$stamp"; then
    echo "bench: installing Lighthouse into tools/lighthouse"
    npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error
    cp tools/lighthouse/package-lock.json "$stamp"
  fi
fi
case "$which" in
  wave|decisions|throughput|storage|recovery|load|pages|requests|all)
    dotnet run -c Release --project benchmarks/Programme.Benchmarks -- "$which" "$@" ;;
esac
if [ "$which" = all ] || [ "$which" = intake ]; then
  dotnet build -c Release src/LocalHost --nologo -v quiet
  dotnet run -c Release --project benchmarks/Intake.Benchmarks -- "$@"
fi
