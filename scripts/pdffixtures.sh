#!/usr/bin/env bash
# Makes the PDF fixtures of the pdf module (pdf/testdata): each seed report
# rendered in the official layout (nianbao parse -f html), about 30% of its
# numeric cells blanked at random (scripts/blankcells.py, the random seeds
# of scripts/lopdf.sh), then printed to PDF by several producers:
#   seedNNN_blankK.lo.pdf      LibreOffice, HTML straight to PDF
#                              (writer_web_pdf_Export);
#   seedNNN_blankK.lodocx.pdf  LibreOffice, HTML saved as .docx, that
#                              .docx printed to PDF (a report made in
#                              Word/WPS and published as PDF);
#   seedNNN_blankK.chrome.pdf  Chromium's print to PDF (borders drawn as
#                              thin filled rectangles);
#   seedNNN.nbdocx.pdf         nianbao parse -f docx (the official layout
#                              as a Word document, no blanks) printed to
#                              PDF by LibreOffice;
#   seedNNN.nbvert.pdf         the same .docx with its group labels
#                              (三、本年度办理结果, （三）不予公开 …, 行政复议,
#                              行政诉讼) written vertically
#                              (scripts/vertcells.py), printed by
#                              LibreOffice: labels a character a line, and
#                              table 3 across pages with its header repeated;
# with seedNNN_blankK.truth.csv (the cells of the blanked HTML, which
# nianbao reads exactly) and seedNNN.truth.csv (nianbao parse -f csv of the
# seed) beside them. Fonts are subset by the producers; the files are
# byte-for-byte reproducible only with the same producer versions (their
# dates and ids differ), but their text and drawing are the same.
# Each PDF embeds its fonts (Chromium's CJK glyphs as Type 3 fonts, half a
# megabyte a file), so pdf/testdata keeps one or two files a producer, the
# cases that once went wrong (the list below); `scripts/pdffixtures.sh all
# DIR` makes every seed with every producer in DIR (about 6 MB), which
# `NIANBAO_PDF_FIXTURES=DIR go test -run TestSeeds` in pdf/ reads as well.
# Needs: go, python3, soffice (libreoffice-writer), chromium.
# These are generated variants of real reports, not real reports.
set -euo pipefail
cd "$(dirname "$0")/.."
out=pdf/testdata
# name.producer: the committed fixtures.
keep="seed000_blank1.lo seed004_blank1.lo seed004_blank2.lodocx seed001_blank1.chrome seed002.nbdocx seed004.nbvert"
if [ "${1:-}" = all ]; then
  out=${2:?usage: pdffixtures.sh [all DIR]}
  keep=""
  for s in 000 001 002 003 004; do
    keep="$keep seed${s}_blank1.lo seed${s}_blank1.chrome seed${s}_blank2.lodocx seed${s}.nbdocx seed${s}.nbvert"
  done
  mkdir -p "$out"
else
  rm -f "$out"/*.pdf "$out"/*.truth.csv
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A LibreOffice profile of its own: another soffice running does not block it.
so() { (cd "$tmp" && soffice -env:UserInstallation="file://$tmp/profile" --headless "$@" >/dev/null 2>&1); }
go build -o "$tmp/nb" ./cmd/nianbao
for f in $keep; do
  name=${f%.*} producer=${f##*.}
  base=$(echo "$name" | cut -c5-7)
  seed=$(ls testdata/seeds/"$base"_*.txt)
  rm -rf "$tmp/w" && mkdir "$tmp/w"
  case $name in
  *_blank*)
    # blankcells.py with the random seeds of scripts/lopdf.sh ("0001" for seed000_blank1).
    "$tmp/nb" parse -f html "$seed" > "$tmp/r.html"
    python3 scripts/blankcells.py "$tmp/r.html" "$tmp/w/$name.html" "$base${name##*blank}"
    "$tmp/nb" parse -f csv "$tmp/w/$name.html" > "$out/$name.truth.csv"
    ;;
  *)
    "$tmp/nb" parse -f csv "$seed" > "$out/$name.truth.csv"
    "$tmp/nb" parse -f docx "$seed" > "$tmp/w/$name.docx"
    ;;
  esac
  case $producer in
  lo) so --convert-to pdf:writer_web_pdf_Export --outdir "$tmp/w" "$tmp/w/$name.html" ;;
  lodocx)
    so --convert-to docx:"MS Word 2007 XML" --outdir "$tmp/w" "$tmp/w/$name.html"
    so --convert-to pdf --outdir "$tmp/w" "$tmp/w/$name.docx"
    ;;
  chrome)
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
      --print-to-pdf="$tmp/w/$name.pdf" "file://$tmp/w/$name.html" >/dev/null 2>&1
    ;;
  nbdocx) so --convert-to pdf --outdir "$tmp/w" "$tmp/w/$name.docx" ;;
  nbvert)
    python3 scripts/vertcells.py "$tmp/w/$name.docx" "$tmp/w/v.docx"
    mv "$tmp/w/v.docx" "$tmp/w/$name.docx"
    so --convert-to pdf --outdir "$tmp/w" "$tmp/w/$name.docx"
    ;;
  esac
  cp "$tmp/w/$name.pdf" "$out/$name.$producer.pdf"
done
ls -l "$out"
