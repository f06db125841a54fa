#!/usr/bin/env bash
# Makes testdata/lopdf: each seed report rendered in the official layout
# (nianbao parse -f html), some of its numeric cells blanked at random, then
#   <name>.pdf.txt   printed to PDF by LibreOffice, extracted with
#                    pdftotext -layout: a report made in Word/LibreOffice/WPS
#                    and published as PDF;
#   <name>.text.txt  saved by LibreOffice as plain text: one cell a line, a
#                    blank cell an empty line;
#   <name>.pdfdefault.txt  the same PDF extracted by pdftotext without
#                    options (its reading order: cells one a line, a blank
#                    cell no line, rows out of order);
#   <name>.pdfraw.txt  the same PDF extracted with pdftotext -raw (the
#                    content stream's order: a row's values on one line,
#                    one space apart, a blank cell nothing);
#   <name>.browser.txt  the page as a browser copies it (Chromium's
#                    innerText: a row a line, cells tab-separated);
#   <name>.chromepdf.txt  the page printed to PDF by Chromium, extracted
#                    with pdftotext -layout (a line's values may be
#                    squeezed: a blank cell's gap shrinks);
#   <name>.nbdocx.txt  the report written as .docx by nianbao (parse -f
#                    docx), printed to PDF by LibreOffice, pdftotext -layout
#                    (rows whose labels wrap have their values shifted);
#   <name>.gfm.txt   the page saved by LibreOffice as .docx, converted by
#                    pandoc to GitHub Markdown (pipe tables: a merged label
#                    cell spread over empty fields, a blank cell an empty
#                    field);
#   <name>.pandoc.txt  the page converted by pandoc to plain text (tables
#                    laid out in columns of spaces, a row's cells one after
#                    another from its label, whatever columns it spans);
# with <name>.truth.csv beside them: the cells of the blanked HTML, which
# nianbao reads exactly (HTML keeps every cell).
# Needs: go, python3, soffice (libreoffice-writer), pdftotext (poppler-utils),
# chromium, pandoc.
# These are generated variants of real reports, not real reports.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/shapes.sh
out=testdata/lopdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/nb" ./cmd/nianbao
for seed in testdata/seeds/*.txt; do
  base=$(basename "$seed" .txt | cut -c1-3)
  "$tmp/nb" parse -f html "$seed" > "$tmp/r.html"
  for k in 1 2; do
    name="seed${base}_blank${k}"
    python3 scripts/blankcells.py "$tmp/r.html" "$tmp/$name.html" "$base$k"
    libreoffice_shapes "$tmp" "$name" "$out/$name" pdf
    chromium_shapes "$tmp" "$name" "$out/$name"
    (cd "$tmp" && soffice --headless --convert-to docx:"MS Word 2007 XML" "$name.html" >/dev/null 2>&1)
    pandoc -f docx -t gfm "$tmp/$name.docx" -o "$out/$name.gfm.txt"
    mkdir -p "$tmp/nbdocx"
    "$tmp/nb" parse -f docx "$tmp/$name.html" > "$tmp/nbdocx/$name.docx"
    (cd "$tmp/nbdocx" && soffice --headless --convert-to pdf "$name.docx" >/dev/null 2>&1)
    pdftotext -layout -enc UTF-8 "$tmp/nbdocx/$name.pdf" "$out/$name.nbdocx.txt"
    pandoc -f html -t plain "$tmp/$name.html" -o "$out/$name.pandoc.txt"
    "$tmp/nb" parse -f csv "$tmp/$name.html" > "$out/$name.truth.csv"
  done
done
