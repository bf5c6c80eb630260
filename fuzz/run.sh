#!/usr/bin/env bash
# Coverage-guided fuzzing of every WLSockets parser (fuzz/WLSockets.Fuzz/Targets/), one target at a time.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     SECONDS per target (default 60), every target by default
#
# Installs what it needs when missing (Debian's afl++, the SharpFuzz.CommandLine dotnet tool in fuzz/.tools),
# builds the harness, instruments its copy of WLSockets.dll, then runs afl-fuzz on each target for SECONDS with the
# corpus kept in fuzz/corpus/<target>/ (seeded from the spec's byte examples the first time). New inputs that
# reach new code are added to the corpus (at most 200 per target, smallest first); crashes and hangs are copied to
# fuzz/findings/<target>/ and replayed. Exits non-zero when a target has a finding.
# Environment: FUZZ_NICE (default 19), FUZZ_TIMEOUT_MS (one input, default 10000).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
FUZZ=$(pwd)
ROOT=$(cd .. && pwd)
DURATION=${1:-60}
shift || true
OUT="$FUZZ/out"
BIN="$OUT/bin"
TOOLS="$FUZZ/.tools"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf 'fuzz/run.sh: %s\n' "$*"; }

if ! [[ $DURATION =~ ^[0-9]+$ ]] || ((DURATION < 1)); then
  say "SECONDS must be a positive number, not '$DURATION'" >&2
  exit 2
fi

# 1. Tools: afl-fuzz (Debian afl++) and sharpfuzz (dotnet tool, pinned).
if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]]; then
    say "afl-fuzz is missing: apt-get install afl++ (as root)" >&2
    exit 1
  fi
  say "installing afl++"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ </dev/null
fi
if [[ ! -x $TOOLS/sharpfuzz ]]; then
  say "installing SharpFuzz.CommandLine 2.3.0 into fuzz/.tools"
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$TOOLS" >/dev/null
fi

# 2. Build the harness into its own folder and instrument that copy of WLSockets.dll (never the build output).
say "building the harness"
rm -rf "$BIN"
dotnet build "$FUZZ/WLSockets.Fuzz/WLSockets.Fuzz.csproj" -c Release -o "$BIN" -nologo -v quiet -clp:NoSummary
"$TOOLS/sharpfuzz" "$BIN/WLSockets.dll" >/dev/null
HARNESS=(dotnet "$BIN/WLSockets.Fuzz.dll")

mapfile -t ALL < <("${HARNESS[@]}" --list)
TARGETS=("$@")
((${#TARGETS[@]} > 0)) || TARGETS=("${ALL[@]}")

# 3. Seed the corpus of a target that has none yet.
"${HARNESS[@]}" --seed "$OUT/seeds"
for target in "${TARGETS[@]}"; do
  if [[ ! -d $FUZZ/corpus/$target ]] || [[ -z $(ls -A "$FUZZ/corpus/$target") ]]; then
    mkdir -p "$FUZZ/corpus/$target"
    cp "$OUT/seeds/$target"/* "$FUZZ/corpus/$target/"
  fi
done

# 4. Fuzz each target for DURATION seconds, one at a time.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
export AFL_FORKSRV_INIT_TMOUT=60000 AFL_NO_WARN_INSTABILITY=1
findings=0
for target in "${TARGETS[@]}"; do
  say "fuzzing $target for ${DURATION}s"
  rm -rf "${OUT:?}/afl/$target"
  mkdir -p "$OUT/afl"
  nice -n "${FUZZ_NICE:-19}" afl-fuzz -V "$DURATION" -i "$FUZZ/corpus/$target" -o "$OUT/afl/$target" \
    -t "${FUZZ_TIMEOUT_MS:-10000}" -m none -- "${HARNESS[@]}" "$target" >"$OUT/afl/$target.log" 2>&1 || {
    say "afl-fuzz failed for $target; last lines of $OUT/afl/$target.log:" >&2
    tail -20 "$OUT/afl/$target.log" >&2
    exit 1
  }
  stats="$OUT/afl/$target/default/fuzzer_stats"
  execs=$(awk -F': *' '/^execs_done/ {print $2}' "$stats")
  paths=$(awk -F': *' '/^corpus_count/ {print $2}' "$stats")
  crashes=$(find "$OUT/afl/$target/default/crashes" -type f -name 'id:*' | wc -l)
  hangs=$(find "$OUT/afl/$target/default/hangs" -type f -name 'id:*' | wc -l)
  say "$target: $execs inputs run, $paths in the queue, $crashes crashes, $hangs hangs"

  # Keep what found new code (smallest first, at most 200 files per target), named by content.
  # (Entries named orig: are the corpus itself, hard-linked by afl-fuzz.)
  find "$OUT/afl/$target/default/queue" -maxdepth 1 -type f -name 'id:*' ! -name '*,orig:*' -printf '%s %p\n' | sort -n | head -200 |
    while read -r _ file; do
      dest="$FUZZ/corpus/$target/$(sha1sum "$file" | cut -c1-16)"
      [[ -e $dest ]] || cp "$file" "$dest"
    done
  find "$FUZZ/corpus/$target" -type f ! -name 'seed-*' -printf '%s %p\n' | sort -n | tail -n +201 |
    while read -r _ extra; do rm -f "$extra"; done

  if ((crashes + hangs > 0)); then
    findings=$((findings + crashes + hangs))
    mkdir -p "$FUZZ/findings/$target"
    cp "$OUT/afl/$target/default/crashes"/id:* "$OUT/afl/$target/default/hangs"/id:* "$FUZZ/findings/$target/" 2>/dev/null || true
    say "$target: findings copied to fuzz/findings/$target/; replay:" >&2
    "${HARNESS[@]}" --replay "$target" "$FUZZ/findings/$target"/* | grep -v '^ok' | head -40 >&2 || true
  fi
done

if ((findings > 0)); then
  say "$findings finding(s): see fuzz/findings/" >&2
  exit 1
fi
say "no finding in ${#TARGETS[@]} target(s)"
