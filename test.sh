#!/usr/bin/env bash
# Runs every test (unit, Azurite-backed, end-to-end) after installing what they need.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
scripts/setup.sh

results="$root/.local/test-results"
rm -rf "$results"
status=0
dotnet test Onboarding.sln --no-restore -c Release --results-directory "$results" \
  --logger "trx" --logger "console;verbosity=minimal" "$@" || status=$?

# One closing line over every test project, counted from the TRX files.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
