# Functions shared by scripts/lopdf.sh and scripts/reprint.sh: the shapes a
# report page (an HTML file) is turned into by the tools people use. Each
# takes the page's directory, its base name (page = DIR/NAME.html) and the
# output prefix (OUT → OUT.<shape>.txt). Needs soffice, pdftotext, chromium,
# python3.

# libreoffice_shapes: printed to PDF by LibreOffice and extracted by
# pdftotext with -layout (OUT.LAYOUTSHAPE.txt), without options
# (OUT.pdfdefault.txt) and with -raw (OUT.pdfraw.txt); saved as plain text
# (OUT.text.txt).
libreoffice_shapes() {
  local dir=$1 name=$2 out=$3 layoutshape=$4
  (cd "$dir" && soffice --headless --convert-to pdf:writer_web_pdf_Export "$name.html" >/dev/null 2>&1)
  pdftotext -layout -enc UTF-8 "$dir/$name.pdf" "$out.$layoutshape.txt"
  pdftotext -enc UTF-8 "$dir/$name.pdf" "$out.pdfdefault.txt"
  pdftotext -raw -enc UTF-8 "$dir/$name.pdf" "$out.pdfraw.txt"
  (cd "$dir" && soffice --headless --convert-to "txt:Text (encoded):UTF8" "$name.html" >/dev/null 2>&1)
  cp "$dir/$name.txt" "$out.text.txt"
}

# chromium_shapes: copied from the browser (its innerText, OUT.browser.txt)
# and printed to PDF by it, extracted with pdftotext -layout
# (OUT.chromepdf.txt).
chromium_shapes() {
  local dir=$1 name=$2 out=$3
  sed 's#</body>#<script>document.body.textContent=document.body.innerText</script></body>#' "$dir/$name.html" > "$dir/it.html"
  chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$dir/it.html" 2>/dev/null |
    python3 -c 'import sys,html,re; print(html.unescape(re.search(r"<body>(.*)</body>",sys.stdin.read(),re.S).group(1)))' \
    > "$out.browser.txt"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$dir/$name.chrome.pdf" \
    "file://$dir/$name.html" >/dev/null 2>&1
  pdftotext -layout -enc UTF-8 "$dir/$name.chrome.pdf" "$out.chromepdf.txt"
}
