#!/usr/bin/env bash
# The PDF-capable nianbao on a directory of N PDFs (default 1,000): copies of
# the committed fixtures in pdf/testdata (LibreOffice, Chromium, nianbao's
# .docx printed), read in one run with `nianbao parse -f csv DIR`. Prints
# the wall time and files per second, cold (an empty wazero compilation
# cache) and warm (the cache filled by the cold run).
#
#   scripts/pdfthroughput.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd pdf && go build -o "$work/nianbao" ./cmd/nianbao)
mkdir "$work/pdfs"
fixtures=(pdf/testdata/*.pdf)
for i in $(seq 1 "$n"); do
  f=${fixtures[$(( (i - 1) % ${#fixtures[@]} ))]}
  cp "$f" "$work/pdfs/$(printf '%04d' "$i")_$(basename "$f")"
done
for run in cold warm; do
  start=$(date +%s.%N)
  NIANBAO_WAZERO_CACHE="$work/cache" "$work/nianbao" parse -q -f csv "$work/pdfs" > "$work/out.csv" || true
  end=$(date +%s.%N)
  rows=$(grep -c '' "$work/out.csv")
  awk -v s="$start" -v e="$end" -v n="$n" -v r="$run" -v rows="$rows" -v cpus="$(nproc 2>/dev/null || echo ?)" \
    'BEGIN { printf "%s: %d PDFs in %.1f s, %.1f PDFs/s (%s CPUs; %d CSV lines)\n", r, n, e - s, n / (e - s), cpus, rows }'
done
