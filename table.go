package nianbao

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// Table regions: tokenize into label fragments and value tokens whatever the
// delimiter, match label runs against the catalog, collect each row's values
// and assign them to cells.

type tokKind uint8

const (
	tkLabel tokKind = iota + 1
	tkValue
	tkEmpty // an empty field between delimiters: a blank cell where a value belongs
)

type token struct {
	kind tokKind
	sp   srcSpan // content in the decoded text; for tkEmpty, the delimiter
	text string  // content with pipe escapes undone
	line int
}

// tableMode is how a region delimits its cells.
type tableMode uint8

const (
	modeSpace tableMode = iota // runs of spaces, one cell per line, PDF text
	modeTab
	modePipe     // pipes, cells may span lines (one cell per line)
	modePipeRows // pipes, one row a line (Markdown and most web tables)
)

// tableParser reads the table region of one section.
type tableParser struct {
	p     *parseState
	table string // "t2", "t3", "t4"
	v     *vocab

	rows     map[rowKey]*rowAcc
	rowOrder []*rowAcc
	flat     []token // t4 values with no row label
	// flatBreaks are the places in flat where labels came between two
	// values (pdfraw.go).
	flatBreaks []flatBreak
	// labelled are the rows whose labels were seen, with values or not.
	labelled map[rowKey]bool
	// bareRows are rows whose labels stood between their block's header
	// and another label, with no value (noteBlankRow, glue.go).
	bareRows map[rowKey]bool
	// outside counts the values that came outside any row (pdfraw.go,
	// linesLost).
	outside int
	headed  map[string]bool // blocks whose caption or a column label was seen
	// preRow are table 3's values before its first row label (pdfraw.go).
	preRow  []token
	cur     *rowAcc
	lastOrd int

	pendingCols []colHit
	// colAt is where each column label was last seen: in a delimited table
	// its field is its column (place.go, byHeaderFields).
	colAt   map[colKey]int
	colHits []colHit
	blocks  map[string]*blockInfo
	seq     int
	mode    tableMode
	// at is where the table's text starts: the position of a block found
	// by no row label (a table 4 of unlabelled values).
	at Position
	// fields is the number of fields of each line of a delimited region,
	// widest the most a line has (place.go).
	fields map[int]int
	widest int
	// bareRun: the label run being resolved holds several row labels.
	bareRun bool
	// toks are the region's tokens in text order (run: readColumnMajor,
	// mdRowOrder), and stray the values of a delimited table outside any
	// row, until finish (mdrows.go).
	toks, stray []token
	// outsideVals are the values outside any row (addValue), captions
	// where each block's caption stands (oneCellBlock, pdfraw.go).
	outsideVals []token
	captions    []caption
	// labelAt is where each row label was first seen, its byte offset + 1
	// (orderLost).
	labelAt map[rowKey]int
}

// resolveScratch is the scratch space of resolve and bestMatch.
type resolveScratch struct {
	fr                      []frune
	tokEnd, tokLine, tokIdx []int
	rs                      []rune
	ms                      []match
	full, part              []*vocabEntry
}

// Memory of one parse handed out in pieces: fewer, larger allocations.
// A piece is never moved; when a slab is full a new one is started.
type slabs struct {
	entries []*vocabEntry
	accs    []rowAcc
	toks    []token
}

// keepEntries returns a copy of es that stays valid for the whole parse.
func (p *parseState) keepEntries(es []*vocabEntry) []*vocabEntry {
	sl := &p.sc.slabs
	if cap(sl.entries)-len(sl.entries) < len(es) {
		sl.entries = make([]*vocabEntry, 0, max(256, len(es)))
	}
	n := len(sl.entries)
	sl.entries = append(sl.entries, es...)
	return sl.entries[n : n+len(es) : n+len(es)]
}

// newRowAcc returns a zero rowAcc.
func (p *parseState) newRowAcc() *rowAcc {
	sl := &p.sc.slabs
	if len(sl.accs) == cap(sl.accs) {
		sl.accs = make([]rowAcc, 0, 32)
	}
	sl.accs = append(sl.accs, rowAcc{})
	return &sl.accs[len(sl.accs)-1]
}

// tokenSpace returns an empty slice with room for n tokens; appending more
// moves it elsewhere.
func (p *parseState) tokenSpace(n int) []token {
	sl := &p.sc.slabs
	if cap(sl.toks)-len(sl.toks) < n {
		// Double the slab, so that a pooled one soon holds a whole parse.
		sl.toks = make([]token, 0, max(256, n, 2*cap(sl.toks)))
	}
	k := len(sl.toks)
	sl.toks = sl.toks[:k+n]
	return sl.toks[k : k : k+n]
}

// fieldCount is the number of fields a row has: where delimiters put one row
// on a line (tabs, Markdown pipes) every field counts, blank or not;
// otherwise the fields from the first to the last non-empty one.
func (tp *tableParser) fieldCount(vals []token) int {
	if tp.mode == modeTab || tp.mode == modePipeRows {
		return len(vals)
	}
	return trimmedLen(vals)
}

// rowKey names a row: block ID and row name.
type rowKey struct{ block, name string }

type rowAcc struct {
	block, name string
	label       srcSpan
	vals        []token
	line        int
	extra       bool
	used        bool // its cells were written (finish)
	// afterBare: the row label before this one in its block got no
	// values, so a run of labels came before the values (place.go).
	afterBare bool
}

type colHit struct {
	entries []*vocabEntry
	seq     int
	block   string
}

type blockInfo struct {
	found          bool
	cols19, cols21 int // header cells only one edition has
	rows19, rows21 int // row labels only one edition has (or spells so)
	pos            Position
	orgSeq         int // sequence of a 法人或其他组织 header hit, 0 if none
	otherSeq       int // sequence of the last 其他 column hit
	totalSeq       int
}

func newTableParser(p *parseState, table string) *tableParser {
	// The maps of the last section's parser, emptied (see scratch).
	sc := p.sc
	if sc.rows == nil {
		sc.rows, sc.labelled, sc.blocks = map[rowKey]*rowAcc{}, map[rowKey]bool{}, map[string]*blockInfo{}
	}
	clear(sc.rows)
	clear(sc.labelled)
	clear(sc.blocks)
	return &tableParser{p: p, table: table, v: vocabs()[table], rows: sc.rows, labelled: sc.labelled, blocks: sc.blocks,
		pendingCols: sc.pendingCols[:0], colHits: sc.colHits[:0], rowOrder: sc.rowOrder[:0]}
}

// release gives the parser's slices, grown, back to the scratch for the next
// section's parser. The parser is not used after.
func (tp *tableParser) release() {
	tp.p.sc.pendingCols, tp.p.sc.colHits, tp.p.sc.rowOrder = tp.pendingCols[:0], tp.colHits[:0], tp.rowOrder[:0]
}

func (tp *tableParser) block(id string) *blockInfo {
	b := tp.blocks[id]
	if b == nil {
		b = &blockInfo{}
		tp.blocks[id] = b
	}
	return b
}

// isAnchor reports whether a line starts the table of this section: it has
// table delimiters, or it begins with a label of the table's vocabulary and
// is not a sentence.
func (tp *tableParser) isAnchor(li lineInfo) bool {
	if li.escaped || li.kind != lkText {
		return false
	}
	c := tp.p.src.str(li.content)
	if hasUnescapedPipe(c) || strings.ContainsRune(c, '\t') {
		return true
	}
	if chars.ContainsAny(c, "。；") {
		return false
	}
	return tp.startsWithLabel(tp.labelPrefix(c), true)
}

// labelPrefix returns the folded runes of s as far as they can matter for
// matching the start of s against the vocabulary: one more than the longest
// label, so that s is known to be longer than any label. The slice is
// reused by the next call.
func (tp *tableParser) labelPrefix(s string) []rune {
	tp.p.sc.fold = appendFoldRunes(tp.p.sc.fold[:0], s, tp.v.maxLen+1)
	return tp.p.sc.fold
}

// startsWithLabel reports whether folded text f begins with a whole label of
// the vocabulary (or, when partial is set, with a distinctive prefix of one).
func (tp *tableParser) startsWithLabel(f []rune, partial bool) bool {
	if len(f) == 0 {
		return false
	}
	for _, e := range tp.v.byFirst[f[0]] {
		cp := commonPrefix(f, e.folded)
		if cp == len(e.folded) {
			return true
		}
		if partial && cp == len(f) && cp >= e.numLen+2 {
			return true
		}
	}
	return false
}

// looksTabular reports whether a line belongs to a table: delimiters, a
// value, or a label.
func (tp *tableParser) looksTabular(li lineInfo) bool {
	if li.escaped || li.kind != lkText {
		return false
	}
	c := tp.p.src.str(li.content)
	if hasUnescapedPipe(c) || strings.ContainsRune(c, '\t') {
		return true
	}
	for w := range strings.FieldsFuncSeq(c, chars.IsSpace) {
		if k := valueKind(w); k == Number || k == NotApplicable {
			return true
		}
	}
	if utf8.RuneCountInString(c) > 60 && chars.ContainsAny(c, "。；") {
		return false
	}
	return tp.startsWithLabel(tp.labelPrefix(c), true) || utf8.RuneCountInString(c) <= 12
}

// hasUnescapedPipe reports whether s has a pipe not escaped by a backslash.
// A pipe is escaped when an odd number of backslashes stands right before
// it (each backslash escapes the byte after it).
func hasUnescapedPipe(s string) bool {
	for off := 0; ; {
		i := strings.IndexByte(s[off:], '|')
		if i < 0 {
			return false
		}
		i += off
		n := 0
		for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
			n++
		}
		if n%2 == 0 {
			return true
		}
		off = i + 1
	}
}

// tokenize turns the region's lines into tokens.
func (tp *tableParser) tokenize(lines []lineInfo) []token {
	mode := modeSpace
	for _, li := range lines {
		if hasUnescapedPipe(tp.p.src.str(li.content)) {
			mode = modePipe
			break
		}
	}
	if mode == modePipe {
		return tp.smallTables(lines, tp.tokenizePipes(lines)) // smalltable.go
	}
	s := tp.p.src
	toks := slices.Grow(tp.p.sc.toks[:0], tokenEstimate(s, lines))
	defer func() { tp.p.sc.toks = toks[:0] }()
	// In a region of tab-separated rows, a line whose only tabs lead or
	// trail its text (a label and blank cells: "\t\t3.要求提供公开出版物\t\t")
	// is a row of fields too.
	tabbed := false
	for _, li := range lines {
		tabbed = tabbed || strings.ContainsRune(s.str(li.content), '\t') && !isBlank(s.str(li.content))
	}
	for _, li := range lines {
		c := s.str(li.content)
		if isBlank(s.str(li.raw)) { // a line of only white space (a tab, a no-break space)
			continue // no field: a blank cell of a table one value a line, or nothing
		}
		ln := li.content
		if !li.md && !li.escaped {
			ln = li.raw
		}
		if strings.ContainsRune(c, '\t') || tabbed && strings.ContainsRune(s.str(ln), '\t') {
			// Leading and trailing tabs are empty fields: use the whole line.
			tp.noteFields(li.idx, strings.Count(s.str(ln), "\t")+1)
			toks = tp.splitFields(toks, ln, "\t", li.idx)
			continue
		}
		if raw := s.str(ln); tabbed && strings.HasSuffix(raw, "\u00a0\u00a0") && !li.md && !li.escaped {
			// Page text (textContent): a row label followed by one U+00A0 per
			// blank cell (&nbsp;) and no digits: fields split at each U+00A0.
			// (One trailing U+00A0 is more likely a stray space than a row.)
			toks = tp.splitFields(toks, ln, "\u00a0", li.idx)
			continue
		}
		// Space mode: every run of non-space runes is a token.
		i, end := li.content.start, li.content.end
		for i < end {
			if n := chars.SpaceLen(s.text[i:end]); n > 0 {
				i += n
				continue
			}
			j := end
			if k := chars.IndexSpace(s.text[i:end]); k >= 0 {
				j = i + k
			}
			toks = tp.part(toks, srcSpan{i, j}, li.idx, false)
			i = j
		}
	}
	return toks
}

// splitFields adds a field for each stretch of span ln between two
// separators sep; a separator at either end of ln makes an empty field there.
func (tp *tableParser) splitFields(toks []token, ln srcSpan, sep string, line int) []token {
	s := tp.p.src
	for start := ln.start; ; {
		i := strings.Index(s.text[start:ln.end], sep)
		end := ln.end
		if i >= 0 {
			end = start + i
		}
		one := [1]srcSpan{{start, end}}
		toks = tp.field(toks, one[:], end, line, false)
		if i < 0 {
			return toks
		}
		start = end + len(sep)
	}
}

// tokenEstimate is about the number of tokens the lines make, so that the
// token slice is allocated once: at most one a tab, pipe or ASCII space (a
// token or an empty field follows each), and one a line. It counts them in
// the text from the first line to the last, lines between included.
func tokenEstimate(s *source, lines []lineInfo) int {
	if len(lines) == 0 {
		return 0
	}
	text := s.text[lines[0].raw.start:lines[len(lines)-1].raw.end]
	return len(lines) + strings.Count(text, "\t") + strings.Count(text, "|") + strings.Count(text, " ")
}

// tokenizePipes reads a region whose cells are separated by pipes. A cell
// may srcSpan lines (one cell per line, "0\n|"), so fields run from pipe to
// pipe across line ends.
func (tp *tableParser) tokenizePipes(lines []lineInfo) []token {
	s := tp.p.src
	toks := slices.Grow(tp.p.sc.toks[:0], tokenEstimate(s, lines))
	defer func() { tp.p.sc.toks = toks[:0] }()
	var parts []srcSpan
	line := 0
	closed := false // the line before ended with a pipe
	open := false   // the last line with a pipe did not end with one: its last field goes on
	for _, li := range lines {
		line = li.idx
		start := li.content.start
		first := true // no text yet on this line
		for i := li.content.start; i < li.content.end; i++ {
			switch s.text[i] {
			case '\\':
				if i+1 < li.content.end && (s.text[i+1] == '|' || s.text[i+1] == '\\') {
					i++
				}
			case '|':
				parts = append(parts, srcSpan{start, i})
				s.mark(i, i+1, claimMarkup)
				if !(first && closed && blankParts(s, parts) && opensRow(s.text[i:li.content.end])) {
					// (Not the gap between a row's closing pipe and the
					// next row's opening one: "…| 总计 |" then "| 0 | …".)
					toks = tp.field(toks, parts, i, li.idx, true)
				}
				parts = parts[:0]
				start = i + 1
			default:
				if chars.IsBreakingSpace(rune(s.text[i])) { // (a byte: ' ' or TAB)
					continue
				}
			}
			first = false
		}
		n := strings.Count(s.str(li.content), "|")
		if n == 0 && !open {
			parts = tp.labelThenValues(parts, li.content)
		} else {
			parts = append(parts, srcSpan{start, li.content.end})
		}
		if n > 0 {
			closed = strings.HasSuffix(strings.TrimRightFunc(s.str(li.content), chars.IsSpace), "|")
			open = !closed
			tp.noteFields(li.idx, n)
		} else {
			closed = false
		}
	}
	if len(parts) > 0 {
		toks = tp.field(toks, parts, -1, line, true)
	}
	return toks
}

// labelThenValues adds line ln of a pipe-delimited region, a line with no
// pipe outside any field, to parts: a label followed by values one space
// apart ("行政许可 97", "行政事业性收费 0": a PDF-to-Markdown converter, corpus
// 021 and 022, writes table 2's one-row tables as text beside its pipe
// tables) as one part for the label and one for each value, as in
// space-aligned text; any other line as one part. The label must start a
// label of the table, so that prose ending in a number stays text.
//
// Rule "text beside a Markdown table": such a line is not in a cell, so its
// spaces separate cells as they do in text without delimiters.
func (tp *tableParser) labelThenValues(parts []srcSpan, ln srcSpan) []srcSpan {
	s := tp.p.src
	ln = s.trimSpan(ln)
	end := ln.end // where the label ends: before the trailing values
	for end > ln.start {
		k := strings.LastIndexFunc(s.text[ln.start:end], chars.IsSpace)
		if k < 0 || !isValueKind(s.text[ln.start+k+1:end]) {
			break
		}
		end = s.trimSpan(srcSpan{ln.start, ln.start + k}).end
	}
	if end == ln.end || end == ln.start || !tp.startsWithLabel(tp.labelPrefix(s.str(srcSpan{ln.start, end})), true) {
		return append(parts, ln)
	}
	parts = append(parts, srcSpan{ln.start, end})
	for i := end; i < ln.end; {
		if n := chars.SpaceLen(s.text[i:ln.end]); n > 0 {
			i += n
			continue
		}
		j := ln.end
		if k := chars.IndexSpace(s.text[i:ln.end]); k >= 0 {
			j = i + k
		}
		parts = append(parts, srcSpan{i, j})
		i = j
	}
	return parts
}

// opensRow reports whether a line that starts with a pipe opens a row of
// a Markdown table: text follows in its fields ("| 规章 | 0 |"), not only
// pipes ("|||||" or "|", which in text written one cell a line are empty
// cells).
func opensRow(line string) bool {
	return strings.TrimFunc(line, func(r rune) bool { return r == '|' || chars.IsSpace(r) }) != ""
}

// blankParts reports whether the parts of a field hold only white space.
func blankParts(s *source, parts []srcSpan) bool {
	for _, p := range parts {
		if strings.TrimFunc(s.str(p), chars.IsSpace) != "" {
			return false
		}
	}
	return true
}

// field turns the parts of one delimited field into tokens: an empty token
// when it holds nothing, else one token per non-empty part. delim is the
// offset of the closing delimiter, or -1 at the end of the region.
func (tp *tableParser) field(toks []token, parts []srcSpan, delim, line int, pipes bool) []token {
	empty := true
	first := len(toks)
	for _, pt := range parts {
		pt = tp.p.src.trimSpan(pt)
		if pt.start == pt.end {
			continue
		}
		empty = false
		toks = tp.part(toks, pt, tp.p.src.lineOf(pt.start), pipes)
	}
	// A list number spelled on its own line ("2" then ".其他…") belongs to
	// the label that follows it in the same cell.
	for i := first; i+1 < len(toks); i++ {
		a, b := toks[i], toks[i+1]
		if a.kind == tkValue && b.kind == tkLabel && utf8.RuneCountInString(a.text) <= 2 && startsListStop(b.text) {
			toks[i].kind = tkLabel
		}
	}
	if empty && delim >= 0 {
		toks = append(toks, token{kind: tkEmpty, sp: srcSpan{delim, delim}, line: line})
	}
	return toks
}

// part classifies one piece of text: a value, several values separated by
// spaces, or a label fragment.
func (tp *tableParser) part(toks []token, sp srcSpan, line int, pipes bool) []token {
	s := tp.p.src
	sp = s.trimSpan(sp)
	if sp.start == sp.end {
		return toks
	}
	raw := s.str(sp)
	text := raw
	if pipes && strings.IndexByte(raw, '\\') >= 0 {
		text = unescapeCell(raw)
		for i := 0; i < len(raw); i++ {
			if raw[i] == '\\' && i+1 < len(raw) && (raw[i+1] == '|' || raw[i+1] == '\\') {
				s.mark(sp.start+i, sp.start+i+1, claimMarkup)
				i++
			}
		}
	}
	if isRuleLine(text) {
		s.mark(sp.start, sp.end, claimMarkup)
		return toks
	}
	if k := valueKind(text); k == Number || k == NotApplicable {
		return append(toks, token{kind: tkValue, sp: sp, text: text, line: line})
	}
	if ends := unitRun(raw); ends != nil {
		for k, e := range ends {
			from := 0
			if k > 0 {
				from = ends[k-1]
			}
			toks = append(toks, token{kind: tkLabel, sp: srcSpan{sp.start + from, sp.start + e}, text: raw[from:e], line: line})
		}
		return toks
	}
	// "0 0 0" inside one field: several values.
	if i := chars.IndexSpace(raw); i < 0 || !isValueKind(raw[:i]) {
		// One word, or a first word that is no value (the common case,
		// decided without splitting the fragment).
		return append(toks, token{kind: tkLabel, sp: sp, text: text, line: line})
	}
	// raw has at least two words here: all must be values.
	for w := range strings.FieldsFuncSeq(raw, chars.IsSpace) {
		if !isValueKind(w) {
			if !pipes {
				i := chars.IndexSpace(raw)
				if listMarkAfterSpace(raw[i:]) {
					// "1 、 申请人…", "2 . 其他": a row's number set apart
					// from its mark (WPS's PDFs, through a PDF reader that
					// keeps the gaps): the whole field is the label.
					return append(toks, token{kind: tkLabel, sp: sp, text: text, line: line})
				}
				// A field of tab-separated text that starts with a value and
				// goes on with other text ("18651.064104 (二)主动公开…": the
				// prose after the table ran into its last field): the value
				// is the cell, the rest is read as text of its own.
				toks = append(toks, token{kind: tkValue, sp: srcSpan{sp.start, sp.start + i}, text: raw[:i], line: line})
				return append(toks, token{kind: tkLabel, sp: s.trimSpan(srcSpan{sp.start + i, sp.end}), text: strings.TrimLeftFunc(raw[i:], chars.IsSpace), line: line})
			}
			return append(toks, token{kind: tkLabel, sp: sp, text: text, line: line})
		}
	}
	i := sp.start
	for w := range strings.FieldsFuncSeq(raw, chars.IsSpace) {
		j := strings.Index(s.text[i:sp.end], w) + i
		toks = append(toks, token{kind: tkValue, sp: srcSpan{j, j + len(w)}, text: w, line: line})
		i = j + len(w)
	}
	return toks
}

// listMarkAfterSpace reports whether s, the rest of a field after its first
// word, starts (after white space) with the mark of a list number: 、 . ．
func listMarkAfterSpace(s string) bool {
	s = strings.TrimLeftFunc(s, chars.IsSpace)
	return strings.HasPrefix(s, "、") || strings.HasPrefix(s, ".") || strings.HasPrefix(s, "．")
}

// valueUnits are the units a count or an amount is written with in a cell
// of the template's tables (件 its own unit of documents, 万元 of fees; 个,
// 项, 条 and 元 in 2019's 政府集中采购 and its like).
var valueUnits = []string{"万元", "元", "个", "件", "项", "条"}

// unitRun returns the ends (byte offsets in s) of the values of s when s is
// two or more numbers each followed by a unit, with nothing between them:
// "1个246900元", the cells 采购项目数量 and 采购总金额 of a web page flattened
// by a crawler (corpus 019), where a unit ends a cell and digits after it
// start the next. Otherwise nil.
//
// Rule "a unit ends a value": in text that runs a row's cells together, a
// unit written after a number is the end of that cell.
func unitRun(s string) []int {
	var ends []int
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && (chars.IsASCIIDigit(rune(s[j])) || s[j] == '.' && j > i) {
			j++
		}
		if j == i || s[j-1] == '.' {
			return nil
		}
		u := ""
		for _, v := range valueUnits {
			if strings.HasPrefix(s[j:], v) {
				u = v
				break
			}
		}
		if u == "" {
			return nil
		}
		i = j + len(u)
		ends = append(ends, i)
	}
	if len(ends) < 2 {
		return nil
	}
	return ends
}

func unescapeCell(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '|' || s[i+1] == '\\') {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// run assembles rows from the tokens.
func (tp *tableParser) run(toks []token, mode tableMode) {
	tp.mode, tp.toks = mode, toks
	// run collects label fragments; pending the empty fields after them,
	// which are blank cells if values follow and padding if a label does;
	// lead the empty fields that start a new tab-separated line, which are
	// padding under merged label columns unless values follow on that line.
	sc := tp.p.sc
	run, pending, lead := sc.run[:0], sc.pending[:0], sc.lead[:0]
	defer func() { sc.run, sc.pending, sc.lead = run, pending, lead }()
	rowMode := mode == modeTab || mode == modePipeRows
	// labelAhead[i]: a label follows token i on its line.
	labelAhead := slices.Grow(sc.labelAhead[:0], len(toks))[:len(toks)]
	sc.labelAhead = labelAhead
	if len(toks) > 0 {
		labelAhead[len(toks)-1] = false
	}
	for i := len(toks) - 2; i >= 0; i-- {
		labelAhead[i] = toks[i+1].line == toks[i].line && (labelAhead[i+1] || toks[i+1].kind == tkLabel)
	}
	for i, t := range toks {
		switch t.kind {
		case tkLabel:
			lead = lead[:0]
			if len(run) == 0 && tp.isTextValue(t, mode) {
				tp.cur.vals = append(tp.cur.vals, t)
				continue
			}
			if len(run) > 0 && mode != modeSpace && t.line == run[len(run)-1].line && tp.textLike(t) {
				// Text in the first value field of a row: "| 规章 | 无 | 0 |".
				tp.resolve(run, true)
				run = run[:0]
				if tp.cur != nil {
					for _, e := range pending {
						tp.addValue(e)
					}
					pending = pending[:0]
					tp.cur.vals = append(tp.cur.vals, t)
					continue
				}
			}
			pending = pending[:0]
			run = append(run, t)
		case tkEmpty:
			if len(run) > 0 && rowMode && t.line == run[len(run)-1].line && !labelAhead[i] &&
				(len(run) == 1 || run[len(run)-2].line != t.line) {
				// A row whose fields are all blank: "| 行政处罚 |  |  |  |".
				tp.resolve(run, true)
				run = run[:0]
				for _, e := range pending {
					tp.addValue(e)
				}
				pending = pending[:0]
				tp.addValue(t)
				continue
			}
			if len(run) > 0 {
				pending = append(pending, t)
				continue
			}
			if rowMode && (len(lead) > 0 || t.line != tp.lastLine()) {
				lead = append(lead, t)
				continue
			}
			tp.addValue(t)
		case tkValue:
			if len(run) > 0 {
				total := tp.table == "t4" && isTotalRun(run) // only table 4 notes flat breaks
				tp.resolve(run, true)
				run = run[:0]
				for _, e := range pending {
					tp.addValue(e)
				}
				pending = pending[:0]
				tp.noteFlatBreak(total)
			}
			for _, e := range lead {
				tp.addValue(e)
			}
			lead = lead[:0]
			tp.addValue(t)
		}
	}
	if len(run) > 0 {
		tp.resolve(run, false)
	}
}

// lastLine is the line of the last token of the current row or table 4's
// unlabelled values, or -1.
func (tp *tableParser) lastLine() int {
	switch {
	case tp.cur != nil && len(tp.cur.vals) > 0:
		return tp.cur.vals[len(tp.cur.vals)-1].line
	case tp.cur != nil:
		return tp.cur.line
	case len(tp.flat) > 0:
		return tp.flat[len(tp.flat)-1].line
	}
	return -1
}

// isTextValue reports whether a label-like token in a delimited row is
// really a text value (无, 不适用): it follows the row's label or values on
// the same line and starts no label of the table.
func (tp *tableParser) isTextValue(t token, mode tableMode) bool {
	cur := tp.cur
	if cur == nil || mode == modeSpace {
		return false
	}
	lastLine := cur.line
	if n := len(cur.vals); n > 0 {
		lastLine = cur.vals[n-1].line
	}
	if t.line != lastLine || len(cur.vals) >= tp.maxCols(cur.block) {
		return false
	}
	return tp.textLike(t)
}

// textLike reports whether a fragment starts no label of the table, so that
// in a value field it is a text value.
func (tp *tableParser) textLike(t token) bool {
	f := tp.labelPrefix(t.text)
	if len(f) == 0 {
		return false
	}
	for _, e := range tp.v.byFirst[f[0]] {
		if cp := commonPrefix(f, e.folded); cp == len(e.folded) || cp == len(f) || cp >= 2 {
			return false
		}
	}
	return true
}

func (tp *tableParser) maxCols(block string) int { return blockMaxCols()[block] }

// blockMaxCols gives each block the most columns, extra ones included, an
// edition of it has.
var blockMaxCols = sync.OnceValue(func() map[string]int {
	out := map[string]int{}
	for _, e := range schema.Editions {
		for _, b := range schema.Blocks(e) {
			out[b.ID] = max(out[b.ID], len(b.Columns)+len(b.ExtraColumns))
		}
	}
	return out
})

func (tp *tableParser) addValue(t token) {
	switch {
	case tp.cur != nil:
		tp.cur.vals = append(tp.cur.vals, t)
	case tp.table == "t4":
		tp.flat = append(tp.flat, t)
		tp.block("t4").found = true
	case tp.table == "t3" && len(tp.rowOrder) == 0 && t.kind == tkValue:
		tp.preRow = append(tp.preRow, t) // placed or dropped by fill
	case t.kind == tkValue:
		tp.outside++
		if tp.mode == modePipe || tp.mode == modePipeRows {
			tp.stray = append(tp.stray, t) // a row of the table all the same? (mdrows.go)
			return
		}
		tp.outsideVals = append(tp.outsideVals, t) // placed (oneCellBlock) or dropped by finish
	}
}

// match is a label found in a run of label fragments.
type match struct {
	entries    []*vocabEntry
	start, end int // in the run's folded runes
	partial    bool
	broken     bool // spans fragments on different lines
}

// resolve matches a run of label fragments against the vocabulary, claims
// its runes, and starts a row when the run ends in a row label and values
// follow.
func (tp *tableParser) resolve(run []token, valued bool) {
	s := tp.p.src
	// The slices are scratch space reused by the next call.
	sc := &tp.p.sc.resolve
	fr := sc.fr[:0]
	tokEnd := sc.tokEnd[:0] // fold index where each token ends
	tokLine := sc.tokLine[:0]
	for _, t := range run {
		fr = foldSpan(fr, s.text, t.sp.start, t.sp.end)
		tokEnd = append(tokEnd, len(fr))
		tokLine = append(tokLine, t.line)
	}
	rs := sc.rs[:0]
	tokIdx := sc.tokIdx[:0]
	k := 0
	for i, f := range fr {
		rs = append(rs, f.r)
		for k < len(tokEnd)-1 && i >= tokEnd[k] {
			k++
		}
		tokIdx = append(tokIdx, k)
	}
	tokOf := func(i int) int { return tokIdx[i] } // token holding fold index i
	ms := sc.ms[:0]
	defer func() {
		sc.fr, sc.tokEnd, sc.tokLine, sc.rs, sc.tokIdx, sc.ms = fr, tokEnd, tokLine, rs, tokIdx, ms
	}()
	unmatchedFrom := -1
	flushUnmatched := func(upto int) {
		if unmatchedFrom < 0 {
			return
		}
		tp.unmatchedRunes(fr, unmatchedFrom, upto, ms, tokOf)
		unmatchedFrom = -1
	}
	for p := 0; p < len(rs); {
		m, ok := tp.bestMatch(rs, p, tokEnd, tokOf)
		if !ok {
			if unmatchedFrom < 0 {
				unmatchedFrom = p
			}
			p++
			continue
		}
		flushUnmatched(p)
		m.broken = tokLine[tokOf(m.start)] != tokLine[tokOf(m.end-1)]
		for i := m.start; i < m.end; i++ {
			s.mark(fr[i].off, fr[i].off+fr[i].n, claimLabel)
		}
		ms = append(ms, m)
		p = m.end
	}
	flushUnmatched(len(rs))
	// Claim the dropped runes (spaces, quotes) inside matched fragments.
	for _, t := range run {
		if !mayHoldDropped(s.text[t.sp.start:t.sp.end]) {
			continue
		}
		for i := t.sp.start; i < t.sp.end; {
			r, n := rune(s.text[i]), 1
			if r >= utf8.RuneSelf {
				r, n = chars.DecodeRune(s.text[i:])
			}
			if _, keep := foldRune(r, 0); !keep && !chars.IsSpace(r) {
				s.mark(i, i+n, claimLabel)
			}
			i += n
		}
	}
	tp.cur = nil
	tp.noteBlankRow(ms)
	// Official row labels in the run: more than one means labels stood
	// together before the values (labelsApart, place.go).
	rowLabels := 0
	for _, m := range ms {
		if slices.ContainsFunc(m.entries, func(e *vocabEntry) bool { return e.kind == vRow && !e.extra }) {
			rowLabels++
		}
	}
	tp.bareRun = rowLabels > 1
	for i, m := range ms {
		tp.seq++
		quoted := m.entries[0].quoted // quote(tp.labelOf(m)), made once with the vocabulary
		// The messages are made only if listed; quote is %q, cheaper than fmt here.
		if m.broken {
			msg := ""
			if tp.p.listing() {
				msg = "label " + quoted + " was broken across lines; joined"
			}
			tp.p.warn(s.pos(fr[m.start].off), "", ErrRepaired, msg)
		}
		if m.partial {
			msg := ""
			if tp.p.listing() {
				msg = quoteIn("label ", s.text[fr[m.start].off:fr[m.end-1].off+fr[m.end-1].n], " read as "+quoted)
			}
			tp.p.warn(s.pos(fr[m.start].off), "", ErrRepaired, msg)
		}
		tp.note(m)
		if m.entries[0].kind == vCaption {
			tp.captions = append(tp.captions, caption{m.entries[0].block, fr[m.start].off})
		}
		for _, e := range m.entries {
			if k := (rowKey{e.block, e.name}); e.kind == vRow && tp.labelAt[k] == 0 {
				if tp.labelAt == nil {
					tp.labelAt = map[rowKey]int{}
				}
				tp.labelAt[k] = fr[m.start].off + 1 // +1: 0 is not seen
			}
		}
		tp.noteColumnAt(m, fr[m.start].off)
		tp.noteLabelled(m)
		if i == len(ms)-1 && valued {
			tp.startRow(m, srcSpan{fr[m.start].off, fr[m.end-1].off + fr[m.end-1].n}, tokLine[tokOf(m.start)])
		}
	}
}

// labelOf returns the official label of a match's first entry.
func (tp *tableParser) labelOf(m match) string { return m.entries[0].label }

// bestMatch finds the best label starting at fold index p: the longest whole
// label; else the label the text is a truncation of (ending at a fragment
// end); else a label sharing a distinctive prefix (a misspelt tail).
func (tp *tableParser) bestMatch(rs []rune, p int, tokEnd []int, tokOf func(int) int) (match, bool) {
	cands := tp.v.byFirst[rs[p]]
	bestFull, bestPart := 0, 0
	sc := &tp.p.sc.resolve
	full, part := sc.full[:0], sc.part[:0]
	defer func() { sc.full, sc.part = full, part }()
	partEnd := 0
	for _, e := range cands {
		cp := commonPrefix(rs[p:], e.folded)
		if cp == len(e.folded) {
			if cp > bestFull {
				bestFull, full = cp, full[:0]
			}
			if cp == bestFull {
				full = append(full, e)
			}
			continue
		}
		end := p + cp
		k := tokOf(end - 1)
		atEnd := end == tokEnd[k]
		ok := false
		switch {
		case atEnd && (e.kind == vColumn || e.kind == vHeader || e.kind == vCorner || e.kind == vCaption):
			// Truncated header cells: "商", "结", "科研".
			start := 0
			if k > 0 {
				start = tokEnd[k-1]
			}
			ok = cp >= 2 || (cp >= 1 && p == start)
		case atEnd:
			ok = cp >= e.numLen+2 && cp >= 3
		default:
			ok = cp >= e.numLen+4
			if ok {
				end = tokEnd[k] // a misspelt tail: take the rest of the fragment
			}
		}
		if !ok {
			continue
		}
		if cp > bestPart {
			bestPart, part, partEnd = cp, part[:0], end
		}
		if cp == bestPart {
			part = append(part, e)
		}
	}
	if len(full) > 0 && bestFull >= bestPart {
		return match{entries: tp.p.keepEntries(full), start: p, end: p + bestFull}, true
	}
	if len(part) > 0 {
		return match{entries: tp.p.keepEntries(part), start: p, end: partEnd, partial: true}, true
	}
	return match{}, false
}

func commonPrefix(a, b []rune) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// unmatchedRunes handles runes no label matched: text right after a label in
// the same fragment is a local addition to that label ("现行有效件数（历史累计）");
// anything else goes to Unrecognized.
func (tp *tableParser) unmatchedRunes(fr []frune, from, to int, ms []match, tokOf func(int) int) {
	s := tp.p.src
	sp := srcSpan{fr[from].off, fr[to-1].off + fr[to-1].n}
	if len(ms) > 0 {
		last := ms[len(ms)-1]
		if last.end == from && tokOf(last.end-1) == tokOf(from) && tokOf(to-1) == tokOf(from) && to-from <= 16 {
			s.mark(sp.start, sp.end, claimLabel)
			tp.p.warnf(s.pos(sp.start), "", ErrRepaired, "label %q has a local addition %q", tp.labelOf(last), s.str(sp))
			return
		}
	}
	// Split at fragment boundaries so each piece keeps its own position.
	for i := from; i < to; {
		k := tokOf(i)
		j := i
		for j < to && tokOf(j) == k {
			j++
		}
		tp.p.unrecognized(srcSpan{fr[i].off, fr[j-1].off + fr[j-1].n}, "text in a table that matches no label of the template")
		i = j
	}
}

// note records what a match tells about blocks and editions.
func (tp *tableParser) note(m match) {
	var mask uint8
	oneBlock := true // all entries name the same block
	for _, e := range m.entries {
		oneBlock = oneBlock && e.block == m.entries[0].block
		mask |= e.editions
	}
	switch m.entries[0].kind {
	case vColumn:
		h := colHit{entries: m.entries, seq: tp.seq}
		tp.pendingCols = append(tp.pendingCols, h)
		if tp.table == "t3" {
			b := tp.block("t3")
			switch m.entries[0].name {
			case "organizations":
				b.orgSeq = tp.seq
			case "other":
				b.otherSeq = tp.seq
			case "total":
				b.totalSeq = tp.seq
			}
		}
	case vCaption:
		if oneBlock {
			b := tp.block(m.entries[0].block)
			b.found = true
			if mask == m2019 {
				b.cols19++
			}
		}
	}
}

// startRow begins collecting values for the row a match names.
func (tp *tableParser) startRow(m match, label srcSpan, line int) {
	var best *vocabEntry
	for _, e := range m.entries {
		if e.kind != vRow {
			continue
		}
		if best == nil || (e.order > tp.lastOrd && (best.order <= tp.lastOrd || e.order < best.order)) {
			best = e
		}
	}
	if best == nil {
		return
	}
	key := rowKey{best.block, best.name}
	if _, dup := tp.rows[key]; dup {
		tp.p.warnf(tp.p.src.pos(label.start), best.block, ErrAmbiguous, "row %q appears twice; the second is not used", string(best.folded))
		tp.cur = &rowAcc{block: "", name: ""} // swallow its values
		tp.cur.line = line
		return
	}
	extra := true
	for _, e := range m.entries {
		if e.kind == vRow && e.name == best.name && !e.extra {
			extra = false
		}
	}
	acc := tp.p.newRowAcc()
	*acc = rowAcc{block: best.block, name: best.name, label: label, line: line, extra: extra,
		vals:      tp.p.tokenSpace(tp.maxCols(best.block) + 2), // +2: room for empty fields at the ends of a delimited row
		afterBare: tp.bareRun || tp.cur != nil && tp.cur.block == best.block && trimmedLen(tp.cur.vals) == 0}
	tp.rows[key] = acc
	tp.rowOrder = append(tp.rowOrder, acc)
	tp.cur = acc
	tp.lastOrd = best.order
	b := tp.block(best.block)
	if !b.found || !b.pos.IsValid() {
		b.pos = tp.p.src.pos(label.start)
	}
	b.found = true
	// Row labels that only one edition has, or spells this way officially.
	var only uint8
	for _, e := range m.entries {
		if e.kind == vRow && e.name == best.name {
			if e.official {
				only |= e.editions
			}
		}
	}
	switch only {
	case m2019:
		b.rows19++
	case m2021:
		b.rows21++
	}
	// Header cells seen since the last row belong to this row's block.
	for _, h := range tp.pendingCols {
		var mask uint8
		inBlock := false
		for _, e := range h.entries {
			if e.block == best.block {
				inBlock = true
				mask |= e.editions
			}
		}
		if !inBlock {
			continue
		}
		switch mask {
		case m2019:
			b.cols19++
		case m2021:
			b.cols21++
		}
		h.block = best.block
		tp.colHits = append(tp.colHits, h)
	}
	tp.pendingCols = tp.pendingCols[:0]
}

// sumsToLast reports whether the fields are integers and the last is the sum
// of the others.
func sumsToLast(vals []token) bool {
	var sum int64
	for i, t := range vals {
		n, ok := ParseValue(t.text).Int64()
		if !ok {
			return false
		}
		if i == len(vals)-1 {
			return n == sum
		}
		sum += n
	}
	return false
}

// trimmedLen is the number of a row's fields without leading and trailing
// empty fields.
func trimmedLen(vals []token) int {
	i, j := 0, len(vals)
	for i < j && vals[i].kind == tkEmpty {
		i++
	}
	for j > i && vals[j-1].kind == tkEmpty {
		j--
	}
	return j - i
}

// orgSubtotal reports whether a row of table 3 with the 法人或其他组织
// subtotal after 自然人 adds up: the subtotal is the sum of the five
// organisation columns and 总计 is 自然人 plus the subtotal.
func orgSubtotal(vals []token) bool {
	for len(vals) > 0 && vals[0].kind == tkEmpty {
		vals = vals[1:]
	}
	for len(vals) > 0 && vals[len(vals)-1].kind == tkEmpty {
		vals = vals[:len(vals)-1]
	}
	if len(vals) != 8 {
		return false
	}
	var v [8]int64
	for i, t := range vals {
		n, ok := ParseValue(t.text).Int64()
		if !ok {
			return false
		}
		v[i] = n
	}
	return v[1] == v[2]+v[3]+v[4]+v[5]+v[6] && v[7] == v[0]+v[1]
}

// shortBy is how many fields a row lacks for n columns once align has
// dropped its surplus empty fields.
func shortBy(vals []token, n int) int {
	for len(vals) > n && vals[len(vals)-1].kind == tkEmpty {
		vals = vals[:len(vals)-1]
	}
	for len(vals) > n && vals[0].kind == tkEmpty {
		vals = vals[1:]
	}
	return max(0, n-len(vals))
}

// align fits a row's fields to n columns. Surplus empty fields are dropped
// from the end, then from the start; a row with fewer fields than columns is
// aligned to the right (its last field is the last column, 总计) and the
// missing cells at its start are blank. Surplus values are returned apart.
// out is vals or buf, grown if needed; buf may be nil.
func align(vals []token, n int, buf []token) (out, surplus []token, missing int) {
	for len(vals) > n && vals[len(vals)-1].kind == tkEmpty {
		vals = vals[:len(vals)-1]
	}
	for len(vals) > n && vals[0].kind == tkEmpty {
		vals = vals[1:]
	}
	if len(vals) >= n {
		return vals[:n], vals[n:], 0
	}
	out = slices.Grow(buf[:0], n)[:n]
	clear(out[:n-len(vals)])
	copy(out[n-len(vals):], vals)
	return out, nil, n - len(vals)
}

// decide chooses the edition of a table-2 or table-3 block from its labels
// and, for a header that mixes both editions, from the number of values in
// its rows.
func (tp *tableParser) decide(id string, bi *blockInfo) (schema.Edition, string) {
	b19, ok19 := schema.LookupBlock(schema.E2019, id)
	b21, ok21 := schema.LookupBlock(schema.E2021, id)
	switch {
	case ok19 && !ok21:
		return schema.E2019, ""
	case ok21 && !ok19:
		return schema.E2021, ""
	}
	if id == "t3" {
		// A row with values that only one edition has (pdfraw.go's
		// t3OnlyRows, from the catalog) decides, 2021's first.
		only := t3OnlyRows()
		for _, e := range []schema.Edition{schema.E2021, schema.E2019} {
			for _, n := range only[e] {
				if tp.rows[rowKey{"t3", n}] != nil {
					return e, ""
				}
			}
		}
		return tp.decideByLabels(), ""
	}
	// Typical number of values a row of this block has.
	width := 0
	for _, acc := range tp.rowOrder {
		if acc.block == id {
			width = max(width, trimmedLen(acc.vals))
		}
	}
	fits := func(b schema.Block) bool { return width == len(b.Columns) }
	switch {
	case bi.cols19 > 0 && bi.cols21 > 0:
		why := "the header of this block mixes labels of both template editions"
		switch {
		case fits(b21) && !fits(b19):
			return schema.E2021, why + "; its rows have the 2021 number of values"
		case fits(b19) && !fits(b21):
			return schema.E2019, why + "; its rows have the 2019 number of values"
		case bi.cols19 > bi.cols21:
			return schema.E2019, why
		}
		return schema.E2021, why
	case bi.cols19 > 0:
		return schema.E2019, ""
	case bi.cols21 > 0:
		return schema.E2021, ""
	case bi.rows19 > bi.rows21:
		return schema.E2019, ""
	case bi.rows21 > bi.rows19:
		return schema.E2021, ""
	case fits(b19) && !fits(b21):
		return schema.E2019, ""
	}
	return "", "" // nothing in the block tells: finish goes by the table's other blocks
}

// finish decides each block's edition and writes the cells into r.
func (tp *tableParser) finish(r *Report) {
	var ids []string
	votes := map[schema.Edition]int{}
	for _, id := range schema.BlockIDs {
		bi := tp.blocks[id]
		if bi == nil || !bi.found || !strings.HasPrefix(id, tp.table) {
			continue
		}
		if _, done := r.Editions[id]; done {
			continue // a second copy of the table: its rows stay unused
		}
		if !bi.pos.IsValid() {
			bi.pos = tp.at
		}
		ids = append(ids, id)
		if id == "t4" {
			r.Editions[id] = "" // decided by the caller from the other tables
			continue
		}
		e, why := tp.decide(id, bi)
		if why != "" {
			tp.p.warn(bi.pos, id, ErrAmbiguous, why+"; read as edition "+string(e))
		}
		r.Editions[id] = e
		votes[e]++
	}
	// A block in which nothing tells the edition (no values, no header or
	// row label only one edition has: PDF text out of reading order put
	// them elsewhere) takes that of the table's other blocks, as one
	// report follows one template; 2021 if they do not tell either.
	byOthers := schema.E2021
	if votes[schema.E2019] > votes[schema.E2021] {
		byOthers = schema.E2019
	}
	for _, id := range ids {
		if r.Editions[id] == "" && id != "t4" {
			r.Editions[id] = byOthers
		}
	}
	tp.noteLostBlanks(r.Editions)
	for _, id := range ids {
		e := r.Editions[id]
		if e == "" {
			e = schema.E2021
		}
		b, _ := schema.LookupBlock(e, id)
		tp.mdRowOrder(b) // mdrows.go
		tp.fill(r, b, tp.blocks[id])
	}
	tp.dropStray()
	for _, acc := range tp.rowOrder {
		if acc.used {
			continue
		}
		tp.p.warnf(tp.p.src.pos(acc.label.start), acc.block, ErrUnrecognized,
			"row %q is not part of the layout this block uses; its values are kept in Unrecognized", tp.p.src.str(acc.label))
		tp.keepValues(acc.vals)
	}
	tp.dropPreRow()
	for _, t := range tp.outsideVals {
		if t.kind == tkValue {
			tp.p.unrecognized(t.sp, "a value outside any table row")
		}
	}
	if tp.cur != nil && tp.cur.block == "" {
		tp.keepValues(tp.cur.vals)
	}
}

// fill writes the cells of one block.
func (tp *tableParser) fill(r *Report, b schema.Block, bi *blockInfo) {
	cols := b.Columns
	orgAt := -1 // index of the 法人或其他组织 subtotal column, if present
	if b.ID == "t3" {
		orgHeader := bi.orgSeq > 0 && bi.otherSeq > 0 && bi.orgSeq > bi.otherSeq
		// Rows with one value more than the columns have the subtotal
		// column after 自然人 only when each adds up so (orgSubtotal): a
		// stray field is not a column.
		orgRows := false
		for _, acc := range tp.rowOrder {
			if acc.block == "t3" && trimmedLen(acc.vals) == len(cols)+1 {
				if !orgSubtotal(acc.vals) {
					orgRows = false
					break
				}
				orgRows = true
			}
		}
		if orgHeader || orgRows {
			org, _ := b.Column("organizations")
			if orgHeader {
				orgAt = len(cols)
				cols = append(append([]schema.Column(nil), cols...), org)
			} else {
				orgAt = 1
				cols = append(append([]schema.Column{cols[0]}, org), cols[1:]...)
			}
		}
	}
	if orgAt < 0 && tp.readColumnMajor(r, b, bi) { // pdfraw.go: written column by column
		tp.placeBlanks(r, b, bi)
		return
	}
	if why := tp.linesLost(b, len(b.Columns)); why != "" {
		tp.dropBlock(r, b, bi, why, orgAt >= 0)
		tp.placeBlanks(r, b, bi)
		return
	}
	tp.oneCellBlock(b) // pdfraw.go: a block's only value, apart from its label
	var missing []string
	flat := tp.flat
	flatAligned, flatDropped := false, false
	var flatAt Position            // table 4's first unlabelled value, when they are dropped
	var byCols *colsRow            // table 3's 总计 row, perhaps written column by column
	var spill map[string][]token   // rows whose values came after another row's (pdfraw.go)
	var glued []*gluedRow          // rows whose digits ran together (glue.go)
	var byProse map[string][]token // table 4's rows the report's text states (pdfraw.go)
	for i := range len(b.Rows) + len(b.ExtraRows) {
		official := i < len(b.Rows)
		var row *schema.Row
		if official {
			row = &b.Rows[i]
		} else {
			row = &b.ExtraRows[i-len(b.Rows)]
		}
		acc := tp.rows[rowKey{b.ID, row.Name}]
		var vals []token
		var at Position
		switch {
		case acc != nil:
			acc.used = true
			vals = acc.vals
			at = tp.p.src.pos(acc.label.start)
		case spill[row.Name] != nil:
			vals, at = spill[row.Name], tp.p.src.pos(spill[row.Name][0].sp.start)
		case b.ID == "t4" && len(flat) > 0 && official:
			// Table 4 written as one unlabelled row of 15 values. (The first
			// row may have had a label of its own: align once, on the first
			// row read from flat, not on row 0.)
			if !flatAligned { // flat is tp.flat until aligned
				if why := tp.flatScrambled(b, len(cols)); why != "" {
					// One value a line, too few or too many, or in pieces
					// between labels that do not fall at row ends (pdfraw.go):
					// no cell is filled, but for rows the report's text
					// states in full.
					byProse = tp.settleFlatByProse(r, b)
					if len(tp.flat) > 0 {
						flatAt = tp.p.src.pos(tp.flat[0].sp.start) // where dropFlat's warning stands
					}
					tp.dropFlat(b, why)
					flat, flatDropped = nil, true
					blankRow(r, b, row.Name, false, flatAt)
					continue
				}
				flatAligned = true
				need := len(cols) * len(b.Rows)
				if shortBy(flat, need) > 0 {
					if placed := tp.placeFlat(b, flat, need); placed != nil {
						flat = placed
					} else if len(flat) < need && flat[0].kind == tkValue { // glue.go: digits run together
						flat = tp.glueTable(&glued, flat, b, cols)
					}
				}
				if short := shortBy(flat, need); short > 0 && !tp.p.alignShort {
					flatAt = tp.p.src.pos(flat[0].sp.start)
					tp.dropFlat(b, fmt.Sprintf("table 4 has %d values for %d cells (%s) and their positions do not tell "+
						"which cells are blank (Parser.AlignShortRows reads them aligned to the right)",
						need-short, need, joinTokens(flat)))
					flat, flatDropped = nil, true
					blankRow(r, b, row.Name, false, flatAt)
					continue
				}
				all, surplus, missing := align(flat, need, nil)
				tp.surplus(surplus, b.ID)
				if missing > 0 {
					tp.p.warnf(tp.p.src.pos(flat[0].sp.start), b.ID, ErrRepaired,
						"table 4 has %d of %d fields; read aligned to the right", len(all)-missing, len(all))
				}
				flat = all
			}
			vals = flat[i*len(cols) : (i+1)*len(cols)]
		case b.ID == "t3" && row.Name == "new" && orgAt < 0 && tp.preRowFits(len(cols)):
			vals, at = tp.takePreRow(b, *row)
		case flatDropped && official:
			blankRow(r, b, row.Name, false, flatAt) // dropFlat said why
			continue
		default:
			if official {
				missing = append(missing, row.Label)
				blankRow(r, b, row.Name, orgAt >= 0, bi.pos) // the warning on missing rows is at bi.pos
			}
			continue
		}
		n := len(cols)
		rowCols := cols
		if orgAt >= 0 && len(vals) == n && vals[n-1].kind == tkEmpty && sumsToLast(vals[:n-1]) {
			// A trailing empty pipe cell, not a blank 总计 after the
			// subtotal column: without it the row's 总计 is the sum of
			// its six applicant columns.
			vals = vals[:n-1]
		}
		if orgAt >= 0 && tp.fieldCount(vals) < n {
			// This row lacks the subtotal column.
			rowCols = b.Columns
			n = len(rowCols)
			*r.CellPtr(b.Ref(row.Name, "organizations")) = BlankCell()
		}
		if acc != nil && len(vals) < n && tp.mode == modeSpace {
			if placed := tp.placeByLines(b, acc, vals, n); placed != nil { // place.go: empty lines are blank cells
				vals = placed
			}
		}
		if acc != nil && tp.rowScrambled(b.ID, vals, n, orgAt) {
			// One value a line, fewer than the row has cells, or more and
			// not in rows that add up (pdfraw.go): no cell is filled,
			// unless table 3's 总计 row can be read column by column once
			// the rest is in.
			blankRow(r, b, row.Name, orgAt >= 0, at)
			if b.ID == "t3" && row.Name == "total" && orgAt < 0 && len(vals) > n {
				byCols = &colsRow{row: *row, vals: vals, at: at}
				continue
			}
			tp.dropRow(b, *row, vals, n, at)
			continue
		}
		if acc != nil && tp.labelsApart(acc, vals) {
			blankRow(r, b, row.Name, orgAt >= 0, at)
			tp.dropApart(b, *row, vals, at)
			continue
		}
		if acc != nil && len(vals) > n && tp.onePerLine(vals) {
			// Whole rows, one value a line, after this row's: the rows
			// between it and the next with values, if their labels came
			// apart (pdfraw.go).
			if sp := tp.spillRows(b, acc, vals, n); sp != nil {
				spill, vals = sp, vals[:n]
			}
		}
		if shortBy(vals, n) > 0 {
			if placed := tp.placeShort(b, acc, vals, n); placed != nil { // place.go: by position
				vals = placed
			} else if len(vals) < n && len(vals) > 0 && vals[0].kind == tkValue { // glue.go: digits run together
				vals = tp.glueRow(&glued, vals, b, *row, rowCols)
			} else if sv := tp.splitSigned(b, *row, vals, rowCols, at); sv != nil { // place.go: "35-15"
				vals = sv
			}
			if shortBy(vals, n) > 0 && acc != nil && !tp.p.alignShort {
				blankRow(r, b, row.Name, orgAt >= 0, at)
				tp.dropShort(b, *row, vals, n, at)
				continue
			}
		}
		if acc != nil && len(vals) > n && (tp.mode == modePipe || tp.mode == modePipeRows) {
			// Empty fields beyond the row's cells at both ends (merged label
			// cells on the left, blank cells on the right): place.go. (In
			// tab-separated text the field after a tab that ends the line
			// is taken for none, as align does: word processors and
			// spreadsheets end every row with a tab, seeds 003 and 004.)
			if kept, ok := tp.trimDelimited(b.ID, vals, rowCols); ok {
				vals = kept
			} else {
				blankRow(r, b, row.Name, orgAt >= 0, at)
				tp.dropEdges(b, *row, vals, n, at)
				continue
			}
		}
		out, surplus, missing := align(vals, n, tp.p.sc.row)
		if len(vals) < n {
			tp.p.sc.row = out // the buffer, grown: reuse it for the next row
		}
		tp.surplus(surplus, b.ID)
		if missing > 0 && acc != nil {
			msg := ""
			if tp.p.listing() { // fmt's "row %q has %d of %d fields; …", cheaper
				msg = "row " + quote(row.Label) + " has " + strconv.Itoa(n-missing) + " of " + strconv.Itoa(n) +
					" fields; read aligned to the right, the " + strconv.Itoa(missing) + " cells before them are blank"
			}
			tp.p.warn(at, b.Ref(row.Name, rowCols[n-1].Name), ErrRepaired, msg)
		}
		for j, c := range rowCols {
			*r.cellAt(b.Table, row.Name, c.Name) = tp.cell(out[j], b.Table, row.Name, c.Name)
		}
	}
	tp.resolveGluedRows(r, glued)
	for _, row := range b.Rows {
		if vals := byProse[row.Name]; vals != nil {
			for j, c := range b.Columns {
				*r.cellAt(b.Table, row.Name, c.Name) = tp.cell(vals[j], b.Table, row.Name, c.Name)
			}
		}
	}
	if byCols != nil {
		tp.readByColumns(r, b, byCols)
	}
	// One a line and out of the table's order, only table 3's arithmetic
	// can prove the rows read (pdfraw.go).
	if why := tp.orderLost(b); why != "" && (b.ID != "t3" || orgAt >= 0 || !balances(b, func(i, j int) (int64, bool) {
		c, _ := r.Cell(b.Ref(b.Rows[i].Name, b.Columns[j].Name))
		if c.Kind != Number {
			return 0, false
		}
		return c.Int64()
	})) {
		tp.unread(r, b, bi, why, orgAt >= 0)
	}
	tp.placeBlanks(r, b, bi)
	if len(missing) > 0 {
		tp.p.warnf(bi.pos, b.ID, ErrMissing, "%d rows of block %s are missing and were left blank: %s", len(missing), b.ID, strings.Join(missing, "、"))
	}
}

// placeBlanks gives each blank cell of block b that no token made (a row
// missing or left out, cells padded when a row is short) the position of
// its row's label, or of the table when the row has none, so that a finding
// on the cell points near where the parser said why it is blank.
func (tp *tableParser) placeBlanks(r *Report, b schema.Block, bi *blockInfo) {
	place := func(row schema.Row) {
		at := bi.pos
		if acc := tp.rows[rowKey{b.ID, row.Name}]; acc != nil {
			at = tp.p.src.pos(acc.label.start)
		}
		for _, c := range b.Columns {
			if p := r.cellAt(b.Table, row.Name, c.Name); p != nil && p.Kind == Blank && p.Pos.Line == 0 {
				p.Pos = at
			}
		}
		if p := r.cellAt(b.Table, row.Name, "organizations"); p != nil && p.Kind == Blank && p.Pos.Line == 0 {
			p.Pos = at
		}
	}
	for _, row := range b.Rows {
		place(row)
	}
	for _, row := range b.ExtraRows {
		place(row)
	}
}

func (tp *tableParser) surplus(ts []token, ref string) {
	for _, t := range ts {
		if t.kind == tkEmpty {
			continue
		}
		tp.p.warnf(tp.p.src.pos(t.sp.start), ref, ErrAmbiguous, "surplus value %q in a table row; kept in Unrecognized", t.text)
		tp.p.unrecognized(t.sp, "")
	}
}

// cell turns a token into the cell table.row.col and claims it.
func (tp *tableParser) cell(t token, table, row, col string) Cell {
	s := tp.p.src
	switch t.kind {
	case tkValue, tkLabel:
		if t.kind == tkValue && leadingZeros(t.text) {
			// "000" in one cell: no count is written so; the digits of
			// several cells ran together (a layout with more cells than
			// this one). Not a number.
			tp.p.warnf(s.pos(t.sp.start), table+"."+row+"."+col, ErrAmbiguous,
				"the value %q has leading zeros: digits of several cells ran together? the cell is left blank and the digits kept in Unrecognized", t.text)
			tp.p.unrecognized(t.sp, "")
			c := BlankCell()
			c.Pos = s.pos(t.sp.start)
			return c
		}
		s.mark(t.sp.start, t.sp.end, claimValue)
		c := parseCellValue(t.text)
		c.Pos = s.pos(t.sp.start)
		if c.Kind == Text {
			tp.p.warnf(c.Pos, table+"."+row+"."+col, ErrRepaired, "cell holds text %q, not a number", c.Value)
		}
		return c
	case tkEmpty:
		c := BlankCell()
		c.Pos = s.pos(t.sp.start)
		return c
	}
	return BlankCell()
}

// leadingZeros reports whether s is two or more digits (ASCII or
// full-width) starting with 0, with no decimal point.
func leadingZeros(s string) bool {
	d, ok := foldDigits(s)
	return ok && len(d) >= 2 && d[0] == '0'
}

// mayHoldDropped reports whether s may hold a rune that folding drops and
// that is not white space: quotation marks and stars. The three-byte ones
// all start with one of the bytes tested, which only then are read as a
// rune (most CJK punctuation starts with them too: 、。（）：).
func mayHoldDropped(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '\'', '*':
			return true
		case 0xE2, 0xE3, 0xEF:
			if i+3 <= len(s) {
				switch s[i : i+3] {
				case "“", "”", "‘", "’", "「", "」", "『", "』", "＂", "＇", "＊":
					return true
				}
			}
		}
	}
	return false
}

// parseCellValue is ParseValue with a shortcut for the common cell, ASCII
// digits only, whose value is the text itself.
func parseCellValue(s string) Cell {
	if s != "" && chars.AllDigits(s) {
		return Cell{Kind: Number, Value: s}
	}
	return ParseValue(s)
}

// valueKind is ParseValue(s).Kind without building the value.
func valueKind(s string) Kind {
	if s == "" || s[0] >= utf8.RuneSelf || chars.IsSpace(rune(s[0])) || s[len(s)-1] >= utf8.RuneSelf || chars.IsSpace(rune(s[len(s)-1])) {
		s = strings.TrimFunc(s, chars.IsSpace)
	}
	if s == "" {
		return Blank
	}
	if isNAMark(s) {
		return NotApplicable
	}
	if chars.AllDigits(s) {
		return Number
	}
	// normalizeNumber allocates only for a number, and gives up on text
	// at its first rune that is no digit or sign.
	if _, ok := normalizeNumber(s); ok {
		return Number
	}
	return Text
}

// isValueKind reports whether s reads as a number or a not-applicable mark.
func isValueKind(s string) bool {
	k := valueKind(s)
	return k == Number || k == NotApplicable
}

// startsListStop reports whether s starts with the full stop of a list
// number: . ． 、
func startsListStop(s string) bool {
	return strings.HasPrefix(s, ".") || strings.HasPrefix(s, "．") || strings.HasPrefix(s, "、")
}
