#!/usr/bin/env bash
# Engine benchmark: this engine vs the reference JavaScript package (tfjs wasm) on the same 60 s of audio, then peak RSS
# and speed on a 60-minute file, plus CUDA figures when a GPU is present. Prints a Markdown table for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Transcription.Bench -c Release -v q -nologo >/dev/null
dotnet bench/Transcription.Bench/bin/Release/net10.0/WhatsTheTab.Transcription.Bench.dll "$@"
