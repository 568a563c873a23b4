#!/usr/bin/env bash
# Runs every test (unit, Azurite-backed, end-to-end) after installing what they need.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
scripts/setup.sh

# The code's format first (CSharpier, 120 columns from .editorconfig): a failure names each file, and the tests still
# run. `dotnet csharpier format .` fixes it.
format_status=0
dotnet csharpier check src tests benchmarks tools || format_status=$?

results="$root/.local/test-results"
rm -rf "$results"
status=0
# A test that hangs is stopped after 10 minutes and named, rather than holding the run until CI gives up.
dotnet test Onboarding.sln --no-restore -c Release --results-directory "$results" \
  --blame-hang --blame-hang-timeout 10m --blame-hang-dump-type none \
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

# Then fuzz the readers of outside input for a bounded time (about a minute and a half in all; scripts/fuzz.sh).
# The replay of every kept crasher ran above with the tests. A crash found fails the run.
fuzz_status=0
FUZZ_BUILT=1 scripts/fuzz.sh "${FUZZ_SECONDS:-30}" || fuzz_status=$?
echo "tests: $passed passed, $failed failed, $skipped skipped"
cat "$root/.local/fuzz/summary" 2>/dev/null || echo "fuzz: FAILED before it could finish (exit $fuzz_status)"
[ "$format_status" -eq 0 ] || echo "format: CSharpier found unformatted files (listed above); run: dotnet csharpier format ."
[ "$status" -ne 0 ] || status=$fuzz_status
[ "$status" -ne 0 ] || status=$format_status
exit $status
