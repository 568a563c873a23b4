#!/usr/bin/env bash
# Fuzzes the readers of outside input (tests/Fuzz) with afl-fuzz and SharpFuzz for a bounded time per target:
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 45 s; targets multipart and word)
# FUZZ_BUILT=1 skips the build when tests/Fuzz was just built in Release (test.sh sets it after dotnet test).
# A copy of the fuzz build is instrumented (never the real build output). Each crash afl-fuzz finds is copied to
# tests/Fuzz/crashers/<target>/, where the regression tests replay it; the script then exits 1. A hang afl-fuzz
# reports is kept only if it still takes longer than the regression tests allow when replayed alone, since a
# loaded machine makes afl-fuzz's short timeout see hangs that are not there. The last line is the summary.
# Without afl-fuzz (and no way to install it) the run is skipped, exit 0, except with CI=true, where it fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${1:-45}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(multipart word)

work="$root/.local/fuzz"
summary="$work/summary"
mkdir -p "$work"
rm -f "$summary"
say() { echo "fuzz: $*"; }
finish() { echo "$1" >"$summary"; echo "$1"; exit "$2"; }

if ! command -v afl-fuzz >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing afl++"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++; } >"$work/apt.log" 2>&1 || true
  fi
  if ! command -v afl-fuzz >/dev/null; then
    # In CI (CI=true, as CI services set it) a run that could not fuzz must not pass as if it had.
    if [ "${CI:-}" = true ]; then
      finish "fuzz: FAILED, afl-fuzz is not installed and could not be (CI=true: fuzzing is required)" 1
    fi
    finish "fuzz: skipped (afl-fuzz is not installed and could not be; outside CI that is allowed, and the regression tests still replay every kept input)" 0
  fi
fi
dotnet tool restore >/dev/null

plain="$root/tests/Fuzz/bin/Release/net10.0"
if [ "${FUZZ_BUILT:-0}" != 1 ] || [ ! -f "$plain/Pathfinder.Fuzz.dll" ]; then
  say "building"
  dotnet build tests/Fuzz -c Release --nologo --verbosity quiet >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; finish "fuzz: FAILED to build tests/Fuzz" 1; }
fi
bin="$work/bin"
rm -rf "$bin"
cp -r "$plain" "$bin"
# Instrumented for coverage: our readers, and the zip and Open XML reading under the Word form. Not MimeKit or
# ASP.NET's multipart reader (the framework cannot be instrumented in place): their branches are reached through ours.
dotnet sharpfuzz "$bin/Pathfinder.Functions.dll" Pathfinder.Functions.Intake >/dev/null
dotnet sharpfuzz "$bin/System.IO.Packaging.dll" >/dev/null
dotnet sharpfuzz "$bin/DocumentFormat.OpenXml.Framework.dll" >/dev/null

# afl-fuzz as root on a shared CI machine: the target is dotnet (not an AFL-compiled binary), the fork server
# takes seconds to start (.NET), no CPU may be pinned, and the core pattern and CPU governor are not ours to set.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export AFL_FORKSRV_INIT_TMOUT=60000 DOTNET_CLI_TELEMETRY_OPTOUT=1

found=0; report=()
for target in "${targets[@]}"; do
  out="$work/findings/$target"
  rm -rf "$out"; mkdir -p "$work/findings"
  say "$target for ${seconds} s"
  # -t: a .NET exec is well under 100 ms; 2 s leaves room for a loaded machine. -m none: .NET reserves far more
  # virtual memory than it uses. -V: stop after the time; timeout is a backstop should afl-fuzz not stop itself.
  timeout $((seconds + 90)) afl-fuzz -i "tests/Fuzz/corpus/$target" -o "$out" -t 2000 -m none -V "$seconds" \
    -- dotnet "$bin/Pathfinder.Fuzz.dll" "$target" >"$work/afl-$target.log" 2>&1 \
    || { tail -20 "$work/afl-$target.log"; finish "fuzz: FAILED to run afl-fuzz on $target (see .local/fuzz/afl-$target.log)" 1; }
  stats="$out/default/fuzzer_stats"
  stat() { sed -n "s/^$1 *: *//p" "$stats"; }
  kept=0
  mkdir -p "tests/Fuzz/crashers/$target"
  for input in "$out"/default/crashes/id:* "$out"/default/hangs/id:*; do
    [ -f "$input" ] || continue
    if [[ "$input" == */hangs/* ]] && timeout 15 dotnet "$plain/Pathfinder.Fuzz.dll" "$target" "$input" >/dev/null 2>&1; then
      continue  # Reads in time when replayed alone: the machine was busy, not the reader stuck.
    fi
    name="$target-$(sha1sum "$input" | cut -c1-12)"
    [ -e "tests/Fuzz/crashers/$target/$name" ] || { cp "$input" "tests/Fuzz/crashers/$target/$name"; kept=$((kept + 1)); }
  done
  found=$((found + kept))
  line="$target: $(stat execs_done) execs at $(stat execs_per_sec)/s, $(stat corpus_count) paths, $(stat bitmap_cvg) map, $kept new crashers"
  say "$line"
  report+=("$line")
  if [ "$kept" -gt 0 ]; then
    dotnet "$plain/Pathfinder.Fuzz.dll" "$target" "tests/Fuzz/crashers/$target"/"$target"-* 2>&1 | grep -A3 '^CRASH' | head -40 || true
  fi
done

joined="$(IFS=';'; echo "${report[*]}")"
if [ "$found" -gt 0 ]; then
  finish "fuzz: FAILED, $found crashing inputs kept in tests/Fuzz/crashers (${joined//;/; })" 1
fi
finish "fuzz: no crashes in ${seconds} s per target (${joined//;/; })" 0
