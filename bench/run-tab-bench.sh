#!/usr/bin/env bash
# Tablature benchmark: time to tab a generated 10-minute, 4 000-note piece (beat grid + fingering + ASCII + MusicXML +
# alphaTex; median of timed runs after warm-up, and the cold first run), then hand travel of the global fingering vs the
# naive lowest-fret assignment per test piece. Prints a Markdown table for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Tablature.Bench -c Release -v q -nologo >/dev/null
dotnet bench/Tablature.Bench/bin/Release/net10.0/WhatsTheTab.Tablature.Bench.dll "$@"
