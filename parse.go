package nianbao

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/opengovcn/nianbao/internal/docxtext"
	"github.com/opengovcn/nianbao/internal/flattext"
	"github.com/opengovcn/nianbao/internal/htmltext"
	"github.com/opengovcn/nianbao/internal/posmap"
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

// ParseFile reads the named file and parses it with the default lenient
// [Parser], the file's name in its diagnostics; see [Parser.ParseFile].
func ParseFile(name string) (*Report, error) { return (&Parser{}).ParseFile(name) }

// ParseReader reads r to its end and parses what it read with the default
// lenient [Parser]; see [Parser.ParseReader].
func ParseReader(r io.Reader) (*Report, error) { return (&Parser{}).ParseReader(r) }

// ParseFile reads the named file and parses it as [Parser.Parse] does.
// Diagnostics and errors name the file: p.Filename when it is set, else
// name. An error reading the file is returned as os.ReadFile returns it
// (errors.Is(err, fs.ErrNotExist) for a missing file). The file is read
// whole; nianbao validate limits an input to 200 MB, and a program that
// reads files it does not trust should check their size first.
func (p *Parser) ParseFile(name string) (*Report, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	q := *p
	if q.Filename == "" {
		q.Filename = name
	}
	return q.Parse(src)
}

// ParseReader reads r to its end and parses what it read as [Parser.Parse]
// does: a file, standard input, an HTTP response body. An error reading r
// is returned, wrapped with p.Filename when it is set. ParseReader reads
// all of r into memory; to bound what it reads, give it an
// [io.LimitedReader] (io.LimitReader(r, 200<<20)).
func (p *Parser) ParseReader(r io.Reader) (*Report, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, p.wrapErr(err)
	}
	return p.Parse(src)
}

// Parse reads an annual report.
//
// Input that is not a report at all comes back as a nil report and an error
// wrapping [ErrNotAReport]. Word files (.docx) are read directly, positions
// then being paragraph numbers and rune offsets; a .docx that cannot be
// read (damaged, malformed, its document part over 64 MB uncompressed) and
// other binary formats (PDF, .doc, images) wrap [ErrUnsupportedFormat]; input that is mostly bytes that are neither UTF-8
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
	// First: UTF-16 text (Windows Notepad's "Unicode") becomes UTF-8, and
	// every later stage sees LF line ends only.
	if u, ok := fromUTF16(src); ok {
		src = u
	}
	src = lineEnds(src)
	if fe := frontEndOf(src); fe != nil {
		if text, m, ok := fe.toText(src); ok {
			return p.parseMapped(fe, text, m)
		}
		if fe.why != nil {
			if err := fe.why(src); err != nil {
				return nil, err
			}
		}
	}
	r, _, err := p.parse(src)
	return r, err
}

// A front end turns one kind of input into the text the parser reads and a
// map from every position in that text back to the input. Each is a package
// of its own under internal/ that knows nothing of the parser; frontEnds is
// the only place that knows the kinds. Input that no front end claims is
// text, read as it is.
type frontEnd struct {
	name string
	// is reports, by content, whether src is of the front end's kind; it
	// is asked in the table's order and must be cheap on text.
	is func(src []byte) bool
	// toText converts src (with LF line ends); ok false reads src as text
	// after all.
	toText func(src []byte) (text string, m *posmap.Map, ok bool)
	// why, if not nil, says why toText could not read src: Parse returns
	// that error rather than reading src as text (a damaged Word file is
	// not text). Nil, or a nil error, reads src as text.
	why func(src []byte) error
	// spacedCuts: the front end dropped the spaces between the groups of
	// a table row's digits, and each such space was a cell boundary: the
	// parser cuts the row's run there (glue.go, spacedCutsOf).
	spacedCuts bool
	// clean: toText's text is valid UTF-8 with LF line ends and no NUL
	// byte, and decode is skipped (its checks would find nothing).
	clean bool
}

var frontEnds = []frontEnd{
	// A web page: the visible text, one line per block and per table row
	// (cells separated by TABs).
	// Its text is made of decoded runes (htmltext.ToText): clean.
	{"html", htmltext.Is, func(src []byte) (string, *posmap.Map, bool) {
		text, m := htmltext.ToText(src)
		return text, m, true
	}, nil, false, true},
	// A page's text flattened onto one line (as crawlers store it): the
	// line breaks put back before headings, captions and row labels.
	// The spaces it drops between a row's digits ("行政许可 17 0 2",
	// corpus 036) are cell boundaries: in such a page's text a cell's
	// count is never written with a space inside it.
	{"flat", flattext.Is, flattext.ToText, nil, true, false},
	// A Word file (.docx): paragraphs as lines, table rows as TAB-separated
	// fields in grid order; positions are paragraph numbers.
	{"docx", docxtext.Is, docxtext.ToText, func(src []byte) error {
		_, _, err := docxtext.Read(src)
		if err != nil {
			return fmt.Errorf("%w: a Word .docx file that cannot be read: %w", ErrUnsupportedFormat, err)
		}
		return nil
	}, false, false},
}

// frontEndOf returns the first front end that claims src, or nil.
func frontEndOf(src []byte) *frontEnd {
	for i := range frontEnds {
		if frontEnds[i].is(src) {
			return &frontEnds[i]
		}
	}
	return nil
}

// textIn is what is known of a text before it is read.
type textIn struct {
	// cuts: where a front end dropped spaces between two digits that
	// were a cell boundary, the position of the digit after (spacedCutsOf).
	cuts map[Position]bool
	// lost: blank cells are known to leave no digit (spacedCutsOf's wide
	// gaps).
	lost bool
	// clean: the text is valid UTF-8 with LF line ends and no NUL byte,
	// and decode is skipped (its checks would find nothing).
	clean bool
}

// in returns what fe's text (with its map m) tells before it is read.
func (fe *frontEnd) in(text string, m *posmap.Map) textIn {
	in := textIn{clean: fe.clean}
	if fe.spacedCuts {
		in.cuts, in.lost = spacedCutsOf(text, m)
	}
	return in
}

// parseMapped parses text a front end fe made from the source and maps
// every position back to the source.
func (pr *Parser) parseMapped(fe *frontEnd, text string, m *posmap.Map) (*Report, error) {
	r, _, err := pr.parseCut(text, fe.in(text, m))
	var list ErrorList
	errors.As(err, &list)
	mapReport(m, r, list...)
	return r, err
}

// srcPos maps a position in the text a front end made to the source.
func srcPos(m *posmap.Map, p Position) Position { return Position(m.Pos(posmap.Pos(p))) }

// mapReport rewrites every position in r (cells, sections, unrecognized
// fragments, warnings) and in the diagnostics of extra from the text a
// front end made to the source. A diagnostic listed in both is mapped once.
func mapReport(m *posmap.Map, r *Report, extra ...*Diagnostic) {
	if r != nil {
		for _, ref := range cellRefParts() { // the cells of r.Cells(), in place
			if p := r.cellAt(ref[0], ref[1], ref[2]); p != nil && p.Kind != Absent {
				p.Pos = srcPos(m, p.Pos)
			}
		}
		for i := range r.Sections {
			r.Sections[i].Pos = srcPos(m, r.Sections[i].Pos)
		}
		for i := range r.Unrecognized {
			r.Unrecognized[i].Pos = srcPos(m, r.Unrecognized[i].Pos)
		}
	}
	var ds []*Diagnostic
	if r != nil {
		ds = r.Warnings
	}
	done := make(map[*Diagnostic]bool, len(ds)+len(extra))
	for _, d := range append(ds, extra...) {
		if d != nil && !done[d] {
			done[d] = true
			d.Pos = srcPos(m, d.Pos)
		}
	}
}

// parseState is the state of one Parse call.
type parseState struct {
	// alignShort and looseGlue are the Parser's opt-in guesses.
	alignShort, looseGlue bool
	// lostBlanks: a table read so far has a run of digits shorter than
	// its row's cells, so blank cells left no digits in this text, and
	// glued runs are cut allowing for them (glue.go, noteLostBlanks).
	lostBlanks bool
	// cutEarly: a glued run was cut before lostBlanks was known.
	cutEarly bool
	// spacedCuts: where a front end dropped spaces between two digits
	// that were a cell boundary, the position of the digit after them
	// (frontEnd.spacedCuts); a glued run is cut there (glue.go). Not nil,
	// even when empty, for such a front end's text: its fields of digits
	// apart are then groups of one run too (glue.go, spacedGroupsRow).
	spacedCuts map[Position]bool
	// prose is reportProse(r) as far as it was asked for: the preamble
	// and proseOf-1 sections, when proseOf > 0 (settle.go, lazyProse).
	prose   strings.Builder
	proseOf int

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

// parse does the work of Parse and also returns the source with its claims,
// for the accounting test.
func (pr *Parser) parse(src []byte) (*Report, *source, error) {
	return pr.parseCut(string(src), textIn{})
}

// parseCut is parse for a text of which in tells what is known; unless it
// is clean, it is decoded first.
func (pr *Parser) parseCut(text string, in textIn) (*Report, *source, error) {
	var issues []decodeIssue
	if !in.clean {
		var err error
		if text, issues, err = decodeString(text); err != nil {
			return nil, nil, pr.wrapErr(err)
		}
	}
	var again bool
	r, s, err := pr.parseText(text, issues, in, &again)
	if again && !in.lost {
		// A later table showed that blank cells leave no digit, after an
		// earlier one had cut glued runs as if none did: read again with
		// that known from the start (glue.go, noteLostBlanks).
		in.lost = true
		r, s, err = pr.parseText(text, issues, in, &again)
	}
	return r, s, err
}

// parseText is one reading of text (decoded, with the repairs decoding
// made); again reports that a table cut glued runs before a later one
// showed that blank cells leave no digit.
func (pr *Parser) parseText(text string, issues []decodeIssue, in textIn, again *bool) (*Report, *source, error) {
	if isBlank(text) {
		return nil, nil, pr.wrapErr(fmt.Errorf("%w: the input is empty", ErrNotAReport))
	}
	p := &parseState{src: newSource(text), file: pr.Filename, r: &Report{Editions: map[string]Edition{}}, sc: getScratch(),
		alignShort: pr.AlignShortRows, looseGlue: pr.LooseGlue, lostBlanks: in.lost, spacedCuts: in.cuts}
	defer putScratch(p.sc)
	defer func() { *again = p.lostBlanks && p.cutEarly }()
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
