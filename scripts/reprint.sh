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
out=testdata/reprint
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for src in testdata/corpus/*_html.txt; do
  name=$(basename "$src" .txt)
  cp "$src" "$tmp/$name.html"
  (cd "$tmp" && soffice --headless --convert-to pdf:writer_web_pdf_Export "$name.html" >/dev/null 2>&1)
  pdftotext -layout -enc UTF-8 "$tmp/$name.pdf" "$out/$name.pdflayout.txt"
  pdftotext -enc UTF-8 "$tmp/$name.pdf" "$out/$name.pdfdefault.txt"
  pdftotext -raw -enc UTF-8 "$tmp/$name.pdf" "$out/$name.pdfraw.txt"
  (cd "$tmp" && soffice --headless --convert-to "txt:Text (encoded):UTF8" "$name.html" >/dev/null 2>&1)
  cp "$tmp/$name.txt" "$out/$name.text.txt"
  sed 's#</body>#<script>document.body.textContent=document.body.innerText</script></body>#' "$tmp/$name.html" > "$tmp/it.html"
  chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$tmp/it.html" 2>/dev/null |
    python3 -c 'import sys,html,re; print(html.unescape(re.search(r"<body>(.*)</body>",sys.stdin.read(),re.S).group(1)))' \
    > "$out/$name.browser.txt"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$tmp/$name.chrome.pdf" \
    "file://$tmp/$name.html" >/dev/null 2>&1
  pdftotext -layout -enc UTF-8 "$tmp/$name.chrome.pdf" "$out/$name.chromepdf.txt"
done
