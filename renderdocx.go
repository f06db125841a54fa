package nianbao

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
)

// RenderDOCX writes r as a Word document (.docx, Office Open XML) in the
// official layout, for an agency to publish or to edit in Word or WPS: the
// title, the preamble, the sections with their headings and text, the
// tables of sections 2–4 laid out as [RenderHTML] lays them out (table 2
// with a caption row per block, table 3 and table 4 with the template's
// merged headers and group labels: merged cells are w:gridSpan across
// columns and w:vMerge down rows), and the signature, right-aligned, on an
// A4 page.
//
// A blank cell is an empty table cell, a not-applicable cell "/", a number
// its digits exactly as stored, a text cell its text. Free text is written
// as it is, a paragraph per line (no backslash escapes: a line that looks
// like a heading or a table row is read back as one, as from any Word file).
// A character XML cannot hold (a control character) is written as U+FFFD
// and reported.
//
// The document reads back through [Parse] as the report it was written
// from. The output is deterministic: the same report gives the same bytes
// (fixed part order, fixed zip timestamps). Like [RenderHTML], RenderDOCX
// builds the file in memory and writes it with one Write call; the error is
// that write's error, or one wrapping [ErrNotRenderable] when some content
// could not be written as it is (the rest is written all the same).
func RenderDOCX(w io.Writer, r *Report) error {
	var p printer
	p.docx(r)
	pkg, err := docxPackage(p.buf.Bytes(), docxCore(r))
	if err != nil {
		return fmt.Errorf("nianbao: render: %w", err)
	}
	if _, err := w.Write(pkg); err != nil {
		return err
	}
	return p.err
}

// docxTime is the modification time of every part: the earliest a zip
// file can record, so that the output depends on the report only.
var docxTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// docxPackage returns the .docx holding document.xml and the fixed parts
// around it, in a fixed order.
func docxPackage(document, core []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, part := range []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(docxContentTypes)},
		{"_rels/.rels", []byte(docxRels)},
		{"word/document.xml", document},
		{"word/_rels/document.xml.rels", []byte(docxDocumentRels)},
		{"word/styles.xml", []byte(docxStyles)},
		{"docProps/core.xml", core},
	} {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: docxTime})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(part.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const docxXMLHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const docxContentTypes = docxXMLHeader +
	`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`</Types>` + "\n"

const docxRels = docxXMLHeader +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>` + "\n"

// docxCore is the package's core properties (docProps/core.xml): the
// report's title and its agency as the author, in Chinese, which Word and
// WPS show in the file's properties and a document system indexes. No
// dates: the output depends on the report only.
func docxCore(r *Report) []byte {
	if r == nil {
		r = &Report{}
	}
	var b bytes.Buffer
	b.WriteString(docxXMLHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/">`)
	for _, p := range []struct{ tag, text string }{{"dc:title", r.Title}, {"dc:creator", r.Agency}, {"dc:language", "zh-CN"}} {
		if p.text == "" {
			continue
		}
		b.WriteString("<" + p.tag + ">")
		for _, c := range p.text {
			switch {
			case c == '&':
				b.WriteString("&amp;")
			case c == '<':
				b.WriteString("&lt;")
			case c == '>':
				b.WriteString("&gt;")
			case !xmlChar(c):
				b.WriteRune(utf8.RuneError) // document.xml's text says so (docxRun)
			default:
				b.WriteRune(c)
			}
		}
		b.WriteString("</" + p.tag + ">")
	}
	b.WriteString("</cp:coreProperties>\n")
	return b.Bytes()
}

const docxDocumentRels = docxXMLHeader +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>` + "\n"

// docxStyles are the document's styles: 宋体 text with a first-line indent
// of two characters, the title centred in bold, section headings in 黑体,
// table text smaller and without indent.
const docxStyles = docxXMLHeader +
	`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>` +
	`<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` + "\n" +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>` + "\n" +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>` + "\n" +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:ind w:firstLineChars="200" w:firstLine="480"/><w:outlineLvl w:val="1"/></w:pPr>` +
	`<w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` + "\n" +
	`<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:ind w:firstLineChars="200" w:firstLine="480"/></w:pPr></w:style>` + "\n" +
	`<w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="right"/></w:pPr></w:style>` + "\n" +
	`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>` + "\n" +
	`</w:styles>` + "\n"

// The page: A4 portrait, margins of 2.2 cm left and right; tables take the
// width between them.
const (
	docxPageWidth  = 11906 // twips
	docxPageHeight = 16838
	docxMarginX    = 1247
	docxMarginY    = 1440
	docxTextWidth  = docxPageWidth - 2*docxMarginX
)

// docx writes word/document.xml of r into p.buf.
func (p *printer) docx(r *Report) {
	if r == nil {
		r = &Report{}
	}
	p.buf.WriteString(docxXMLHeader)
	p.line(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	if title := strings.TrimFunc(oneLine(r.Title), chars.IsAnySpace); title != "" {
		p.docxPara("Title", title)
	}
	for _, l := range textLines(r.Preamble) {
		p.docxPara("BodyText", l)
	}
	sectionPlan(r, func(s Section, table string) {
		p.docxPara("Heading1", strings.TrimFunc(oneLine(s.Heading), chars.IsAnySpace))
		for _, l := range textLines(s.Text) {
			p.docxPara("BodyText", l)
		}
		if g := officialTable(r, table, p.fail); g != nil {
			p.docxTable(g)
		}
	})
	for _, l := range textLines(r.Signature) {
		p.docxPara("Signature", l)
	}
	fmt.Fprintf(&p.buf, `<w:sectPr><w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`+"\n",
		docxPageWidth, docxPageHeight, docxMarginY, docxMarginX, docxMarginY, docxMarginX)
	p.line(`</w:body></w:document>`)
	checkStrayCells(r, p.fail)
}

// docxPara writes a paragraph of the style with the text.
func (p *printer) docxPara(style, text string) {
	p.buf.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	p.docxRun(text, false)
	p.line(`</w:p>`)
}

// docxRun writes text as a run (none for empty text): XML-escaped, a TAB
// as w:tab, a CR as w:br (the text forms read a lone CR as a line end). A
// character XML 1.0 cannot hold, or a byte that is not UTF-8, is written
// as U+FFFD and reported.
func (p *printer) docxRun(text string, bold bool) {
	if text == "" {
		return
	}
	p.buf.WriteString(`<w:r>`)
	if bold {
		p.buf.WriteString(`<w:rPr><w:b/></w:rPr>`)
	}
	open := false
	for i, c := range text {
		switch c {
		case '\t', '\r':
			if open {
				p.buf.WriteString(`</w:t>`)
				open = false
			}
			if c == '\t' {
				p.buf.WriteString(`<w:tab/>`)
			} else {
				p.buf.WriteString(`<w:br/>`)
			}
			continue
		}
		if !open {
			p.buf.WriteString(`<w:t xml:space="preserve">`)
			open = true
		}
		switch {
		case c == '&':
			p.buf.WriteString("&amp;")
		case c == '<':
			p.buf.WriteString("&lt;")
		case c == '>':
			p.buf.WriteString("&gt;")
		case c == utf8.RuneError && !strings.HasPrefix(text[i:], "\uFFFD"):
			p.fail("text %q holds bytes that are not UTF-8: written as U+FFFD", text)
			p.buf.WriteRune(utf8.RuneError)
		case !xmlChar(c):
			p.fail("text %q holds the character U+%04X, which a Word file cannot hold: written as U+FFFD", text, c)
			p.buf.WriteRune(utf8.RuneError)
		default:
			p.buf.WriteRune(c)
		}
	}
	if open {
		p.buf.WriteString(`</w:t>`)
	}
	p.buf.WriteString(`</w:r>`)
}

// xmlChar reports whether XML 1.0 can hold the character c (its production
// Char; TAB, LF and CR are handled before).
func xmlChar(c rune) bool {
	return c == '\n' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF
}

// docxTable writes a table of the official layout. Its grid columns are
// laid out from its cells: a cell spanning several columns is one w:tc
// with w:gridSpan; a cell spanning rows is w:vMerge="restart" in its first
// row and an empty w:tc with w:vMerge, as wide, in each row below. The
// header rows repeat on every page the table runs over.
func (p *printer) docxTable(g *layoutTable) {
	widths := docxColumnWidths(g)
	p.line(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(docxTextWidth) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>` +
		`<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>`)
	p.buf.WriteString(`<w:tblGrid>`)
	for _, w := range widths {
		p.buf.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	p.line(`</w:tblGrid>`)
	// below[c] is the number of rows under the current one that a cell
	// starting in grid column c still covers, span[c] its width.
	below := make([]int, len(widths))
	span := make([]int, len(widths))
	for i, row := range g.rows {
		p.buf.WriteString(`<w:tr>`)
		if i < g.head {
			p.buf.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		p.buf.WriteByte('\n')
		col, next := 0, 0
		for next < len(row) || col < len(widths) && below[col] > 0 {
			if col < len(widths) && below[col] > 0 {
				below[col]--
				p.docxCell(widths, col, span[col], "continue", layoutCell{})
				col += span[col]
				continue
			}
			c := row[next]
			next++
			n := max(c.colspan, 1)
			merge := ""
			if c.rowspan > 1 && col < len(widths) {
				merge = "restart"
				below[col], span[col] = c.rowspan-1, n
			}
			p.docxCell(widths, col, n, merge, c)
			col += n
		}
		p.line(`</w:tr>`)
	}
	p.line(`</w:tbl>`)
}

// docxCell writes one w:tc spanning n grid columns from col: a vertical
// merge's start ("restart"), its continuation ("continue", empty), or a
// cell of its own ("").
func (p *printer) docxCell(widths []int, col, n int, merge string, c layoutCell) {
	w := 0
	for k := col; k < col+n && k < len(widths); k++ {
		w += widths[k]
	}
	p.buf.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(w) + `" w:type="dxa"/>`)
	if n > 1 {
		p.buf.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(n) + `"/>`)
	}
	switch merge {
	case "restart":
		p.buf.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		p.buf.WriteString(`<w:vMerge/>`)
	}
	p.buf.WriteString(`<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>`)
	if c.class != "" {
		p.buf.WriteString(`<w:jc w:val="left"/>`)
	}
	p.buf.WriteString(`</w:pPr>`)
	p.docxRun(c.text, c.class == "caption" || !c.value && c.class == "" && c.text != "")
	p.line(`</w:p></w:tc>`)
}

// docxColumnWidths returns the widths of the grid columns of a table, in
// twips, filling the text width: a column where a value cell stands alone
// is a value column, the value columns taking at most three fifths of the
// width; the others (row labels) share the rest by the length of the
// longest label standing alone in each (4 to 14 characters).
func docxColumnWidths(g *layoutTable) []int {
	width := 0
	for _, c := range g.rows[0] {
		width += max(c.colspan, 1)
	}
	value := make([]bool, width)
	weight := make([]int, width) // of a label column: its longest label, in characters
	below := make([]int, width)
	span := make([]int, width)
	for _, row := range g.rows {
		col, next := 0, 0
		for next < len(row) || col < len(below) && below[col] > 0 {
			if col < len(below) && below[col] > 0 {
				below[col]--
				col += span[col]
				continue
			}
			c := row[next]
			next++
			n := max(c.colspan, 1)
			for col+n > len(value) {
				value = append(value, false)
				weight = append(weight, 0)
				below = append(below, 0)
				span = append(span, 0)
			}
			if n == 1 {
				if c.value {
					value[col] = true
				} else {
					weight[col] = max(weight[col], utf8.RuneCountInString(c.text))
				}
			}
			if c.rowspan > 1 {
				below[col], span[col] = c.rowspan-1, n
			}
			col += n
		}
	}
	nv := 0
	for _, v := range value {
		if v {
			nv++
		}
	}
	labels := 0 // the label columns' weights, each between 4 and 14 characters
	for i, v := range value {
		if !v {
			weight[i] = min(max(weight[i], 4), 14)
			labels += weight[i]
		}
	}
	widths := make([]int, len(value))
	vw := 0
	switch {
	case labels == 0:
		vw = docxTextWidth / nv
	case nv > 0:
		vw = min(docxTextWidth*3/5/nv, 2000)
	}
	rest := docxTextWidth - vw*nv
	for i, v := range value {
		if v {
			widths[i] = vw
		} else {
			widths[i] = rest * weight[i] / labels
		}
	}
	return widths
}
