// Package docxtext is the front end for Word files (.docx, Office Open XML):
// reports as agencies publish them for download.
//
// [ToText] reads the main document part, word/document.xml, with the
// standard library only (archive/zip, encoding/xml), and returns the plain
// text the parser reads and a [posmap.Map] back to the document:
//
//   - every paragraph outside a table is a line (a w:br in it starts a new
//     line, a w:tab is a TAB);
//   - every table row is one line of TAB-separated fields, a field per
//     cell (w:tc) as internal/htmltext writes a row: a cell spanning several
//     grid columns (w:gridSpan) is one field, a cell continuing a vertical
//     merge (w:vMerge) is one empty field, and missing grid columns before
//     the first cell (w:gridBefore) are one empty field, those after the
//     last (w:gridAfter) none. That is what the parser's TAB handling reads:
//     the fields after a row's label are its cells, an empty field a blank
//     cell, and a row with as many fields as its table's widest reaches
//     the table's right edge (FORMAT.md, "Placing values in a row"). The
//     paragraphs of one cell are joined by a space;
//   - a table whose cells hold tables, or that has a single column, is a
//     layout table: its cells are read as blocks (paragraphs as lines,
//     tables as tables);
//   - deleted text (w:del, a tracked change) and field codes (w:instrText)
//     are not text; a field's result is. The fallback of w:AlternateContent
//     repeats its choice and is left out.
//
// A paragraph with an outline level (w:outlineLvl 0–8 in its properties or
// its style's, through w:basedOn, in word/styles.xml: Word's heading
// styles) is a heading: it is written as a Markdown heading, "# " for
// level 0, "## " for level 1, …, the way internal/htmltext writes h1–h6
// and the canonical text form writes the title and the section headings.
// The marks are characters of no source position.
//
// Automatic numbering (w:numPr in a paragraph's properties, the numeral
// Word generates in front of a heading, word/numbering.xml) is written
// before the paragraph's text for decimal and Chinese counting formats
// ("一、", "（二）", "3."): a character of no source position, mapping to
// the paragraph's start. Not read: numbering a paragraph has through its
// style (w:pStyle), w:lvlOverride and w:startOverride, other formats
// (letters, Roman numerals, bullets: no numeral is written).
//
// Positions: the line of a position in the source is the paragraph's
// number, counting every w:p of the document body in order from 1 (those
// in tables too), and its column is the rune offset in that paragraph's
// text plus one (a w:tab or w:br counts as one rune).
//
// The package knows nothing of the report.
package docxtext

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/internal/posmap"
)

// MaxDocumentSize is the largest word/document.xml read, uncompressed: a
// larger one (a zip bomb, or not a report) is refused with [ErrTooLarge].
const MaxDocumentSize = 64 << 20

const (
	maxDepth = 256 // elements nested deeper make the document unreadable
	maxSpan  = 64  // a larger gridSpan, gridBefore or gridAfter is read as this
)

var (
	// ErrTooLarge is returned for a document part larger than
	// MaxDocumentSize uncompressed.
	ErrTooLarge = errors.New("word/document.xml is too large")
	// ErrNoDocument is returned for a zip without word/document.xml.
	ErrNoDocument = errors.New("no word/document.xml in the zip")
)

const documentPart = "word/document.xml"

// Is reports whether src is a zip that holds word/document.xml: a local
// file header at its start and the part's name in it. It looks at the
// first four bytes of anything else.
func Is(src []byte) bool {
	return bytes.HasPrefix(src, []byte("PK\x03\x04")) && bytes.Contains(src, []byte(documentPart))
}

// ToText returns the text of a Word file and the map of its positions
// back to the document's paragraphs; ok is false if src cannot be read
// (see [Read] for why).
func ToText(src []byte) (text string, m *posmap.Map, ok bool) {
	b, m, err := Read(src)
	return string(b), m, err == nil
}

// Read is [ToText] with the reason a file cannot be read: it is not a zip
// or is damaged, it has no word/document.xml ([ErrNoDocument]), the part
// is larger than [MaxDocumentSize] ([ErrTooLarge]), or it is not
// well-formed XML.
func Read(src []byte) (text []byte, m *posmap.Map, err error) {
	data, num, st, err := documentXML(src)
	if err != nil {
		return nil, nil, err
	}
	r := &reader{d: xml.NewDecoder(bytes.NewReader(data)), num: num, styles: st}
	bs, err := r.blocks()
	if err != nil {
		return nil, nil, fmt.Errorf("docx: %s: %w", documentPart, err)
	}
	var w writer
	w.m = &posmap.Map{}
	w.blocks(bs)
	return w.out, w.m, nil
}

// documentXML returns the uncompressed word/document.xml of the zip src,
// its automatic numbering (none if word/numbering.xml is missing or
// unreadable) and its styles' outline levels (none if word/styles.xml is
// missing or unreadable).
func documentXML(src []byte) ([]byte, *numbering, styles, error) {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("docx: not a readable zip: %w", err)
	}
	var data []byte
	var num *numbering
	var st styles
	found := false
	for _, f := range zr.File {
		switch f.Name {
		case documentPart:
			if data, err = readPart(f); err != nil {
				return nil, nil, nil, err
			}
			found = true
		case numberingPart:
			if b, err := readPart(f); err == nil {
				num = readNumbering(b)
			}
		case stylesPart:
			if b, err := readPart(f); err == nil {
				st = readStyles(b)
			}
		}
	}
	if !found {
		return nil, nil, nil, fmt.Errorf("docx: %w", ErrNoDocument)
	}
	return data, num, st, nil
}

// readPart returns a part of the zip uncompressed, at most MaxDocumentSize
// bytes.
func readPart(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > MaxDocumentSize {
		return nil, fmt.Errorf("docx: %s: %w: %d bytes (at most %d are read)", f.Name, ErrTooLarge, f.UncompressedSize64, MaxDocumentSize)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("docx: %s: %w", f.Name, err)
	}
	defer rc.Close()
	// The size in the header may lie: read no more than the cap.
	data, err := io.ReadAll(io.LimitReader(rc, MaxDocumentSize+1))
	if err != nil {
		return nil, fmt.Errorf("docx: %s: %w", f.Name, err)
	}
	if len(data) > MaxDocumentSize {
		return nil, fmt.Errorf("docx: %s: %w: more than %d bytes", f.Name, ErrTooLarge, MaxDocumentSize)
	}
	return data, nil
}

// A block is a paragraph or a table.
type block struct {
	para *para
	tbl  *table
}

// para is a paragraph: its number (1-based, document order) and text.
type para struct {
	n     int
	level int    // outline level: 0–8 a heading, noOutline body text
	label []rune // the numeral automatic numbering puts before the text
	text  []rune
}

type table struct{ rows []row }

type row struct {
	before, after int
	cells         []cell
}

type cell struct {
	span   int
	merged bool // continues a vertical merge
	blocks []block
}

// reader builds the blocks of document.xml from its tokens.
type reader struct {
	d      *xml.Decoder
	num    *numbering // nil: no automatic numbering
	styles styles     // nil: no styles
	paras  int
	depth  int
}

// next returns the next token, counting the nesting depth.
func (r *reader) next() (xml.Token, error) {
	t, err := r.d.Token()
	if err == io.EOF {
		return nil, errors.New("unexpected end of the document")
	}
	if err != nil {
		return nil, err
	}
	switch t.(type) {
	case xml.StartElement:
		r.depth++
		if r.depth > maxDepth {
			return nil, fmt.Errorf("elements nested more than %d deep", maxDepth)
		}
	case xml.EndElement:
		r.depth--
	}
	return t, nil
}

// skip skips the rest of the element just started.
func (r *reader) skip() error {
	for d := 1; d > 0; {
		t, err := r.next()
		if err != nil {
			return err
		}
		switch t.(type) {
		case xml.StartElement:
			d++
		case xml.EndElement:
			d--
		}
	}
	return nil
}

// blocks reads the whole document: the blocks of its body.
func (r *reader) blocks() ([]block, error) {
	var bs []block
	for {
		t, err := r.d.Token()
		if err == io.EOF {
			return bs, nil
		}
		if err != nil {
			return nil, err
		}
		if _, ok := t.(xml.StartElement); ok {
			r.depth = 1
			more, err := r.content(nil)
			if err != nil {
				return nil, err
			}
			bs = append(bs, more...)
		}
	}
}

// content reads the blocks inside the element just started, to its end:
// paragraphs and tables, through any wrapper (body, sdt, customXml, ins).
// In a cell (c not nil) it reads the cell's properties into c.
func (r *reader) content(c *cell) ([]block, error) {
	var bs []block
	for {
		t, err := r.next()
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.EndElement:
			return bs, nil
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				p, err := r.paragraph()
				if err != nil {
					return nil, err
				}
				bs = append(bs, block{para: p})
			case "tbl":
				tb, err := r.table()
				if err != nil {
					return nil, err
				}
				bs = append(bs, block{tbl: tb})
			case "tcPr":
				if c == nil {
					if err := r.skip(); err != nil {
						return nil, err
					}
				} else if err := r.cellProps(c); err != nil {
					return nil, err
				}
			case "del", "moveFrom", "Fallback", "sectPr", "tblPr", "tblGrid", "trPr", "pPr", "rPr":
				if err := r.skip(); err != nil {
					return nil, err
				}
			default:
				more, err := r.content(c)
				if err != nil {
					return nil, err
				}
				bs = append(bs, more...)
			}
		}
	}
}

// paragraph reads a w:p just started.
func (r *reader) paragraph() (*para, error) {
	r.paras++
	p := &para{n: r.paras}
	inText := 0
	numID, ilvl := "", 0
	style, level := "", -1 // w:pStyle, w:outlineLvl (-1: none)
	for d := 1; ; {
		t, err := r.next()
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.EndElement:
			d--
			if d == 0 {
				if numID != "" {
					p.label = []rune(r.num.next(numID, ilvl))
				}
				p.level = level
				if level < 0 {
					p.level = r.styles.level(style)
				}
				return p, nil
			}
			if t.Name.Local == "t" && inText > 0 {
				inText--
			}
		case xml.CharData:
			if inText > 0 {
				p.text = append(p.text, []rune(string(t))...)
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "del", "moveFrom", "instrText", "delText", "delInstrText", "Fallback", "rPr":
				if err := r.skip(); err != nil {
					return nil, err
				}
				continue
			case "numId":
				if d == 3 { // w:pPr/w:numPr/w:numId
					numID = attr(t, "val")
				}
			case "ilvl":
				if d == 3 {
					ilvl = span(t, 0)
				}
			case "pStyle":
				if d == 2 { // w:pPr/w:pStyle
					style = attr(t, "val")
				}
			case "outlineLvl":
				if d == 2 {
					level = outlineLevel(t)
				}
			case "t":
				inText++
			case "tab", "ptab":
				p.text = append(p.text, '\t')
			case "br", "cr":
				p.text = append(p.text, '\n')
			case "p": // a text box's paragraph inside this one
				if len(p.text) > 0 {
					p.text = append(p.text, ' ')
				}
			}
			d++
		}
	}
}

// table reads a w:tbl just started.
func (r *reader) table() (*table, error) {
	tb := &table{}
	for d := 1; ; {
		t, err := r.next()
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.EndElement:
			d--
			if d == 0 {
				return tb, nil
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "tr":
				rw, err := r.row()
				if err != nil {
					return nil, err
				}
				tb.rows = append(tb.rows, rw)
			case "tblPr", "tblGrid", "del", "Fallback", "tbl", "p":
				if err := r.skip(); err != nil {
					return nil, err
				}
			default:
				d++
			}
		}
	}
}

// row reads a w:tr just started.
func (r *reader) row() (row, error) {
	var rw row
	for d := 1; ; {
		t, err := r.next()
		if err != nil {
			return rw, err
		}
		switch t := t.(type) {
		case xml.EndElement:
			d--
			if d == 0 {
				return rw, nil
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "tc":
				c, err := r.cell()
				if err != nil {
					return rw, err
				}
				rw.cells = append(rw.cells, c)
			case "gridBefore":
				rw.before = span(t, 0)
				d++
			case "gridAfter":
				rw.after = span(t, 0)
				d++
			case "del", "Fallback", "tblPrEx", "tbl", "p":
				if err := r.skip(); err != nil {
					return rw, err
				}
			default:
				d++
			}
		}
	}
}

// cell reads a w:tc just started.
func (r *reader) cell() (cell, error) {
	c := cell{span: 1}
	bs, err := r.content(&c)
	c.blocks = bs
	return c, err
}

// cellProps reads a w:tcPr just started.
func (r *reader) cellProps(c *cell) error {
	for d := 1; d > 0; {
		t, err := r.next()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.EndElement:
			d--
		case xml.StartElement:
			d++
			switch t.Name.Local {
			case "gridSpan":
				c.span = max(span(t, 1), 1)
			case "vMerge":
				c.merged = attr(t, "val") != "restart"
			}
		}
	}
	return nil
}

// span reads the w:val of a gridSpan, gridBefore or gridAfter, capped.
func span(s xml.StartElement, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(attr(s, "val")))
	if err != nil || n < 0 {
		return def
	}
	return min(n, maxSpan)
}

// attr returns the value of the attribute named local (w:val), or "".
func attr(s xml.StartElement, local string) string {
	for _, a := range s.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// writer writes blocks as lines and builds the map.
type writer struct {
	out []byte
	m   *posmap.Map
	col int         // runes on the current line
	cur posmap.Line // the map of the current line
	has bool        // a line is started
}

// start starts a line whose source element is paragraph n.
func (w *writer) start(n int) {
	w.cur = posmap.Line{Anchor: posmap.Pos{Line: n, Column: 1}}
	w.col = 0
	w.has = true
}

// end ends the current line.
func (w *writer) end() {
	w.out = append(w.out, '\n')
	w.m.Lines = append(w.m.Lines, w.cur)
	w.has = false
}

// text writes runes of paragraph n starting at its rune offset off.
func (w *writer) text(rs []rune, n, off int) {
	if len(rs) == 0 {
		return
	}
	w.cur.Segs = append(w.cur.Segs, posmap.Seg{Col: w.col, Pos: posmap.Pos{Line: n, Column: off + 1}})
	for _, r := range rs {
		w.out = utf8.AppendRune(w.out, r)
	}
	w.col += len(rs)
}

// synth writes a character of the writer's own (a TAB between fields, a
// space joining paragraphs): it is in no segment.
func (w *writer) synth(r rune) {
	w.out = utf8.AppendRune(w.out, r)
	w.col++
}

func (w *writer) blocks(bs []block) {
	for _, b := range bs {
		switch {
		case b.para != nil:
			w.para(b.para)
		case b.tbl != nil:
			w.table(b.tbl)
		}
	}
}

// para writes a paragraph as a line, a line per w:br.
func (w *writer) para(p *para) {
	w.start(p.n)
	if p.level < noOutline && len(p.text) > 0 {
		for range p.level + 1 {
			w.synth('#')
		}
		w.synth(' ')
	}
	for _, r := range p.label {
		w.synth(r)
	}
	off := 0
	for i, r := range p.text {
		if r == '\n' {
			w.text(p.text[off:i], p.n, off)
			w.end()
			w.start(p.n)
			off = i + 1
		}
	}
	w.text(p.text[off:], p.n, off)
	w.end()
}

// layout reports whether a table is for layout: a cell holds a table, or
// no row has more than one grid column.
func (t *table) layout() bool {
	wide := false
	for _, rw := range t.rows {
		cols := rw.before + rw.after
		for _, c := range rw.cells {
			cols += c.span
			for _, b := range c.blocks {
				if b.tbl != nil {
					return true
				}
			}
		}
		wide = wide || cols > 1
	}
	return !wide
}

// table writes a table: a line per row, or its cells as blocks if it is
// for layout.
func (w *writer) table(t *table) {
	if t.layout() {
		for _, rw := range t.rows {
			for _, c := range rw.cells {
				w.blocks(c.blocks)
			}
		}
		return
	}
	for _, rw := range t.rows {
		w.start(firstPara(rw))
		field := 0
		sep := func() {
			if field > 0 {
				w.synth('\t')
			}
			field++
		}
		if rw.before > 0 {
			sep()
		}
		for _, c := range rw.cells {
			sep()
			if !c.merged {
				w.cell(c)
			}
		}
		w.end()
	}
}

// cell writes the text of a cell's paragraphs on one line, joined by a
// space; TABs and breaks in them are spaces, leading and trailing white
// space is dropped.
func (w *writer) cell(c cell) {
	first := true
	for _, b := range c.blocks {
		if b.para == nil {
			continue
		}
		rs := b.para.text
		lo, hi := 0, len(rs)
		for lo < hi && isSpace(rs[lo]) {
			lo++
		}
		for hi > lo && isSpace(rs[hi-1]) {
			hi--
		}
		if lo == hi {
			continue
		}
		if !first {
			w.synth(' ')
		}
		first = false
		for _, r := range b.para.label {
			w.synth(r)
		}
		part := make([]rune, hi-lo)
		for i, r := range rs[lo:hi] {
			if r == '\t' || r == '\n' {
				r = ' '
			}
			part[i] = r
		}
		w.text(part, b.para.n, lo)
	}
}

// isSpace: a space in a line (chars.IsInlineSpace: space, TAB, U+3000, the
// no-break space) or a line break.
func isSpace(r rune) bool { return chars.IsInlineSpace(r) || r == '\n' }

// firstPara returns the number of the first paragraph in a row, or 1.
func firstPara(rw row) int {
	for _, c := range rw.cells {
		for _, b := range c.blocks {
			if b.para != nil {
				return b.para.n
			}
		}
	}
	return 1
}
