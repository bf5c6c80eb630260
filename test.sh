#!/usr/bin/env bash
# Builds WLSockets and runs every test project under tests/.
# The last line printed is "N passed, N failed" (", N skipped" when some were skipped).
# Exits non-zero when the build fails, a test fails, a test project fails to run, or no test ran at all.
# Works on a fresh clone and can be re-run; installs the Debian packages the interop tests use when missing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd)
RESULTS="$ROOT/TestResults"
PROJECT_TIMEOUT=${WLSOCK_TEST_PROJECT_TIMEOUT:-900}   # seconds, per test project
HANG_TIMEOUT=${WLSOCK_TEST_HANG_TIMEOUT:-5m}          # one test running longer than this aborts its project

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PYTHONDONTWRITEBYTECODE=1

say() { printf 'test.sh: %s\n' "$*"; }

# 1. Peers of the interop tests (tests/WLSockets.InteropTests): program -> Debian package.
declare -A PACKAGE_OF=([socat]=socat [ncat]=ncat [python3]=python3 [timeout]=coreutils [ip]=iproute2 [openssl]=openssl
  [microsocks]=microsocks [danted]=dante-server
  [tshark]=tshark)
# The chat tests (tests/WLSockets.Chat.Tests): a real Redis for the backplane, tmux to drive the terminal UI.
PACKAGE_OF+=([redis-server]=redis-server [tmux]=tmux)
# The fax tests: a real HylaFAX server (hfaxd, faxq) with no modem.
PACKAGE_OF+=([hfaxd]=hylafax-server [faxq]=hylafax-server)
# Reliability tests (issue 10): prlimit (descriptor exhaustion), tc (netem inside a private namespace).
PACKAGE_OF+=([prlimit]=util-linux [tc]=iproute2)
missing=()
for program in "${!PACKAGE_OF[@]}"; do
  command -v "$program" >/dev/null 2>&1 || missing+=("${PACKAGE_OF[$program]}")
done
# Python modules (the WebSocket tests' server): Debian's python3 with the module -> package.
declare -A PACKAGE_OF_MODULE=([websockets]=python3-websockets)
for module in "${!PACKAGE_OF_MODULE[@]}"; do
  /usr/bin/python3 -c "import $module" >/dev/null 2>&1 || missing+=("${PACKAGE_OF_MODULE[$module]}")
done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    say "missing Debian packages: ${missing[*]}; run as root or install them: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  say "installing ${missing[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  say "the .NET SDK (dotnet) is not on PATH: install the .NET 10 SDK" >&2
  exit 1
fi

# 2. Build once (restores on a fresh clone). Compiler errors are printed as they come.
say "building WLSockets.slnx (Release)"
if ! dotnet build WLSockets.slnx -c Release -nologo -v quiet -clp:NoSummary; then
  say "build failed (errors above)" >&2
  exit 1
fi

# 3. Run each test project; results as TRX files.
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
broken=()
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  say "running $name"
  rc=0
  timeout -k 30 "$PROJECT_TIMEOUT" dotnet test "$project" --no-build -c Release -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
    --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none </dev/null || rc=$?
  trx="$RESULTS/$name.trx"
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then
    broken+=("$name (killed after ${PROJECT_TIMEOUT}s)")
  elif [[ ! -f $trx ]]; then
    if [[ $rc -ne 0 ]]; then
      broken+=("$name (dotnet test exit code $rc, no results)")
    else
      say "$name: no tests found"
    fi
  elif [[ $rc -ne 0 ]]; then
    # A non-zero exit with no failed test in the TRX means the run itself broke (crash, abort).
    if ! grep -q 'outcome="Failed"' "$trx"; then
      broken+=("$name (dotnet test exit code $rc)")
    fi
  fi
done

# 4. Sum the TRX files; failed and skipped tests are listed above the final line.
status=0
python3 - "$RESULTS" "${broken[@]}" <<'PY' || status=$?
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
results_dir, broken = sys.argv[1], sys.argv[2:]
passed, failed, skipped = [], [], []


def first_text(element, path):
    node = element.find(path)
    return (node.text or "").strip() if node is not None and node.text else ""


for trx in sorted(glob.glob(os.path.join(results_dir, "*.trx"))):
    project = os.path.splitext(os.path.basename(trx))[0]
    try:
        root = ET.parse(trx).getroot()
    except ET.ParseError as error:
        broken.append("%s (unreadable TRX: %s)" % (project, error))
        continue
    for result in root.iter(NS + "UnitTestResult"):
        name = result.get("testName", "?")
        outcome = result.get("outcome", "")
        if outcome == "Passed":
            passed.append(name)
        elif outcome == "NotExecuted":
            reason = first_text(result, "%sOutput/%sErrorInfo/%sMessage" % (NS, NS, NS)) \
                or first_text(result, "%sOutput/%sStdOut" % (NS, NS)) or "no reason given"
            skipped.append((name, reason))
        else:
            message = first_text(result, "%sOutput/%sErrorInfo/%sMessage" % (NS, NS, NS))
            failed.append((name, outcome, message.splitlines()[0] if message else ""))

if failed:
    print("\nFailed tests (%d):" % len(failed))
    for name, outcome, message in sorted(failed):
        print("  FAIL %s%s%s" % (name, "" if outcome == "Failed" else " [%s]" % outcome,
                                  (": " + message[:300]) if message else ""))
if skipped:
    print("\nSkipped tests (%d):" % len(skipped))
    for name, reason in sorted(skipped):
        print("  SKIP %s: %s" % (name, reason.splitlines()[0][:300]))
for project in broken:
    print("Test project did not run to completion: " + project)
total = len(passed) + len(failed) + len(skipped)
if total == 0:
    print("No test ran.")
print()
line = "%d passed, %d failed" % (len(passed), len(failed))
if skipped:
    line += ", %d skipped" % len(skipped)
print(line)
sys.exit(1 if failed or broken or len(passed) + len(failed) == 0 else 0)
PY
exit "$status"
