#!/usr/bin/env bash
# The WLSockets benchmark suite: every number is a ratio against baselines measured in the same run.
#   bench/run.sh            full run (about 10 minutes on 2 cores), writes bench/RESULTS.md and bench/RESULTS.svg
#   bench/run.sh --quick    a quick look (about 3 minutes): short samples, one round, 1,000 connections; RESULTS.md untouched
#   bench/run.sh --out DIR  where the programs write their DIR/<name>.json and DIR/<name>.md (default bench/results)
# Runs, in this order: the micro-benchmarks (bench/Micro, BenchmarkDotNet), wlsock bench with every baseline
# (bench/Baselines: WLSockets, plain sockets, Kestrel, DotNetty, sockperf, iperf3), then every other console project
# bench/*/*.csproj (each gets --out DIR and writes DIR/<name>.md). Exits non-zero when a program fails or misses a goal.
# Installs sockperf and iperf3 (Debian) when missing; raises the open-files limit for the 10,000 connections.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
OUT="$ROOT/bench/results"
QUICK=()
while (($# > 0)); do
  case "$1" in
    --quick) QUICK=(--quick) ;;
    --out) OUT=$(realpath -m "$2"); shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1' (use --quick, --out DIR)" >&2; exit 2 ;;
  esac
  shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
say() { printf 'bench: %s\n' "$*"; }
started=$(date +%s)

# 1. The machine's limits: sockperf (TCP ping-pong) and iperf3 (single-stream throughput), from Debian.
missing=()
for program in sockperf iperf3; do
  command -v "$program" >/dev/null 2>&1 || missing+=("$program")
done
if ((${#missing[@]} > 0)); then
  as_root=()
  [[ $(id -u) -eq 0 ]] || as_root=(sudo)
  say "installing ${missing[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null \
    || say "could not install ${missing[*]}: their rows and goals will say 'not measured'"
fi

# 2. 10,000 connections need about 10,100 open files per process (the clients run in a child process).
hard=$(ulimit -Hn)
if [[ $hard == unlimited || $hard -ge 65536 ]]; then ulimit -n 65536; else ulimit -n "$hard"; fi
if [[ $(ulimit -n) -lt 10300 ]]; then
  say "warning: open-files limit $(ulimit -n) < 10300: the connections scenario will hold fewer connections (raise it: ulimit -Hn, /etc/security/limits.conf)"
fi

# 3. Build (Release) the programs of the suite.
mine=(bench/Micro/WLSockets.Benchmarks.csproj bench/Baselines/WLSockets.Bench.Baselines.csproj)
others=()
for project in bench/*/*.csproj; do
  [[ " ${mine[*]} " == *" $project "* ]] && continue
  grep -q '<OutputType>Exe</OutputType>' "$project" && others+=("$project")
done
for project in "${mine[@]}" "${others[@]}"; do
  say "building $project"
  if ! dotnet build "$project" -c Release -nologo -v quiet -clp:NoSummary; then
    say "build failed: $project" >&2
    exit 1
  fi
done

mkdir -p "$OUT"
failed=()
run() { # NAME COMMAND...
  local name=$1; shift
  say "running $name"
  local rc=0
  "$@" || rc=$?
  ((rc == 0)) || failed+=("$name (exit code $rc)")
}

# 4. Micro-benchmarks, then the end-to-end suite with every baseline, then the other bench programs.
run micro dotnet bench/Micro/bin/Release/net10.0/WLSockets.Benchmarks.dll --out "$OUT" "${QUICK[@]}"
run wlsock-bench dotnet bench/Baselines/bin/Release/net10.0/WLSockets.Bench.Baselines.dll bench --out "$OUT" --plot "$OUT/wlsock-bench.svg" "${QUICK[@]}"
for project in "${others[@]}"; do
  name=$(basename "$project" .csproj)
  run "$name" dotnet run --project "$project" -c Release --no-build -- --out "$OUT"
done

# 5. RESULTS.md: the machine, then every program's markdown (a full run only; --quick leaves it alone).
elapsed=$(( $(date +%s) - started ))
results="$OUT/RESULTS.md"
{
  echo "# WLSockets benchmark results"
  echo
  echo "Produced by \`bench/run.sh${QUICK:+ --quick}\` on $(date -u '+%Y-%m-%d %H:%M UTC') in $((elapsed / 60)) min $((elapsed % 60)) s."
  echo "Every number below was measured in that one run; compare ratios, not absolute values (a shared machine)."
  echo
  echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) logical CPUs" \
       "(shared with other work during the run; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM," \
       "$(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r), .NET SDK $(dotnet --version), open-files limit $(ulimit -n)."
  echo "Loopback only (127.0.0.1). Chart: [RESULTS.svg](RESULTS.svg)."
  if ((${#failed[@]} > 0)); then
    echo
    echo "Programs that failed or missed a goal: ${failed[*]}."
  fi
  for md in "$OUT/wlsock-bench.md" "$OUT/micro.md"; do
    [[ -f $md ]] && { echo; sed 's/^## /## /' "$md"; }
  done
  for md in "$OUT"/*.md; do
    case "$(basename "$md")" in wlsock-bench.md|micro.md|RESULTS.md) continue ;; esac
    echo
    cat "$md"
  done
} > "$results"
if ((${#QUICK[@]} == 0)); then
  cp "$results" "$ROOT/bench/RESULTS.md"
  [[ -f $OUT/wlsock-bench.svg ]] && cp "$OUT/wlsock-bench.svg" "$ROOT/bench/RESULTS.svg"
  say "wrote bench/RESULTS.md and bench/RESULTS.svg"
fi

say "done in $((elapsed / 60)) min $((elapsed % 60)) s; results in $OUT"
if ((${#failed[@]} > 0)); then
  say "failed or missed a goal: ${failed[*]}"
  exit 1
fi
