#!/usr/bin/env bash
# Makes testdata/reprint: each web page of the corpus (testdata/corpus/*_html.txt,
# real published reports, two of them with many blank cells) turned into the
# shapes other publishers and users make of it:
#   <name>.pdflayout.txt   printed to PDF by LibreOffice, pdftotext -layout;
#   <name>.pdfdefault.txt  the same PDF, pdftotext without options;
#   <name>.pdfraw.txt      the same PDF, pdftotext -raw;
#   <name>.text.txt        saved by LibreOffice as plain text;
#   <name>.browser.txt     copied from Chromium (innerText);
#   <name>.chromepdf.txt   printed to PDF by Chromium, pdftotext -layout.
# TestCorpusReprinted compares them with the golden of every cell read from
# the page (testdata/corpus/cells). Needs: soffice, pdftotext, chromium, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/shapes.sh
out=testdata/reprint
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for src in testdata/corpus/*_html.txt; do
  name=$(basename "$src" .txt)
  cp "$src" "$tmp/$name.html"
  libreoffice_shapes "$tmp" "$name" "$out/$name" pdflayout
  chromium_shapes "$tmp" "$name" "$out/$name"
done
