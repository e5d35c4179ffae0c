#!/usr/bin/env bash
# Runs every test suite of WhatsTheTab from a fresh clone: installs what the tests need (idempotently), builds once,
# runs the suites, and ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

say() { printf '\n== %s\n' "$*"; }

# --- system packages: ffmpeg (compressed audio), fluidsynth + SoundFont (test audio), redis-server and PostgreSQL 15 (service
# tests), chromium + its text fonts (alphaTab renders exported tablature in a headless browser) ---------------------------
need=()
for pkg in ffmpeg fluidsynth fluid-soundfont-gm redis-server postgresql-15 chromium fonts-liberation; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
  say "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --- the model package (weights) and the reference implementation ---------------------------------------------
if [ ! -f model/node_modules/@spotify/basic-pitch/model/model.json ] || [ ! -d model/node_modules/@tensorflow/tfjs-backend-wasm ]; then
  say "npm ci --prefix model"
  npm ci --no-audit --no-fund --prefix model >/dev/null
fi

# --- browser checks: alphaTab + playwright-core (tests/Browser), the MusicXML schema for MusicXmlSchema ------------
if [ ! -f tests/Browser/node_modules/@coderline/alphatab/dist/alphaTab.js ] || [ ! -d tests/Browser/node_modules/playwright-core ]; then
  say "npm ci --prefix tests/Browser"
  npm ci --no-audit --no-fund --prefix tests/Browser >/dev/null
fi
bash tests/Browser/install-musicxml-xsd.sh

# --- build once ------------------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
say "dotnet build"
dotnet build WhatsTheTab.sln -c Release -v q -nologo

# --- run the suites (test projects run in parallel) ----------------------------------------------------------
say "dotnet test"
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
set +e
dotnet test WhatsTheTab.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=normal" 2>&1 | tee "$results/console.log" \
  | grep -E "^\s+Failed |Error Message|^\s+Assert|^Total tests|^\s+(Passed|Failed|Skipped): |\.dll \(net" || true
status=${PIPESTATUS[0]}
set -e

# --- servers a test host could not stop (a killed test process never runs its exit handlers) --------------------
for pid in $(pgrep -x redis-server; pgrep -x postgres); do
  case "$(readlink "/proc/$pid/cwd" 2>/dev/null)" in
    /tmp/whatsthetab-*) kill -9 "$pid" 2>/dev/null || true ;;
  esac
done

# --- totals from the TRX files ---------------------------------------------------------------------------------
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters"); n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${n:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "dotnet test exited with $status"; fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
