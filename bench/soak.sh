#!/usr/bin/env bash
# The long soak: mixed load on every transport and framing mode (TCP, TLS, SOCKS5 via microsocks in each mode, UDP,
# WebSocket) with numbered, checksummed messages; fails on any lost, duplicated, reordered or corrupted message or a
# growing managed heap. ./test.sh runs the same test for 30 s.
#
#   bench/soak.sh [--seconds N] [--out DIR]      default 600 s, results in bench/results (soak.json, soak.md)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SECONDS_TO_RUN=600
OUT=bench/results
while (($# > 0)); do
  case $1 in
    --seconds) SECONDS_TO_RUN=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "bench/soak.sh: unknown argument '$1' (--seconds N, --out DIR)" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
command -v microsocks >/dev/null 2>&1 || {
  echo "bench/soak.sh: microsocks is missing: apt-get install microsocks" >&2
  exit 1
}
dotnet build tests/WLSockets.InteropTests -c Release -nologo -v quiet -clp:NoSummary
echo "bench/soak.sh: soaking for ${SECONDS_TO_RUN}s"
rc=0
WLSOCK_SOAK_SECONDS=$SECONDS_TO_RUN WLSOCK_SOAK_OUT=$OUT timeout -k 30 $((SECONDS_TO_RUN + 600)) \
  dotnet test tests/WLSockets.InteropTests -c Release --no-build -nologo --filter "FullyQualifiedName~Reliability.SoakTests" || rc=$?
[[ -f $OUT/soak.md ]] && cat "$OUT/soak.md"
if ((rc != 0)); then
  echo "bench/soak.sh: FAILED (exit $rc): see the test output above" >&2
  exit 1
fi
echo "bench/soak.sh: passed; results in $OUT/soak.json and $OUT/soak.md"
