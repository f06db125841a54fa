package nianbao

import (
	"bytes"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/schema"
)

// Parser reads annual reports as people publish them: text copied from Word,
// PDF extractions, web pages, Markdown, and the canonical form [Render]
// writes. The zero Parser is ready to use and lenient.
type Parser struct {
	// Filename is shown in diagnostics; it may be empty.
	Filename string
	// Strict makes every repair or guess (a label joined across lines, a
	// row read by position, text the parser could not place) an error: Parse
	// then returns the report together with an ErrorList holding them. The
	// default, false, only records them in Report.Warnings.
	Strict bool
	// AlignShortRows reads a table row that has fewer values than cells,
	// where neither the values' positions nor the row's delimiters say
	// which cells are blank, aligned to the right: its last value is the
	// last column (总计) and the cells before its first value are blank.
	// That is a guess, and a wrong one whenever a blank cell stands between
	// two values (a Word or WPS table saved as PDF writes nothing for it),
	// so it is off by default: such a row is left blank, its values kept in
	// Report.Unrecognized and a warning quotes them (FORMAT.md, "Placing
	// values in a row"). Like encoding/csv's LazyQuotes, turn it on only
	// for input known to blank only leading cells. Each row so read has a
	// warning wrapping ErrRepaired.
	AlignShortRows bool
	// LooseGlue takes, for a run of digits written together (web page text:
	// "2000" for the cells 2 0 0 0) that no cut into the row's cells makes
	// add up, the cut that misses the row's sums by the least when only one
	// does. That writes numbers the template's arithmetic does not prove,
	// so it is off by default: the run is kept in Report.Unrecognized and a
	// warning quotes it. Each cut so taken has a warning.
	LooseGlue bool
}

// Parse reads an annual report with the default lenient [Parser].
func Parse(src []byte) (*Report, error) { return (&Parser{}).Parse(src) }

// Parse reads an annual report.
//
// Input that is not a report at all comes back as a nil report and an error
// wrapping [ErrNotAReport]; binary formats (PDF, Word, images) wrap
// [ErrUnsupportedFormat]; input that is mostly bytes that are neither UTF-8
// nor GB18030 (binary data) wraps [ErrEncoding]. A few such bytes in text,
// or NUL bytes, are each replaced by U+FFFD, and a line of GB18030 in a UTF-8
// file is read as GB18030, each with a positioned warning wrapping
// [ErrEncoding]. Otherwise the report is returned: every cell of tables 2–4
// the document has, its sections, metadata, the edition of each table
// block, r.Warnings for what was repaired or guessed, and r.Unrecognized for
// the text it could not place. At most 1000 warnings are listed, then one
// saying how many more there were. In Strict mode the warnings also come
// back as an [ErrorList].
func (p *Parser) Parse(src []byte) (*Report, error) {
	// First: every later stage sees LF line ends only.
	src = lineEnds(src)
	if isHTML(src) { // a web page: html.go converts it, parses the text, maps positions back
		return p.parseHTML(src)
	}
	if anyFlatLine(src) {
		if text, m, ok := unflatten(string(src)); ok { // one line holds the report: unflatten.go breaks it
			return p.parseMapped(text, m)
		}
	}
	r, _, err := p.parse(src)
	return r, err
}

// anyFlatLine reports whether some line of src is a flattened report (see
// isFlatLine) without copying src: only a line that holds two section
// headings, or the two labels isFlatLine looks for, is checked with it.
func anyFlatLine(src []byte) bool {
	m := flatLineMarks()
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i+1], src[i+1:] // with its newline, as strings.SplitAfter cuts it
		} else {
			src = nil
		}
		if len(line) < flatMinRunes {
			continue
		}
		// Every heading, and the label of t3's first row, is a numeral, 、
		// and a title: they are found at the 、 of the line.
		var seen uint64
		t3 := false
		for off := 0; ; {
			i := bytes.Index(line[off:], m.comma)
			if i < 0 {
				break
			}
			p := off + i
			off = p + len(m.comma)
			for k, h := range m.marks {
				if p >= len(h.numeral) && bytes.Equal(line[p-len(h.numeral):p], h.numeral) && bytes.HasPrefix(line[off:], h.title) {
					if k == len(m.marks)-1 {
						t3 = true
					} else {
						seen |= 1 << k
					}
				}
			}
		}
		if (bits.OnesCount64(seen) >= 2 || t3 && bytes.Contains(line, m.t2)) && isFlatLine(string(line)) {
			return true
		}
	}
	return false
}

// flatLineMarks are the strings isFlatLine looks for, cut at their 、: the
// section headings, then the label of t3's first row; t2 is the caption of
// t2's first block. All come from the catalog.
var flatLineMarks = sync.OnceValue(func() flatMarkBytes {
	t2, _ := schema.LookupBlock(schema.E2019, "t2.1")
	t3, _ := schema.LookupBlock(schema.E2019, "t3")
	var marks []string
	for _, s := range schema.Sections {
		marks = append(marks, s.Heading)
	}
	marks = append(marks, t3.Rows[0].Label)
	m := flatMarkBytes{comma: []byte("、"), t2: []byte(t2.Caption)}
	for _, h := range marks {
		numeral, title, ok := strings.Cut(h, "、")
		if !ok || utf8.RuneCountInString(numeral) != 1 {
			panic("nianbao: a section heading that is not a numeral, 、 and a title: " + h)
		}
		m.marks = append(m.marks, flatMark{[]byte(numeral), []byte(title)})
	}
	return m
})

type flatMarkBytes struct {
	comma []byte
	marks []flatMark
	t2    []byte
}

type flatMark struct{ numeral, title []byte }

// parseState is the state of one Parse call.
type parseState struct {
	// alignShort and looseGlue are the Parser's opt-in guesses.
	alignShort, looseGlue bool

	src      *source
	file     string
	r        *Report
	warnings []*Diagnostic
	// Warnings beyond maxWarnings: how many, where the first was, and
	// the sentinels they wrapped.
	dropped     int
	droppedPos  Position
	droppedErrs []error

	// Memory of this parse that nothing returned refers to, reused by
	// the next parse.
	sc *scratch
}

// scratch is the working memory of one parse: slices reused from call to
// call within the parse, then, through scratchPool, by later parses. Nothing
// a parse returns may point into it.
type scratch struct {
	fold    []rune // tableParser.labelPrefix
	resolve resolveScratch
	slabs   slabs
	lines   []lineInfo // segment
	toks    []token    // tokenize, for one table region at a time
	// tableParser.run
	run, pending, lead []token
	labelAhead         []bool
	row                []token // fill: one row's fields aligned
	// The maps of a tableParser, for one section at a time.
	rows     map[rowKey]*rowAcc
	labelled map[rowKey]bool
	blocks   map[string]*blockInfo
	// Slices of a tableParser (tableParser.release).
	pendingCols, colHits []colHit
	rowOrder             []*rowAcc
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// getScratch takes working memory from the pool, emptied.
func getScratch() *scratch {
	sc := scratchPool.Get().(*scratch)
	sc.slabs.entries = sc.slabs.entries[:0]
	sc.slabs.accs = sc.slabs.accs[:0]
	sc.slabs.toks = sc.slabs.toks[:0]
	return sc
}

// putScratch returns working memory to the pool unless it grew large (a
// huge input), so that the pool does not keep it.
func putScratch(sc *scratch) {
	if cap(sc.lines) > 1<<14 || cap(sc.toks) > 1<<14 || cap(sc.slabs.toks) > 1<<14 {
		return
	}
	scratchPool.Put(sc)
}

func (p *parseState) warn(pos Position, ref string, err error, msg string) {
	if len(p.warnings) < maxWarnings {
		p.warnings = append(p.warnings, &Diagnostic{File: p.file, Pos: pos, Severity: SeverityWarning, Ref: ref, Msg: msg, Err: err})
		return
	}
	if p.dropped == 0 {
		p.droppedPos = pos
	}
	p.dropped++
	for _, e := range p.droppedErrs {
		if e == err {
			return
		}
	}
	p.droppedErrs = append(p.droppedErrs, err)
}

// warnf is warn with a formatted message, formatted only if it is listed.
func (p *parseState) warnf(pos Position, ref string, err error, format string, args ...any) {
	msg := ""
	if p.listing() {
		msg = fmt.Sprintf(format, args...)
	}
	p.warn(pos, ref, err, msg)
}

// listing reports whether the next warning is listed with its message.
func (p *parseState) listing() bool { return len(p.warnings) < maxWarnings }

// maxWarnings is the most warnings one parse lists; one more says how many
// were left out.
const maxWarnings = 1000

// tooManyWarnings adds the warning that says how many were left out, if
// any: it is at the first one left out and wraps their sentinels.
func (p *parseState) tooManyWarnings() {
	if p.dropped == 0 {
		return
	}
	p.warnings = append(p.warnings, &Diagnostic{File: p.file, Pos: p.droppedPos, Severity: SeverityWarning,
		Msg: fmt.Sprintf("too many warnings: %d more from here on are not listed (at most %d are)", p.dropped, maxWarnings),
		Err: errors.Join(p.droppedErrs...)})
}

// unrecognized keeps a piece of text in Report.Unrecognized, with a warning
// saying why when why is not empty.
func (p *parseState) unrecognized(sp srcSpan, why string) {
	sp = p.src.trimSpan(sp)
	if sp.start == sp.end {
		return
	}
	p.src.mark(sp.start, sp.end, claimUnknown)
	pos := p.src.pos(sp.start)
	text := p.src.str(sp)
	p.r.Unrecognized = append(p.r.Unrecognized, Fragment{Text: text, Pos: pos})
	if why != "" {
		p.warnf(pos, "", ErrUnrecognized, "%s: %q", why, text)
	}
}

// parse does the work of Parse and also returns the source with its claims,
// for the accounting test.
func (pr *Parser) parse(src []byte) (*Report, *source, error) {
	text, issues, err := decode(src)
	if err != nil {
		return nil, nil, pr.wrapErr(err)
	}
	if isBlank(text) {
		return nil, nil, pr.wrapErr(fmt.Errorf("%w: the input is empty", ErrNotAReport))
	}
	p := &parseState{src: newSource(text), file: pr.Filename, r: &Report{Editions: map[string]Edition{}}, sc: getScratch(),
		alignShort: pr.AlignShortRows, looseGlue: pr.LooseGlue}
	defer putScratch(p.sc)
	r := p.r
	for _, is := range issues {
		p.warn(p.src.pos(is.off), "", ErrEncoding, is.msg)
	}
	// notAReport is the error for input in which no report was found; when
	// bytes had to be replaced, the encoding is the likelier culprit.
	notAReport := func(err error) error {
		if len(issues) > 0 {
			err = fmt.Errorf("%w: %s: %s; %w", ErrEncoding, p.src.pos(issues[0].off), issues[0].msg, err)
		}
		return pr.wrapErr(err)
	}

	front, secs := p.segment()
	titleLines, pre := p.splitTitle(front)
	r.Title = p.joinTitle(titleLines)
	agency, year := titleMeta(r.Title)

	var sig []lineInfo
	if n := len(secs); n > 0 {
		secs[n-1].body, sig = p.splitSignature(secs[n-1].body, agency)
	} else {
		pre, sig = p.splitSignature(pre, agency)
	}
	r.Preamble = p.joinLines(pre)

	numbered := 0
	for _, sec := range secs {
		s := Section{Number: sec.number, Heading: p.src.str(sec.heading.content), Pos: p.src.pos(sec.heading.content.start)}
		p.src.mark(sec.heading.content.start, sec.heading.content.end, claimText)
		if sec.number > 0 {
			numbered++
		}
		body := sec.body
		if table := sectionTable(sec.number); table != "" {
			tp := newTableParser(p, table)
			var before, region, after []lineInfo
			before, region, after = tp.split(body)
			if len(region) > 0 {
				mode := modeSpace
				toks := tp.tokenize(region)
				if rows, cells := pipeLines(p.src, region); rows > 0 {
					mode = modePipe
					if 2*cells >= rows {
						mode = modePipeRows
					}
				} else if hasTabs(p.src, region) {
					mode = modeTab
				}
				tp.run(toks, mode)
				tp.at = p.src.pos(region[0].content.start)
				tp.finish(r)
			}
			tp.release()
			body = append(before, after...)
		}
		s.Text = p.joinLines(body)
		r.Sections = append(r.Sections, s)
	}
	r.Signature = p.joinLines(sig)

	if _, ok := r.Editions["t4"]; ok {
		r.Editions["t4"] = tableFourEdition(r.Editions)
	}
	if numbered < 2 && len(r.Editions) == 0 {
		return nil, nil, notAReport(fmt.Errorf("%w: no section headings of the template (一、总体情况, 二、主动公开政府信息情况, …) and no tables were found", ErrNotAReport))
	}

	p.metadata(agency, year, sig)
	// Anything not claimed by now is kept as unrecognized text.
	p.sweep()
	p.tooManyWarnings()
	if len(p.warnings) > 0 {
		r.Warnings = p.warnings
	}
	if pr.Strict && len(p.warnings) > 0 {
		list := make(ErrorList, len(p.warnings))
		for i, w := range p.warnings {
			d := *w
			d.Severity = SeverityError
			list[i] = &d
		}
		return r, p.src, list
	}
	return r, p.src, nil
}

func (pr *Parser) wrapErr(err error) error {
	if pr.Filename != "" {
		return fmt.Errorf("%s: %w", pr.Filename, err)
	}
	return err
}

// sectionTable names the table a template section holds.
func sectionTable(n int) string {
	for _, s := range schema.Sections {
		if s.Number == n {
			return s.Table
		}
	}
	return ""
}

// tableFourEdition gives table 4, which is the same in both editions, the
// edition of table 3, else the edition most table-2 blocks used, else 2021.
func tableFourEdition(eds map[string]Edition) Edition {
	if e, ok := eds["t3"]; ok && e != "" {
		return e
	}
	n19, n21 := 0, 0
	for id, e := range eds {
		if id == "t4" {
			continue
		}
		switch e {
		case E2019:
			n19++
		case E2021:
			n21++
		}
	}
	if n19 > n21 {
		return E2019
	}
	return E2021
}

// pipeLines counts the lines of a region that have pipes, and those of them
// that hold at least three cells (a whole row rather than one cell).
func pipeLines(s *source, lines []lineInfo) (withPipes, rows int) {
	for _, li := range lines {
		c := s.str(li.content)
		if !hasUnescapedPipe(c) {
			continue
		}
		withPipes++
		n := strings.Count(c, "|")
		if strings.IndexByte(c, '\\') >= 0 {
			n -= strings.Count(c, `\|`)
		}
		if n >= 3 {
			rows++
		}
	}
	return withPipes, rows
}

func hasTabs(s *source, lines []lineInfo) bool {
	for _, li := range lines {
		if c := s.str(li.content); strings.IndexByte(c, '\t') >= 0 && !blankLine(c) {
			return true
		}
	}
	return false
}

// blankLine reports whether a line holds nothing but white space (a tab, a
// no-break space): in a table written one value a line it is a blank cell
// (place.go), not a row of tab-separated fields.
func blankLine(s string) bool { return strings.TrimFunc(s, isSpace) == "" }

// split divides a table section's body into the text before the table, the
// table region, and text after it.
func (tp *tableParser) split(body []lineInfo) (before, region, after []lineInfo) {
	a := -1
	for i, li := range body {
		if tp.isAnchor(li) {
			a = i
			break
		}
	}
	if a < 0 {
		return body, nil, nil
	}
	end := len(body)
	for end > a+1 && !tp.looksTabular(body[end-1]) {
		end--
	}
	region = body[a:end]
	// Escaped lines inside the region are text.
	reg := region
	for i, li := range region {
		if li.escaped {
			if len(after) == 0 {
				reg = append([]lineInfo(nil), region[:i]...)
			}
			after = append(after, li)
			continue
		}
		if len(after) > 0 {
			reg = append(reg, li)
		}
	}
	if len(reg) == 0 {
		reg = nil
	}
	// The slices are stretches of body; the caller appends after to
	// before, so before must not share space with the rest.
	return body[:a:a], reg, append(after, body[end:]...)
}

// utf8LeadWidth is the length of the UTF-8 sequence that byte c starts in
// valid UTF-8 text (decoded text always is).
func utf8LeadWidth(c byte) int {
	switch {
	case c < 0xC0:
		return 1
	case c < 0xE0:
		return 2
	case c < 0xF0:
		return 3
	}
	return 4
}

// sweep keeps every unclaimed non-space rune in Unrecognized, one fragment
// per unclaimed stretch of a line.
func (p *parseState) sweep() {
	s := p.src
	start := -1
	flush := func(end int) {
		if start >= 0 {
			p.unrecognized(srcSpan{start, end}, "text the parser could not place")
			start = -1
		}
	}
	for i := 0; i < len(s.text); {
		if start < 0 && s.claims[i] != claimNone {
			// Outside a fragment, claimed bytes only move on: go to the
			// rune holding the next unclaimed byte.
			j := i
			for j < len(s.claims) && s.claims[j] != claimNone {
				j++
			}
			if j == len(s.claims) {
				break
			}
			for !utf8.RuneStart(s.text[j]) {
				j--
			}
			i = j
		}
		c := s.text[i]
		if c == '\n' {
			flush(i)
			i++
			continue
		}
		if s.claims[i] != claimNone {
			flush(i)
			i += utf8LeadWidth(c)
			continue
		}
		r, n := rune(c), 1
		if c >= 0x80 {
			r, n = decodeRune(s.text[i:])
		}
		if !isSpace(r) && start < 0 {
			start = i
		}
		i += n
	}
	flush(len(s.text))
}
