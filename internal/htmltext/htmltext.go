// Package htmltext is the front end for HTML input: reports as agencies
// publish them on their web sites.
//
// [ToText] turns a page into the plain text the parser reads, and a
// [posmap.Map] that takes every position in that text back to the page's
// source.
// Block elements become lines; every <table> becomes one line per grid row
// with rowspan and colspan resolved (a merged cell's text in its first grid
// cell, the cells it spans empty) and cells joined by a TAB. Script, style,
// navigation, hidden elements and comments are not visible text and are
// left out. A table whose cells hold tables, or that has a single column, is
// a layout table: its cells are read as blocks. A page whose DOM has no
// report tables but that carries the report as escaped HTML in a script
// string or a textarea (as some CMSs do) is read from that markup.
//
// Positions are kept through all of it: each output line is a list of
// segments, runs of characters that map one to one onto consecutive
// characters of one source line.
//
// The package knows nothing of the report beyond the catalog's texts that
// tell a report table from other tables (see hasReportTable).
package htmltext

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/internal/posmap"
	"github.com/opengovcn/nianbao/schema"
)

// Limits that keep the conversion linear in the input size.
const (
	htmlMaxColspan  = 32   // a larger colspan is read as this
	htmlMaxWidth    = 32   // grid columns tracked (see gridState); cells beyond are appended unspanned
	htmlMaxEmbedded = 2    // nesting of script-embedded markup
	htmlMaxTables   = 64   // nesting of tables; deeper <table> tags are ignored
	htmlBlockCell   = 6    // paragraphs that make a cell a page column, not a value
	htmlStreamRows  = 1024 // rows after which a data table is gridded row by row
	htmlSniffBytes  = 1 << 16
)

// htmlPrefix matches the start of a document that is HTML by its first tag.
var htmlPrefix = regexp.MustCompile(`(?i)^<(!doctype\s+html|html|head|body|meta|title|table|p|div|span|h[1-6]|br|font|center|style|section|article|!--)[\s>/]`)

// htmlTag matches a common HTML tag anywhere.
var htmlTag = regexp.MustCompile(`(?i)</?(html|head|body|div|p|span|table|tbody|tr|td|th|br|font|strong|meta|style|script|h[1-6]|section|article|a|ul|li)\b[^<>]*>`)

// Is reports whether src is an HTML page or fragment, judged by content:
// it starts (after a BOM and white space) with an HTML tag, or tags appear
// on most of its lines. Text with an occasional <br> is not HTML.
func Is(src []byte) bool {
	s := src
	if len(s) > htmlSniffBytes {
		s = s[:htmlSniffBytes]
	}
	s = bytes.TrimPrefix(s, []byte("\xef\xbb\xbf"))
	s = bytes.TrimLeftFunc(s, chars.IsHTMLSpace)
	if htmlPrefix.Match(s) || bytes.HasPrefix(s, []byte("<?xml")) && htmlTag.Match(s) {
		return true
	}
	if bytes.Count(s, []byte("<")) < 10 {
		return false // fewer than 10 tags whatever the lines: most text reports
	}
	lines, tagged, tags := 0, 0, 0
	for len(s) > 0 {
		var l []byte
		l, s, _ = bytes.Cut(s, []byte("\n"))
		if isBlankBytes(l) {
			continue
		}
		lines++
		if bytes.IndexByte(l, '<') < 0 {
			continue // no tag: the regexp need not run (most lines of a text report)
		}
		if n := len(htmlTag.FindAllIndex(l, -1)); n > 0 {
			tagged++
			tags += n
		}
	}
	return tags >= 10 && tagged*2 >= lines
}

// isBlankBytes is len(bytes.TrimSpace(l)) == 0, decided at the first rune
// that is no space.
func isBlankBytes(l []byte) bool {
	for i := 0; i < len(l); {
		r, n := rune(l[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(l[i:])
		}
		if !chars.IsUnicodeSpace(r) {
			return false
		}
		i += n
	}
	return true
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)`)

// Decode returns the page as UTF-8: the charset of a BOM, else of a
// <meta charset> or http-equiv content type, else UTF-8 if the bytes are
// valid UTF-8, else GB18030. Decoding keeps one rune per source character,
// so rune columns in the result are rune columns in the original.
func Decode(src []byte) string {
	doc, _, _ := decode(src, false, false)
	return doc
}

// decode is Decode, also reporting whether the page is valid UTF-8. With
// borrow, a page that needs no conversion is returned as a string sharing
// src's memory (see borrowed) instead of a copy. With assume, a page that
// is UTF-8 if it is valid UTF-8 (a BOM, no charset or UTF-8 declared) is
// not checked: it is returned as valid and assumed is true, and the caller
// must check every byte of it (htmlWalker.check) and, if one is not UTF-8,
// decode it again without assume.
func decode(src []byte, borrow, assume bool) (doc string, valid, assumed bool) {
	if b, ok := bytes.CutPrefix(src, []byte("\xef\xbb\xbf")); ok {
		if assume {
			return string(b), true, true
		}
		return string(b), utf8.Valid(b), false
	}
	head := src
	if len(head) > 4096 {
		head = head[:4096]
	}
	var enc encoding.Encoding
	if m := metaCharset.FindSubmatch(head); m != nil {
		name := strings.ToLower(string(m[1]))
		switch name {
		case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "hz-gb-2312":
			enc = simplifiedchinese.GB18030
		case "utf-8", "utf8", "unicode", "utf-16", "utf-16le", "utf-16be":
			// The page was read as bytes; UTF-16 labels in a page that
			// reached here as ASCII-compatible bytes are mislabels.
		default:
			if e, err := htmlindex.Get(name); err == nil {
				enc = e
			}
		}
	}
	asIs := func() string {
		if borrow {
			return borrowed(src)
		}
		return string(src)
	}
	if enc == nil && assume {
		return asIs(), true, true
	}
	valid = utf8.Valid(src)
	if enc == nil && !valid {
		enc = simplifiedchinese.GB18030
	}
	if enc == nil {
		return asIs(), true, false
	}
	if enc == simplifiedchinese.GB18030 && valid && !chars.IsASCII(src) {
		return asIs(), true, false // declared GBK but saved as UTF-8, a common mislabel
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), src)
	if err != nil {
		return strings.ToValidUTF8(string(src), "\ufffd"), true, false
	}
	return string(out), utf8.Valid(out), false
}

// borrowed returns src as a string without copying it: ToText reads a page
// of 100 KB and more whose text is a few KB, and the copy was a good part
// of its work and of the garbage a parse leaves. That is safe because src
// does not change while ToText runs (Parse's input is not written to), and
// nothing ToText returns refers to the string: lines are built by copying
// (hline.b), and tag names and other substrings of the page are kept by
// the walker only while it walks.
func borrowed(src []byte) string {
	return unsafe.String(unsafe.SliceData(src), len(src))
}

// hline is a line of output text being built.
type hline struct {
	b      []byte
	n      int // runes in b
	segs   []posmap.Seg
	anchor posmap.Pos // where the line's element starts, for lines without text
	table  bool       // a row of a data table
	last   rune
	lastP  posmap.Pos // source position of last, or zero if it was synthetic
	first  rune
	// Room for the bytes and segments of a short line (a table cell's), so
	// that a line is one allocation; b and segs start here.
	bbuf [32]byte
	sbuf [2]posmap.Seg
}

// seg starts a segment at the line's next rune.
func (l *hline) seg(p posmap.Pos) {
	if l.segs == nil {
		l.segs = l.sbuf[:0]
	}
	l.segs = append(l.segs, posmap.Seg{Col: l.n, Pos: p})
}

// add appends rune r that came from source position p.
func (l *hline) add(r rune, p posmap.Pos) {
	if !(l.lastP.IsValid() && p.Line == l.lastP.Line && p.Column == l.lastP.Column+1) {
		l.seg(p)
	}
	l.put(r)
	l.lastP = p
}

// synth appends a rune that is not in the source (a TAB between cells).
func (l *hline) synth(r rune) {
	l.put(r)
	l.lastP = posmap.Pos{}
}

func (l *hline) put(r rune) {
	if l.n == 0 {
		l.first = r
	}
	if l.b == nil {
		l.b = l.bbuf[:0] // most lines are longer than the 8 bytes append starts with
	}
	l.b = utf8.AppendRune(l.b, r)
	l.n++
	l.last = r
}

// appendLine appends m to l, shifting m's segments.
func (l *hline) appendLine(m *hline) {
	if m.n == 0 {
		return
	}
	if l.n == 0 {
		l.first = m.first
	}
	if l.segs == nil {
		l.segs = l.sbuf[:0]
	}
	for _, s := range m.segs {
		l.segs = append(l.segs, posmap.Seg{Col: s.Col + l.n, Pos: s.Pos})
	}
	if l.b == nil {
		l.b = l.bbuf[:0]
	}
	l.b = append(l.b, m.b...)
	l.n += m.n
	l.last, l.lastP = m.last, m.lastP
}

// container collects the lines of a block context: the page, a table cell,
// the stray text of a table.
type container struct {
	lines    []*hline
	cur      *hline
	pend     bool // collapsible white space pending before the next rune
	pendP    posmap.Pos
	hasTable bool // holds the lines of a nested table
	anchor   posmap.Pos
	cell     bool      // a table cell: its lines are joined into one
	prefix   string    // Markdown heading marker for the next line (h1–h6)
	lbuf     [1]*hline // where lines starts: a cell's one line
	spare    *hline    // a zero line for line to use first, or nil
	mem      *walkMem  // where other lines are allocated (may be nil)
}

func (c *container) line() *hline {
	if c.cur == nil {
		if c.spare != nil {
			// A cell's first line, allocated with the cell.
			c.cur, c.spare = c.spare, nil
			c.cur.anchor = c.anchor
		} else {
			c.cur = c.mem.line()
			c.cur.anchor = c.anchor
		}
	}
	return c.cur
}

// text appends a visible rune, first resolving pending white space: it is
// dropped at the start of a line and between two CJK characters.
func (c *container) text(r rune, p posmap.Pos) {
	l := c.line()
	if l.n == 0 && c.prefix != "" {
		for _, m := range c.prefix {
			l.synth(m)
		}
		c.pend = false
	}
	if c.pend && l.n > 0 && !(chars.IsCJK(l.last) && chars.IsCJK(r)) {
		l.add(' ', c.pendP)
	}
	c.pend = false
	l.add(r, p)
}

// space records collapsible white space at p.
func (c *container) space(p posmap.Pos) {
	if !c.pend {
		c.pend, c.pendP = true, p
	}
}

// brk ends the current line, if it has text.
func (c *container) brk() {
	c.pend, c.prefix = false, ""
	if c.cur != nil && c.cur.n > 0 {
		if c.lines == nil {
			c.lines = c.lbuf[:0]
		}
		c.lines = append(c.lines, c.cur)
	}
	c.cur = nil
}

// addLine appends a finished line (a table row) as a line of its own.
func (c *container) addLine(l *hline) {
	c.brk()
	c.lines = append(c.lines, l)
}

// flatten joins the container's lines into one, the text of a table cell:
// no separator between two CJK characters, one space otherwise. TABs inside
// the cell become spaces so they cannot split it.
func (c *container) flatten() *hline {
	c.brk()
	switch {
	case len(c.lines) == 0:
		return &emptyLine // a blank cell (gridState.row reads it only)
	case len(c.lines) == 1 && bytes.IndexByte(c.lines[0].b, '\t') < 0:
		return c.lines[0] // the common cell of one line: no copy
	}
	out := c.mem.line()
	out.anchor = c.anchor
	for i, l := range c.lines {
		if i > 0 && out.n > 0 && !(chars.IsCJK(out.last) && chars.IsCJK(l.first)) {
			out.synth(' ')
		}
		if bytes.IndexByte(l.b, '\t') >= 0 {
			l.b = bytes.ReplaceAll(l.b, []byte("\t"), []byte(" "))
		}
		out.appendLine(l)
	}
	return out
}

// emptyLine is the text of every blank cell; nothing writes to it.
var emptyLine hline

// htable is a table being read.
type htable struct {
	rows   []*hrow
	stray  *container // text inside the table but outside its cells
	cell   *hcell
	anchor posmap.Pos
	// A long data table is gridded as it is read (see stream): its rows'
	// lines so far, and the state of the grid between rows.
	streaming bool
	lines     []*hline
	grid      gridState
}

type hrow struct {
	cells []*hcell
	pos   posmap.Pos
	cbuf  [8]*hcell // where cells starts: most rows have no more
}

type hcell struct {
	c       *container
	colspan int
	rowspan int       // 0: to the end of the table
	cont    container // c points here: a cell is one allocation
	line    hline     // cont's first line (cont.spare), in the same allocation
}

// tracker follows the source position of the tokenizer: line and rune
// column counted as it goes, or looked up in a table of positions when the
// markup being read was itself unescaped from a script string.
//
// With doc set, it follows doc lazily: off is the byte offset reached, and
// line, col and idx are those of offset at (at most off); the runes between
// are counted when a position is asked for. Most tokens (tags, scripts)
// need no position of their own, and counting a stretch at once needs only
// its newlines and the runes after the last one.
type tracker struct {
	line, col int
	table     []posmap.Pos
	idx       int
	valid     bool // the text is valid UTF-8: a rune starts at every byte not continuing one
	doc       string
	off, at   int
}

// sync counts the runes of doc up to off. (It leaves idx, which only a
// tracker with a table reads.)
func (t *tracker) sync() {
	if t.at == t.off {
		return
	}
	b := t.doc[t.at:t.off]
	t.at = t.off
	if !t.valid {
		t.skipDecoding(b)
		return
	}
	n, tail := chars.LinesAndTail(b)
	if n == 0 {
		t.col += tail
		return
	}
	t.line += n
	t.col = 1 + tail
}

// eager returns a copy of t that counts as it goes, as a tracker without
// doc does.
func (t tracker) eager() tracker {
	t.sync()
	t.doc = ""
	return t
}

func (t *tracker) pos() posmap.Pos {
	if t.doc != "" {
		t.sync()
	}
	if t.table != nil {
		if t.idx < len(t.table) {
			return t.table[t.idx]
		}
		if n := len(t.table); n > 0 {
			p := t.table[n-1]
			return posmap.Pos{Line: p.Line, Column: p.Column + t.idx - n + 1}
		}
		return posmap.Pos{Line: 1, Column: 1}
	}
	return posmap.Pos{Line: t.line, Column: t.col}
}

// step steps over rune r, size bytes of the text (1 for an invalid byte).
func (t *tracker) step(r rune, size int) {
	if t.doc != "" {
		t.off += size
		if t.at+size != t.off {
			return // counted when asked for
		}
		t.at = t.off
	}
	t.idx++
	if r == '\n' {
		t.line++
		t.col = 1
	} else {
		t.col++
	}
}

// skip steps over the runes of b (an invalid byte is one rune, as when
// ranging over a string), counting them in bulk.
func (t *tracker) skip(b string) {
	if t.doc != "" {
		t.off += len(b)
		return
	}
	t.count(b)
}

// adv steps over n runes, size bytes of the text, none of them a newline.
func (t *tracker) adv(size, n int) {
	if t.doc != "" {
		t.off += size
		if t.at+size != t.off {
			return
		}
		t.at = t.off
	}
	t.col += n
	t.idx += n
}

// count steps over the runes of b.
func (t *tracker) count(b string) {
	if !t.valid {
		t.skipDecoding(b)
		return
	}
	n := runesIn(b)
	t.idx += n
	if strings.IndexByte(b, '\n') < 0 {
		t.col += n
		return
	}
	i := strings.LastIndexByte(b, '\n')
	t.line += strings.Count(b[:i+1], "\n")
	t.col = 1 + runesIn(b[i+1:])
}

// runesIn counts the runes of valid UTF-8.
func runesIn(b string) int { return chars.ValidRuneCount(b) }

// skipDecoding is skip for text that may not be valid UTF-8, decoding
// each rune that is not ASCII.
func (t *tracker) skipDecoding(b string) {
	n, after, nl := 0, 0, false // runes; runes after the last newline, if any
	for i := 0; i < len(b); n++ {
		if c := b[i]; c < utf8.RuneSelf {
			i++
			if c == '\n' {
				t.line++
				after, nl = -1, true
			}
		} else {
			_, size := utf8.DecodeRuneInString(b[i:])
			i += size
		}
		after++
	}
	t.idx += n
	if nl {
		t.col = 1 + after
	} else {
		t.col += n
	}
}

// elemClass is what the conversion does with an element, by its name: the
// bits below, looked up once per tag (classOf).
type elemClass uint16

const (
	elSkip    elemClass = 1 << iota // its content is not visible text
	elBlock                         // starts and ends a line
	elVoid                          // has no content and no end tag
	elTable                         // <table>
	elRow                           // <tr>
	elCell                          // <td>, <th>
	elPre                           // <pre> and the like: white space kept
	elHeading                       // <h1>–<h6>
	elEmbeds                        // <script>, <textarea>: may carry a report's markup
)

// classOf returns the class of the element of this name (in lower case);
// any other element is inline (0): its text runs on in the line. It is
// the one list of the elements the conversion looks at, and it is asked
// for every tag: a switch, which the compiler turns into a jump on the
// length and comparisons of a few bytes (a map, hashing the name, or a
// table of names to compare costs several times as much).
func classOf(name string) elemClass {
	switch name {
	case "script", "textarea":
		return elSkip | elEmbeds
	case "style", "title", "noscript", "template", "iframe", "svg", "object", "select", "nav", "math", "noembed",
		"noframes":
		return elSkip
	case "table":
		return elTable
	case "tr":
		return elRow
	case "td", "th":
		return elCell
	case "pre", "xmp", "listing", "plaintext":
		return elBlock | elPre
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return elBlock | elHeading
	case "br", "hr":
		return elBlock | elVoid
	case "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
		"fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "li", "main", "menu", "ol", "p",
		"section", "summary", "ul", "legend", "body", "html", "caption", "option":
		return elBlock
	case "area", "base", "col", "embed", "img", "input", "link", "meta", "param", "source", "track", "wbr":
		return elVoid
	}
	return 0
}

// mayHide reports whether a style may match hiddenStyle: whatever its case,
// it holds "none" or "hidden" (letters that fold to no non-ASCII letter, so
// ASCII case folding finds what the (?i) of hiddenStyle does). Most styles
// do not, and the test is much cheaper than the regexp.
//
// Where hiddenStyle matches, a colon has white space (\s: isSpace) on both
// sides, "none" or "hidden" after it, and before it the y that ends
// "display" and "visibility" (which folds to Y alone): only the colons are
// looked at, and a style such as border: none costs no regexp.
func mayHide(style string) bool {
	for i := 0; ; {
		j := strings.IndexByte(style[i:], ':')
		if j < 0 {
			return false
		}
		b := i + j // the colon
		i = b + 1
		for b > 0 && isSpace[style[b-1]] {
			b--
		}
		if b == 0 || style[b-1]|0x20 != 'y' {
			continue
		}
		k := i
		for k < len(style) && isSpace[style[k]] {
			k++
		}
		if k == len(style) {
			return false
		}
		switch style[k] | 0x20 {
		case 'n':
			if k+4 <= len(style) && strings.EqualFold(style[k:k+4], "none") {
				return true
			}
		case 'h':
			if k+6 <= len(style) && strings.EqualFold(style[k:k+6], "hidden") {
				return true
			}
		}
	}
}

var hiddenStyle = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)

// Invisible reports whether the content of an element of this name (in
// lower case) is not visible text: scripts, styles, navigation, forms'
// choices and the like. The conversion leaves it out.
func Invisible(element string) bool { return classOf(element)&elSkip != 0 }

// HiddenStyle reports whether a style attribute hides its element
// (display: none, visibility: hidden). The conversion leaves such an
// element out, as it does one with a hidden attribute.
func HiddenStyle(style string) bool { return hiddenStyle.MatchString(style) }

// styleCache remembers whether the last few style values read hide their
// element, keyed by the value as written.
type styleCache struct {
	raw   [4]string
	hides [4]bool
	next  int
}

func (c *styleCache) get(raw string) (hides, ok bool) {
	for i := range c.raw {
		if c.raw[i] == raw && raw != "" {
			return c.hides[i], true
		}
	}
	return false, raw == "" // "" hides nothing
}

func (c *styleCache) put(raw string, hides bool) {
	c.raw[c.next], c.hides[c.next] = raw, hides
	c.next = (c.next + 1) % len(c.raw)
}

// htmlWalker reads one page (or one piece of embedded markup).
type htmlWalker struct {
	tr  tracker
	mem *walkMem // blocks of cells and rows, reused from page to page
	// check: the page was assumed to be UTF-8 (decode's assume). Its
	// bytes are checked in runs as the walk goes (checkedTo is where the
	// run not yet checked starts), and invalid set if one is not UTF-8
	// (the walk then stops, its lines not to be used).
	check, invalid bool
	checkedTo      int
	cells          []hcell      // zero cells for newCell to hand out
	rows           []hrow       // zero rows for newRow to hand out, likewise
	stack          []*container // innermost last
	tables         []*htable    // innermost last
	ignored        int          // <table> tags nested too deep, not read as tables
	skip           string       // name of the element being skipped, if any
	skipN          int          // nesting of skip elements of that name
	pre            int          // depth of <pre>
	expand         bool         // read reports embedded in scripts and textareas
	depth          int          // nesting of embedded markup
	rawName        string       // script or textarea whose text is being collected
	rawText        []byte
	rawStart       tracker
	// The last styles read, as written, and whether each hides: a page
	// repeats a few styles hundreds of times, often two or three in turn
	// (a Word table's <td>, <p> and <span> each have their own).
	styles styleCache
}

func (w *htmlWalker) top() *container { return w.stack[len(w.stack)-1] }

// walk reads the markup doc and returns the lines of its visible text.
func (w *htmlWalker) walk(doc string) []*hline {
	root := &container{anchor: w.tr.pos(), mem: w.mem}
	w.stack = []*container{root}
	z := newTokenizer(doc)
	z.only = true
	for {
		// Tags of the common shape, and the text up to a tag, read
		// without tokens (fasttag.go) as long as they come.
		if z.rawTag == "" && w.rawName == "" && !noFastTag {
			z.raw.end = w.fast(doc, z.raw.end)
		}
		if w.invalid {
			break
		}
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case html.TextToken:
			if w.rawName != "" {
				if w.rawText == nil {
					w.rawStart = w.tr // at the token's start
				}
				w.rawText = append(w.rawText, raw...)
				w.tr.skip(raw)
				continue
			}
			if w.skip != "" {
				w.tr.skip(raw)
				continue
			}
			w.checkedText(doc, z.raw.start, z.raw.end)
		case html.StartTagToken, html.SelfClosingTagToken:
			w.startTag(z, z.tagName(), tt == html.SelfClosingTagToken) // w.tr at the tag's start
			w.tr.skip(raw)
		case html.EndTagToken:
			w.tr.skip(raw)
			w.endTag(z.tagName())
		default: // comments, doctype
			w.tr.skip(raw)
		}
	}
	w.checkUTF8(doc, len(doc)) // to the end, a tag the input ended in too
	for len(w.tables) > 0 {
		w.closeTable()
	}
	root.brk()
	return root.lines
}

// text reads a text token: entities decoded, white space collapsed (kept
// inside <pre>), each character with its source position.
func (w *htmlWalker) text(s string) {
	c := w.top()
	for i := 0; i < len(s); {
		if w.pre == 0 && asciiCollapsible(s[i]) {
			// A run of white space (the indentation between tags) is
			// one pending space, at its first character; at the start of
			// a line, where it is dropped, its position is not needed.
			if c.cur == nil || c.cur.n == 0 {
				c.pend = true
			} else {
				c.space(w.tr.pos())
			}
			j := i + 1
			for j < len(s) && asciiCollapsible(s[j]) {
				j++
			}
			w.tr.skip(s[i:j])
			i = j
			continue
		}
		p := w.tr.pos()
		r, size := utf8.DecodeRuneInString(s[i:])
		if size == 1 && r == utf8.RuneError && w.check {
			w.invalid = true
		}
		if r == '&' {
			if dec, n := decodeEntity(s[i:]); n > 0 {
				for _, d := range dec {
					w.visible(c, d, p)
				}
				for _, rr := range s[i : i+n] {
					w.tr.step(rr, 1) // a reference is ASCII
				}
				i += n
				continue
			}
		}
		w.visible(c, r, p)
		w.tr.step(r, size)
		i += size
		if w.pre == 0 && w.tr.table == nil && w.tr.valid && !chars.IsCollapsible(r) {
			i = w.plainRun(c, s, i)
		}
	}
}

// plainRun appends to c's line, after the rune just read from s (a
// visible one, not white space), the runes that follow it up to the next
// white space or &, and returns the offset after them. It does what
// reading them one by one does (each continues the line's last segment,
// its source the next column of the same line), in bulk: only for valid
// UTF-8 outside <pre>, whose positions are counted, not looked up.
func (w *htmlWalker) plainRun(c *container, s string, i int) int {
	j, n := i, 0
	var last rune
	for j < len(s) {
		r, size := rune(s[j]), 1
		if r >= utf8.RuneSelf {
			if r, size = chars.DecodeRune(s[j:]); size == 1 && w.check {
				w.invalid = true // (U+FFFD itself is three bytes)
			}
		}
		if r == '&' || chars.IsCollapsible(r) {
			break
		}
		last = r
		j += size
		n++
	}
	if n == 0 {
		return i
	}
	l := c.cur
	l.b = append(l.b, s[i:j]...)
	l.n += n
	l.last = last
	w.tr.adv(j-i, n)
	l.lastP = posmap.Pos{Line: w.tr.line, Column: w.tr.col - 1}
	return j
}

// checkUTF8 checks, if w.check, the run of doc from w.checkedTo to end.
// Left out of the runs are text the walker reads (checkedText: text and
// plainRun decode every rune, and see one that is not UTF-8) and a style's
// value fastTag finds in its cache (the same bytes were checked where the
// value was first read, earlier).
func (w *htmlWalker) checkUTF8(doc string, end int) {
	if w.check && !w.invalid && w.checkedTo < end {
		s := doc[w.checkedTo:end] // most runs are markup, ASCII
		w.invalid = !chars.IsASCIIString(s) && !utf8.ValidString(s)
		w.checkedTo = end
	}
}

// checkedText reads the text doc[i:k], which it leaves out of the runs
// checkUTF8 checks: w.text checks the runes it decodes.
// Short text (the white space between two tags, a cell's "0") stays in
// the run: ending a run there would make the runs many and short.
func (w *htmlWalker) checkedText(doc string, i, k int) {
	if k-i < shortText {
		w.text(doc[i:k])
		return
	}
	w.checkUTF8(doc, i)
	w.text(doc[i:k])
	if w.check {
		w.checkedTo = k
	}
}

// shortText is the length under which checkedText leaves text in the run.
const shortText = 24

// asciiCollapsible is chars.IsCollapsible for a byte below 0x80 (HTML's
// white space and NUL), looked up.
func asciiCollapsible(b byte) bool { return collapsibleByte[b] }

var collapsibleByte = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = chars.IsCollapsible(rune(c))
	}
	return
}()

func (w *htmlWalker) visible(c *container, r rune, p posmap.Pos) {
	switch {
	case r == '\n' && w.pre > 0:
		c.brk()
	case r == '\r' && w.pre > 0:
	case w.pre > 0 && (r == ' ' || r == '\t'):
		c.text(r, p)
	case chars.IsCollapsible(r):
		c.space(p)
	default:
		c.text(r, p)
	}
}

// decodeEntity decodes the character reference at the start of s and
// returns its text and length, or n = 0 if s does not start with one.
func decodeEntity(s string) (string, int) {
	end := -1
	for i := 1; i < len(s) && i < 40; i++ {
		c := s[i]
		if c == ';' {
			end = i + 1
			break
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || chars.IsASCIIDigit(rune(c)) || c == '#') {
			break
		}
		end = -(i + 1) // no semicolon yet: s[:i+1] is a candidate without one
	}
	if end > 0 {
		switch s[:end] { // the common ones, as html.UnescapeString decodes them
		case "&nbsp;":
			return "\u00a0", end
		case "&amp;":
			return "&", end
		case "&lt;":
			return "<", end
		case "&gt;":
			return ">", end
		case "&quot;":
			return "\"", end
		}
		if dec := html.UnescapeString(s[:end]); dec != s[:end] {
			return dec, end
		}
		return "", 0
	}
	for _, name := range []string{"&nbsp", "&amp", "&lt", "&gt", "&quot"} {
		if strings.HasPrefix(s, name) {
			return html.UnescapeString(name + ";"), len(name)
		}
	}
	return "", 0
}

// startTag reads a start tag token; w.tr is at its start, the position of
// the elements it starts.
func (w *htmlWalker) startTag(z *tokenizer, name string, selfClosing bool) {
	if w.skip != "" {
		if name == w.skip && !selfClosing {
			w.skipN++
		}
		return
	}
	colspan, rowspan, hidden := 1, 1, false
	for i := range z.attrs() {
		switch z.attrKind(i) {
		case attrStyle:
			if !hidden {
				raw := z.attrRawVal(i)
				h, ok := w.styles.get(raw)
				if !ok {
					h = styleHides(z.attrVal(i))
					w.styles.put(raw, h)
				}
				hidden = h
			}
		case attrHidden:
			hidden = true
		case attrColspan:
			colspan = spanAttr(z.attrVal(i), 1)
		case attrRowspan:
			rowspan = spanAttr(z.attrVal(i), 1)
		}
	}
	w.element(name, colspan, rowspan, hidden, selfClosing)
}

// styleHides reports whether a style attribute's value hides its element.
func styleHides(v string) bool { return mayHide(v) && hiddenStyle.MatchString(v) }

// element starts an element outside any skipped one: its name, its spans,
// whether an attribute hides it, whether its tag closed it (<br/>).
func (w *htmlWalker) element(name string, colspan, rowspan int, hidden, selfClosing bool) {
	cls := classOf(name)
	if w.expand && cls&elEmbeds != 0 && !selfClosing {
		w.rawName, w.rawText = name, nil
		return
	}
	if cls&elSkip != 0 || hidden && cls&elVoid == 0 && !selfClosing {
		if !selfClosing && cls&elVoid == 0 {
			w.skip, w.skipN = name, 1
		}
		return
	}
	switch {
	case cls&elTable != 0:
		if len(w.tables) < htmlMaxTables {
			w.openTable(w.tr.pos())
		} else {
			w.ignored++
		}
	case cls&elRow != 0:
		if t := w.table(); t != nil {
			w.closeCell()
			t.stream()
			t.rows = append(t.rows, w.newRow(w.tr.pos()))
		}
	case cls&elCell != 0:
		if t := w.table(); t != nil {
			w.closeCell()
			p := w.tr.pos()
			if len(t.rows) == 0 {
				t.rows = append(t.rows, w.newRow(p))
			}
			row := t.rows[len(t.rows)-1]
			cell := w.newCell()
			cell.colspan, cell.rowspan = min(max(colspan, 1), htmlMaxColspan), rowspan
			cell.cont = container{anchor: p, cell: true, mem: w.mem}
			cell.c = &cell.cont
			cell.cont.spare = &cell.line
			row.cells = append(row.cells, cell)
			t.cell = cell
			w.stack = append(w.stack, cell.c)
		}
	case cls&elPre != 0:
		w.top().brk()
		w.pre++
	case cls&elBlock != 0:
		c := w.top()
		c.brk()
		// (c.anchor is left as it is: a line made in c holds text, and a
		// line with text is placed by its first segment, so the anchor of
		// the block's start would never be read.)
		if cls&elHeading != 0 && !c.cell {
			// A heading element is a heading: say so the way the
			// canonical text form does, "# Title", "## 一、总体情况".
			c.prefix = strings.Repeat("#", int(name[1]-'0')) + " "
		}
	}
}

func (w *htmlWalker) endTag(name string) {
	if w.rawName != "" {
		if name == w.rawName {
			w.embedded()
		}
		return
	}
	if w.skip != "" {
		if name == w.skip {
			if w.skipN--; w.skipN == 0 {
				w.skip = ""
			}
		}
		return
	}
	switch cls := classOf(name); {
	case cls&elTable != 0:
		switch {
		case w.ignored > 0:
			w.ignored--
		case len(w.tables) > 0:
			w.closeTable()
		}
	case cls&elRow != 0:
		if w.table() != nil {
			w.closeCell()
		}
	case cls&elCell != 0:
		if t := w.table(); t != nil && t.cell != nil {
			w.closeCell()
		}
	case cls&elPre != 0:
		w.top().brk()
		if w.pre > 0 {
			w.pre--
		}
	case cls&elBlock != 0:
		w.top().brk()
	}
}

// tagName is the tagName of the current tag token: its name in lower
// case, which the tokenizer found with the tag (readTagName).
func (z *tokenizer) tagName() string { return z.name }

// lowerName returns a tag's name as written in lower case, as tagName
// does.
func lowerName(name string) string {
	var buf [16]byte
	upper := false
	for i := 0; i < len(name); i++ { // a NUL, an upper-case letter (names are short: no IndexByte)
		if c := name[i]; c == 0 {
			upper = true
			break
		} else if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return name // a part of the page, which outlives no walk
	}
	if len(name) > len(buf) || strings.IndexByte(name, 0) >= 0 {
		return string(bytes.ToLower(bytes.ReplaceAll([]byte(name), []byte{0}, []byte("\ufffd"))))
	}
	lower := buf[:len(name)]
	for k := range len(name) {
		c := name[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[k] = c
	}
	if n, ok := knownNames[string(lower)]; ok {
		return n
	}
	return string(lower)
}

// knownNames are the names of common elements, kept so that tagName need
// not allocate them (what is done with an element is classOf's).
var knownNames = func() map[string]string {
	m := map[string]string{}
	for _, n := range strings.Fields(`html head body title meta link style script noscript template iframe svg math
		object nav select option textarea form input label table caption tbody thead tfoot tr td th col colgroup
		p div br hr pre h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote center section article aside header footer
		main address figure figcaption fieldset legend details summary dialog menu dir hgroup img area base embed
		param source track wbr xmp listing plaintext noembed noframes span font a b i u em strong sup sub small o:p`) {
		m[n] = n
	}
	return m
}()

// spanAttr reads a rowspan or colspan value leniently ("2", " 3 ", "2px").
func spanAttr(v string, def int) int {
	s := strings.TrimSpace(v)
	i := chars.LeadingDigits(s)
	if i == 0 || i > 6 {
		return def
	}
	n, _ := strconv.Atoi(s[:i])
	return n
}

// newRow returns a row of a table that starts at p.
func (w *htmlWalker) newRow(p posmap.Pos) *hrow {
	if len(w.rows) == 0 {
		w.rows = w.mem.rowBlock()
	}
	r := &w.rows[0]
	w.rows = w.rows[1:]
	r.pos = p
	r.cells = r.cbuf[:0]
	return r
}

// newCell returns a zero cell, taken from a block of cells allocated
// together: a page has hundreds of cells, and one allocation each was a
// good part of the walker's time.
func (w *htmlWalker) newCell() *hcell {
	if len(w.cells) == 0 {
		w.cells = w.mem.cellBlock()
	}
	c := &w.cells[0]
	w.cells = w.cells[1:]
	return c
}

func (w *htmlWalker) table() *htable {
	if len(w.tables) == 0 {
		return nil
	}
	return w.tables[len(w.tables)-1]
}

func (w *htmlWalker) openTable(p posmap.Pos) {
	w.top().brk()
	t := &htable{stray: &container{anchor: p, mem: w.mem}, anchor: p, grid: gridState{mem: w.mem}}
	w.tables = append(w.tables, t)
	w.stack = append(w.stack, t.stray)
}

// closeCell closes the innermost table's open cell, if any.
func (w *htmlWalker) closeCell() {
	t := w.table()
	if t == nil || t.cell == nil {
		return
	}
	// Pop containers down to and including the cell's.
	for i := len(w.stack) - 1; i > 0; i-- {
		if w.stack[i] == t.cell.c {
			w.stack = w.stack[:i]
			break
		}
	}
	t.cell = nil
}

// closeTable closes the innermost table and emits its lines into the
// container that holds it.
func (w *htmlWalker) closeTable() {
	w.closeCell()
	t := w.table()
	w.tables = w.tables[:len(w.tables)-1]
	for i := len(w.stack) - 1; i > 0; i-- {
		if w.stack[i] == t.stray {
			w.stack = w.stack[:i]
			break
		}
	}
	parent := w.top()
	parent.brk()
	t.stray.brk()
	parent.lines = append(parent.lines, t.stray.lines...)
	if t.streaming || !t.layout() {
		for _, l := range t.lines {
			parent.addLine(l)
		}
		for _, r := range t.rows {
			if l := t.grid.row(r); l != nil {
				parent.addLine(l)
			}
		}
	} else {
		for _, r := range t.rows {
			for _, c := range r.cells {
				c.c.brk()
				parent.lines = append(parent.lines, c.c.lines...)
			}
		}
	}
	parent.hasTable = true
}

// layout reports whether t is a layout table, whose cells are read as
// blocks: it has one column (a frame), a cell holds a table, or a cell holds
// a run of paragraphs (a page column, not a value or a label).
func (t *htable) layout() bool {
	layout := true
	for _, r := range t.rows {
		if len(r.cells) > 1 {
			layout = false
		}
	}
	for _, r := range t.rows {
		for _, c := range r.cells {
			c.c.brk()
			if c.c.hasTable || len(c.c.lines) >= htmlBlockCell {
				layout = true
			}
		}
	}
	return layout
}

// stream grids the rows read so far, when a row is about to start, once t
// is known to be a long data table: after every htmlStreamRows rows it asks
// layout, and from the first time the answer is no, each complete row is
// turned into its line and its cells are let go. So a table of a million
// rows holds one line per row, not the cells, containers and lines of every
// cell until its end. A cell of a streamed table that holds a table or a run
// of paragraphs is read as one field (its text kept), where in a short table
// it would make the table a layout table: no report table is that long.
func (t *htable) stream() {
	if !t.streaming {
		if len(t.rows) == 0 || len(t.rows)%htmlStreamRows != 0 || t.layout() {
			return
		}
		t.streaming = true
	}
	for i, r := range t.rows {
		if l := t.grid.row(r); l != nil {
			t.lines = append(t.lines, l)
		}
		t.rows[i] = nil
	}
	t.rows = t.rows[:0]
}

// gridState turns the rows of a data table into lines, one row after the
// other: a line per row with rowspan and colspan resolved, cells joined by
// TABs. A line has one field per cell, not per grid column: a cell spanning
// columns is one field (its padding would read as blank values, pushing a
// row's values off its columns, as on published pages where a row label or
// a value spans two columns), and the cells above that cover this row by
// rowspan are one empty field each, so that the fields keep their order.
//
// Only the first htmlMaxWidth grid columns are tracked, about twice the 15
// of the template's widest table as published (table 3: three columns of
// labels under merged headings, the applicant columns, the organisation
// subtotal): a cell that starts beyond them is still a field of its row,
// but spans nothing and covers no later row. A row without cells of its own
// has no text and gives no line, whatever covers it from above. So the work
// and the output per row are bounded by its own cells plus htmlMaxWidth,
// whatever the width of other rows (a row 40,000 cells wide made every
// later row walk 40,000 columns; 128 cells spanning every row made each
// bare <tr> a line of 127 fields).
type gridState struct {
	mem     *walkMem // where row lines are allocated
	carry   []int    // rows each tracked column is still covered by a cell above
	coverer []*hcell // the cell covering each tracked column
	covered []*hcell // the covering cells of the row at hand, by column
	flat    []*hline // the text of each cell of the row at hand
}

// row returns the line of the next row of the table, or nil if the row has
// no cells of its own.
func (g *gridState) row(r *hrow) *hline {
	g.covered = g.covered[:0]
	for c := range g.carry {
		var cv *hcell
		if g.carry[c] > 0 {
			cv = g.coverer[c]
			g.carry[c]--
		}
		g.covered = append(g.covered, cv)
	}
	if len(r.cells) == 0 {
		return nil
	}
	line := g.mem.line()
	line.anchor, line.table = r.pos, true
	// The cells' text, flattened first so that the line's bytes and
	// segments are allocated once: a TAB for each cell and covered column
	// at most.
	g.flat = g.flat[:0]
	size, segs := len(r.cells)+len(g.covered), 0
	for _, cell := range r.cells {
		f := cell.c.flatten()
		g.flat = append(g.flat, f)
		size += len(f.b)
		segs += len(f.segs)
	}
	if size > len(line.bbuf) {
		line.b = g.mem.bytes(size)
	}
	if segs > len(line.sbuf) {
		line.segs = g.mem.segs(segs)
	}
	col, fields := 0, 0
	field := func() {
		if fields > 0 {
			line.synth('\t')
		}
		fields++
	}
	skipCovered := func() {
		for col < len(g.covered) && g.covered[col] != nil {
			c := g.covered[col]
			field()
			for col < len(g.covered) && g.covered[col] == c {
				col++
			}
		}
	}
	for i, cell := range r.cells {
		skipCovered()
		start := col
		field()
		line.appendLine(g.flat[i])
		if start >= htmlMaxWidth {
			col++ // untracked: no span, no rowspan
			continue
		}
		span := min(cell.colspan, htmlMaxWidth-start)
		col += span
		rs := cell.rowspan // rows covered, this one included; 0: to the end
		if rs <= 0 {
			rs = math.MaxInt
		}
		for c := start; c < start+span; c++ {
			for len(g.carry) <= c {
				g.carry = append(g.carry, 0)
				g.coverer = append(g.coverer, nil)
				g.covered = append(g.covered, nil)
			}
			g.carry[c] = rs - 1
			g.coverer[c] = cell
		}
	}
	skipCovered()
	return line
}

// embedded reads the collected text of a script or textarea for report
// markup: a script's string literals (JavaScript escapes undone) or its raw
// text when it is markup itself, a textarea's text; character references
// are decoded. The markup is read as if it stood in place of the element.
func (w *htmlWalker) embedded() {
	name, raw, at := w.rawName, string(w.rawText), w.rawStart
	w.rawName, w.rawText = "", nil
	if w.depth >= htmlMaxEmbedded || raw == "" {
		return
	}
	// Source position of every rune of raw.
	pos := make([]posmap.Pos, 0, len(raw))
	tr := at.eager()
	for _, r := range raw {
		pos = append(pos, tr.pos())
		tr.step(r, 0)
	}
	var runes []rune
	var rpos []posmap.Pos
	trimmed := strings.TrimSpace(raw)
	if name == "textarea" || strings.HasPrefix(trimmed, "<") {
		runes, rpos = []rune(raw), pos
	} else {
		runes, rpos = jsStrings([]rune(raw), pos)
	}
	if !strings.Contains(strings.ToLower(string(runes)), "table") {
		return
	}
	if s := string(runes); strings.Contains(s, "&lt;") || strings.Contains(s, "&#60;") || strings.Contains(s, "&#x3c;") {
		runes, rpos = decodeEntitiesMapped(runes, rpos)
	}
	if !strings.Contains(strings.ToLower(string(runes)), "<table") {
		return
	}
	inner := &htmlWalker{tr: tracker{table: rpos, valid: true}, expand: true, depth: w.depth + 1, mem: w.mem} // string(runes) is valid UTF-8
	lines := inner.walk(string(runes))
	c := w.top()
	c.brk()
	c.lines = append(c.lines, lines...)
	c.hasTable = c.hasTable || len(lines) > 0
}

// jsStrings returns the concatenated contents of the JavaScript string
// literals in src with escapes undone, and the source position of each rune.
func jsStrings(src []rune, pos []posmap.Pos) ([]rune, []posmap.Pos) {
	var out []rune
	var opos []posmap.Pos
	for i := 0; i < len(src); i++ {
		q := src[i]
		if q == '/' && i+1 < len(src) && src[i+1] == '/' { // line comment
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		}
		if q != '"' && q != '\'' && q != '`' {
			continue
		}
		for i++; i < len(src) && src[i] != q; i++ {
			if src[i] != '\\' || i+1 >= len(src) {
				out, opos = append(out, src[i]), append(opos, pos[i])
				continue
			}
			p := pos[i]
			i++
			switch e := src[i]; e {
			case 'n':
				out = append(out, '\n')
			case 't':
				out = append(out, '\t')
			case 'r':
				out = append(out, '\r')
			case 'u', 'x':
				n := 2
				if e == 'u' {
					n = 4
				}
				if i+n < len(src) {
					if v, err := strconv.ParseUint(string(src[i+1:i+1+n]), 16, 32); err == nil {
						out = append(out, rune(v))
						i += n
						break
					}
				}
				out = append(out, e)
			case '\n':
				continue // line continuation
			default:
				out = append(out, e)
			}
			opos = append(opos, p)
		}
	}
	return out, opos
}

// decodeEntitiesMapped decodes character references in src, keeping for
// each output rune the position of the source rune it came from.
func decodeEntitiesMapped(src []rune, pos []posmap.Pos) ([]rune, []posmap.Pos) {
	var out []rune
	var opos []posmap.Pos
	s := string(src)
	ri := 0 // rune index of s[i]
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if dec, n := decodeEntity(s[i:]); n > 0 {
				for _, d := range dec {
					out, opos = append(out, d), append(opos, pos[ri])
				}
				ri += utf8.RuneCountInString(s[i : i+n])
				i += n
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		out, opos = append(out, r), append(opos, pos[ri])
		ri++
		i += size
	}
	return out, opos
}

// reportAnchors are texts, without white space, of which at least one
// stands in every report table: the caption of a table-2 block, the first
// row of table 3, the lawsuit row of table 4.
var reportAnchors = func() []string {
	var out []string
	for _, e := range schema.Editions {
		for _, b := range schema.Blocks(e) {
			switch {
			case b.Caption != "":
				c, _, _ := strings.Cut(b.Caption, "（")
				out = append(out, c)
			case b.Table == "t3":
				l := b.Rows[0].Label
				if _, after, ok := strings.Cut(l, "、"); ok {
					l = after
				}
				out = append(out, l)
			case b.Table == "t4":
				r, _ := b.Row("suit_direct")
				out = append(out, r.Label)
			}
		}
	}
	return out
}()

func hasReportTable(lines []*hline) bool {
	for _, l := range lines {
		if !l.table {
			continue
		}
		s := strings.Map(func(r rune) rune {
			if chars.IsUnicodeSpace(r) {
				return -1
			}
			return r
		}, string(l.b))
		for _, a := range reportAnchors {
			if strings.Contains(s, a) {
				return true
			}
		}
	}
	return false
}

// ToText converts an HTML page to the text the parser reads: one line per
// block and per table row (cells separated by TABs), ending with a newline.
// It returns the text and the map of its positions to the page's source
// (line and rune column of the original bytes, whatever their charset).
func ToText(src []byte) (string, *posmap.Map) {
	mem := walkPool.Get().(*walkMem)
	defer mem.release()
	// A page that is UTF-8 if it is valid UTF-8 is read as such, its bytes
	// checked as the walker reads them rather than in a pass of their own.
	doc, valid, assumed := decode(src, true, !noAssumeUTF8)
	lines, invalid := walkPage(doc, valid, assumed, mem)
	if invalid {
		// Not UTF-8 after all: decoded as it is (GB18030 unless a charset
		// says otherwise) and read again.
		doc, valid, _ = decode(src, true, false)
		lines, _ = walkPage(doc, valid, false, mem)
	}
	// The text and its map are copied out of the walker's memory, which
	// the next page reuses.
	size, nsegs := 0, 0
	for _, l := range lines {
		size += len(l.b) + 1
		nsegs += len(l.segs)
	}
	var buf strings.Builder
	buf.Grow(size)
	segs := make([]posmap.Seg, 0, nsegs)
	m := &posmap.Map{Lines: make([]posmap.Line, 0, len(lines))}
	for _, l := range lines {
		buf.Write(l.b)
		buf.WriteByte('\n')
		anchor := l.anchor
		if len(l.segs) > 0 {
			anchor = l.segs[0].Pos
		}
		k := len(segs)
		segs = append(segs, l.segs...)
		m.Lines = append(m.Lines, posmap.Line{Anchor: anchor, Segs: segs[k:len(segs):len(segs)]})
	}
	return buf.String(), m
}

// noAssumeUTF8 turns the assumption off (tests compare the two ways).
var noAssumeUTF8 = false

// walkPage reads the page doc (valid: it is valid UTF-8) and returns the
// lines of its visible text: of its DOM, or, if that has no report table
// and the markup embedded in its scripts has, of that. With check, it also
// reports whether a byte of doc is not UTF-8 (htmlWalker.check), and then
// the lines are not to be used.
func walkPage(doc string, valid, check bool, mem *walkMem) (lines []*hline, invalid bool) {
	w := &htmlWalker{tr: tracker{line: 1, col: 1, valid: valid, doc: doc}, mem: mem, check: check}
	lines = w.walk(doc)
	if w.invalid {
		return nil, true
	}
	if !hasReportTable(lines) {
		w2 := &htmlWalker{tr: tracker{line: 1, col: 1, valid: valid, doc: doc}, expand: true, mem: mem, check: check}
		l2 := w2.walk(doc)
		if w2.invalid {
			return nil, true
		}
		if hasReportTable(l2) {
			lines = l2
		}
	}
	return lines, false
}

// walkMem holds the blocks of cells and rows the walkers of one page hand
// out (newCell, newRow), and the lines of table rows with their bytes and
// segments (gridState.row), kept for the next page (walkPool): a page has
// hundreds of cells, and allocating them was most of what ToText
// allocated. Only the first walkMemBlocks blocks of each are kept, so that
// a table too long to hold (gridded as it is read, htable.stream) still
// lets its cells go as it is read.
type walkMem struct {
	cells         [][]hcell
	rows          [][]hrow
	ncells, nrows int // blocks handed out on this page
	// Lines of table rows, and room for their bytes and segments, kept
	// the same way (gridState.row): blocks and chunks, how many handed
	// out, what is left of the last.
	lines                 [][]hline
	byteChunks            [][]byte
	segChunks             [][]posmap.Seg
	nlines, nbytes, nsegs int
	lineFree              []hline
	byteFree              []byte
	segFree               []posmap.Seg
}

const walkMemBlocks = 64

var walkPool = sync.Pool{New: func() any { return new(walkMem) }}

// cellBlock returns a block of zero cells.
func (m *walkMem) cellBlock() []hcell {
	if m == nil {
		return make([]hcell, 32)
	}
	return reuse(&m.cells, &m.ncells, 32, true)
}

// rowBlock returns a block of zero rows.
func (m *walkMem) rowBlock() []hrow {
	if m == nil {
		return make([]hrow, 16)
	}
	return reuse(&m.rows, &m.nrows, 16, true)
}

// line returns a zero line.
func (m *walkMem) line() *hline {
	if m == nil {
		return new(hline)
	}
	if len(m.lineFree) == 0 {
		m.lineFree = reuse(&m.lines, &m.nlines, 32, true)
	}
	l := &m.lineFree[0]
	m.lineFree = m.lineFree[1:]
	return l
}

// bytes returns an empty slice with room for n bytes.
func (m *walkMem) bytes(n int) []byte {
	if m == nil || n > walkMemChunk/8 {
		return make([]byte, 0, n)
	}
	if len(m.byteFree) < n {
		m.byteFree = reuse(&m.byteChunks, &m.nbytes, walkMemChunk, false) // written before read
	}
	b := m.byteFree[:0:n]
	m.byteFree = m.byteFree[n:]
	return b
}

// segs returns an empty slice with room for n segments.
func (m *walkMem) segs(n int) []posmap.Seg {
	if m == nil || n > walkMemChunk/8 {
		return make([]posmap.Seg, 0, n)
	}
	if len(m.segFree) < n {
		m.segFree = reuse(&m.segChunks, &m.nsegs, walkMemChunk, false)
	}
	b := m.segFree[:0:n]
	m.segFree = m.segFree[n:]
	return b
}

// walkMemChunk is the length of the chunks bytes and segs hand out from.
const walkMemChunk = 4096

// reuse returns the next of the blocks kept in *kept (*used of them
// handed out on this page), cleared if zero (bytes and segments are
// appended to, never read before written), or a new block of n, kept if
// fewer than walkMemBlocks are.
func reuse[T any](kept *[][]T, used *int, n int, zero bool) []T {
	if *used < len(*kept) {
		b := (*kept)[*used]
		*used++
		if zero {
			clear(b)
		}
		return b
	}
	b := make([]T, n)
	if len(*kept) < walkMemBlocks {
		*kept = append(*kept, b)
		*used++
	}
	return b
}

// release gives m back to walkPool, its blocks to be handed out again.
// The blocks are cleared when handed out, not here: what the last page
// left in them stays reachable until then, at most walkMemBlocks blocks.
func (m *walkMem) release() {
	m.ncells, m.nrows, m.nlines, m.nbytes, m.nsegs = 0, 0, 0, 0, 0
	m.lineFree, m.byteFree, m.segFree = nil, nil, nil
	walkPool.Put(m)
}
