#!/usr/bin/env bash
# Makes testdata/lodocx: each seed report rendered in the official layout
# (nianbao parse -f html), some of its numeric cells blanked at random (as
# scripts/lopdf.sh does, with its own random seeds), then converted by
# LibreOffice to Word 2007 XML:
#   <name>.docx       a report made in Word/LibreOffice/WPS and published
#                     as a .docx;
# with <name>.truth.csv beside it: the cells of the blanked HTML, which
# nianbao reads exactly (HTML keeps every cell).
# Needs: go, python3, soffice (libreoffice-writer).
# These are generated variants of real reports, not real reports.
set -euo pipefail
cd "$(dirname "$0")/.."
out=testdata/lodocx
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/nb" ./cmd/nianbao
for seed in testdata/seeds/*.txt; do
  base=$(basename "$seed" .txt | cut -c1-3)
  "$tmp/nb" parse -f html "$seed" > "$tmp/r.html"
  for k in 1 2; do
    name="seed${base}_blank${k}"
    python3 scripts/blankcells.py "$tmp/r.html" "$tmp/$name.html" "docx$base$k"
    (cd "$tmp" && soffice --headless --convert-to 'docx:MS Word 2007 XML' "$name.html" >/dev/null 2>&1)
    cp "$tmp/$name.docx" "$out/$name.docx"
    "$tmp/nb" parse -f csv "$tmp/$name.html" > "$out/$name.truth.csv"
  done
done
