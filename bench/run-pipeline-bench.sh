#!/usr/bin/env bash
# Pipeline overhead: short clips through a local deployment (redis-server, PostgreSQL, web silo, two GPU silos on the
# CPU), a fixed number in flight; prints jobs/s, end-to-end latency and orchestration overhead percentiles.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Pipeline.Bench -c Release -v q -nologo >/dev/null
dotnet bench/Pipeline.Bench/bin/Release/net10.0/WhatsTheTab.Pipeline.Bench.dll "$@"
