#!/usr/bin/env python3
"""Turns the merged group-label cells of a .docx written by `nianbao parse
-f docx` vertical (w:textDirection tbRl), as many agencies' Word and WPS
reports set 三、本年度办理结果, （三）不予公开 … and 行政复议/行政诉讼:
their PDF then draws those labels a character a line (the vertical-label
fixture of scripts/pdffixtures.sh).

    vertcells.py IN.docx OUT.docx
"""
import re
import sys
import zipfile

# Group labels only: a row label with values (2019's （六）其他处理) stays
# horizontal, as in the reports.
GROUPS = ('三、本年度办理结果', '申请人情况', '行政复议', '行政诉讼')
PREFIXES = ('（三）不予公开', '（四）无法提供', '（五）不予处理')


def vertical(tc, count):
    text = ''.join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>', tc))
    if text not in GROUPS and not text.startswith(PREFIXES):
        return tc
    count[0] += 1
    if '<w:tcPr>' in tc:
        return tc.replace('<w:tcPr>', '<w:tcPr><w:textDirection w:val="tbRl"/>', 1)
    return tc.replace('<w:tc>', '<w:tc><w:tcPr><w:textDirection w:val="tbRl"/></w:tcPr>', 1)


def main(src, dst):
    count = [0]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == 'word/document.xml':
                s = re.sub(r'<w:tc>.*?</w:tc>', lambda m: vertical(m.group(0), count),
                           data.decode('utf-8'), flags=re.S)
                data = s.encode('utf-8')
            zout.writestr(item, data)
    if count[0] == 0:
        sys.exit('vertcells.py: no group-label cell found')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
