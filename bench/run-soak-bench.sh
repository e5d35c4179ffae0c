#!/usr/bin/env bash
# Soak: concurrent clients submitting and polling against a local deployment while a GPU silo is killed every minute;
# prints jobs submitted/completed/failed/lost/duplicated, recovery per kill, status latency and silo RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Soak.Bench -c Release -v q -nologo >/dev/null
dotnet bench/Soak.Bench/bin/Release/net10.0/WhatsTheTab.Soak.Bench.dll "$@"
