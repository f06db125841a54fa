package nianbao

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// ErrNotRenderable is wrapped by the errors [Render] and [RenderHTML] return
// when part of a report has no place in the output: a table block whose
// edition has no such block, or cells set outside the layout of their block.
// The rest of the report is still written.
var ErrNotRenderable = errors.New("report content that cannot be written")

// Render writes the canonical text form of r to w: a Markdown document with
// the title as "# " heading, the preamble, each section as a "## " heading
// followed by its text, the tables of sections 2–4 as pipe tables with the
// official labels of each block's edition, and the signature. See
// "Canonical text form" in FORMAT.md.
//
// The output is deterministic: it depends only on the content of r, never on
// source positions, map order, r.Warnings or r.Unrecognized (which are not
// written). It uses LF line ends, has no trailing spaces and ends with exactly
// one newline (an empty report renders as nothing).
//
// Free text is normalised: each line of text is trimmed of surrounding white
// space and written as its own paragraph; empty lines are dropped. A line that
// would read back as something else (a heading of the template, a table row,
// a value, the signature's date) is written with a leading backslash, and no
// other: a heading or emphasis a person wrote (（一）主动公开情况, **重点工作**)
// that reads back as the same text is written as it is. Render makes sure by
// reading its output back (see "Escaping" under "Canonical text form" in
// FORMAT.md), so the canonical form of a report with such lines costs a parse
// or two more than one without.
//
// The output is built in memory and written to w with one Write call; the
// error is that write's error, or, when some content could not be written,
// an error wrapping [ErrNotRenderable] (the rest is written all the same).
func Render(w io.Writer, r *Report) error {
	var p printer
	p.report(r)
	if _, err := w.Write(p.buf.Bytes()); err != nil {
		return err
	}
	return p.err
}

// Format returns the canonical text form of r, as [Render] writes it.
// Content that cannot be written is left out; use Render to learn about it.
func Format(r *Report) []byte {
	var p printer
	p.report(r)
	return p.buf.Bytes()
}

// printer builds the canonical text form. Blocks of output (paragraphs,
// headings, tables) are separated by exactly one blank line.
type printer struct {
	buf     bytes.Buffer
	started bool  // a block has been written
	err     error // first content error
	escapes []int // offsets of the escapes that may not be needed
}

func (p *printer) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("nianbao: render: %w: "+format, append([]any{ErrNotRenderable}, args...)...)
	}
}

// block starts a new output block, separated from the previous one by a
// blank line.
func (p *printer) block() {
	if p.started {
		p.buf.WriteByte('\n')
	}
	p.started = true
}

// line writes one line of the current block.
func (p *printer) line(s string) {
	p.buf.WriteString(s)
	p.buf.WriteByte('\n')
}

// paragraphs writes each non-empty line of text as its own paragraph,
// escaping the lines the parser would misread.
func (p *printer) paragraphs(text string) {
	for _, l := range textLines(text) {
		p.block()
		if needsEscape(l) {
			p.escaped(l)
		}
		p.line(l)
	}
}

// escaped writes the backslash that escapes the line l, about to be
// written, and notes its offset when l is a heading or emphasis a person
// wrote, whose escape unescape drops if the text reads the same without it
// (see keepEscape).
func (p *printer) escaped(l string) {
	if !keepEscape(l) {
		p.escapes = append(p.escapes, p.buf.Len())
	}
	p.buf.WriteByte('\\')
}

// keepEscape reports whether a line needsEscape flags keeps its escape
// whatever the parse of the canonical text says: a line that is, or reads
// like, structure of the report in any of the forms the parser accepts,
// not only in the canonical one — a table row (a pipe or a tab), a value,
// a page number, a rule, a date, a title, a line that starts with a label
// or a section heading of the template, a top-level numbered heading (一、,
// 二、…: the form of the template's own), a blank line, a line that starts
// with a backslash. Escaping these keeps the text what it is when the
// canonical form is edited or reformatted (tables with tabs instead of
// pipes, headings set as Markdown). What is left is a sub-heading (（一）,
// (1), 1.) or emphasis and other Markdown (**…**, # …, - …) a person wrote:
// unescape keeps its escape only when the text reads back otherwise.
func keepEscape(l string) bool {
	if strings.HasPrefix(l, `\`) || chars.ContainsAny(l, "|\t｜") ||
		isRuleLine(l) || isPageNumber(l) || isDateLine(l) || valueKind(l) != Text {
		return true
	}
	f := escapeFold(l)
	if f == "" || dateLine(f) {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(f); chars.IsHanNumber(r) && numberedHeading(escapeFoldNumbered(l)) {
		return true // 一、… : the form of a section heading
	}
	for _, lab := range escapeLabels() {
		if strings.HasPrefix(f, lab) {
			return true
		}
	}
	return looksLikeTitle(l)
}

// maxEscapeTries is the most escapes unescape tries one by one, each with a
// parse of the whole text, when dropping them all at once changes the
// reading; with more, the escapes stay.
const maxEscapeTries = 32

// unescape drops the escapes written by paragraphs that change nothing:
// the text without them reads back as the same report as the text with
// them. It tries all of them at once, and when that changes the reading,
// one at a time in order, keeping each drop that changes nothing with the
// drops kept before it. The result depends only on the text written, so it
// is deterministic, and a fixed point: the report read back writes the same
// text.
//
// Dropping them all at once is checked with one parse: the text without
// them must read back as what was written of r (sameAsWritten), as the
// canonical form always does. Only when it does not is the text with the
// escapes parsed too, for the one-by-one tries to be compared with.
func (p *printer) unescape(r *Report) {
	if len(p.escapes) == 0 || p.err != nil {
		return
	}
	full := bytes.Clone(p.buf.Bytes())
	without := func(drop []int) []byte {
		out := make([]byte, 0, len(full))
		last := 0
		for _, off := range drop {
			out = append(out, full[last:off]...)
			last = off + 1
		}
		return append(out, full[last:]...)
	}
	set := func(out []byte) {
		p.buf.Reset()
		p.buf.Write(out)
	}
	all := without(p.escapes)
	if b, err := Parse(all); err == nil && sameAsWritten(r, b) {
		set(all)
		return
	}
	ref, err := Parse(full)
	if err != nil {
		return
	}
	if b, err := Parse(all); err == nil && sameReading(ref, b) {
		set(all)
		return
	}
	if len(p.escapes) > maxEscapeTries {
		return
	}
	var kept []int
	var best []byte
	for _, off := range p.escapes {
		drop := append(slices.Clone(kept), off)
		out := without(drop)
		if b, err := Parse(out); err == nil && sameReading(ref, b) {
			kept, best = drop, out
		}
	}
	if best != nil {
		set(best)
	}
}

// sameAsWritten reports whether b, read from the canonical text of a,
// holds what that text says of a: the title, preamble, sections and
// signature as written (lines trimmed, blank lines dropped), the metadata,
// editions and cells of a, no text left unplaced, and no warning but the
// one on a text cell that FORMAT.md asks for.
func sameAsWritten(a, b *Report) bool {
	if trimmed(oneLine(a.Title)) != b.Title || a.Agency != b.Agency || a.Year != b.Year ||
		a.Period != b.Period || a.Published != b.Published || len(b.Unrecognized) > 0 ||
		!slices.Equal(textLines(a.Preamble), textLines(b.Preamble)) ||
		!slices.Equal(textLines(a.Signature), textLines(b.Signature)) ||
		!maps.Equal(a.Editions, b.Editions) ||
		!slices.EqualFunc(a.Sections, b.Sections, func(x, y Section) bool {
			return x.Number == y.Number && trimmed(oneLine(x.Heading)) == y.Heading && slices.Equal(textLines(x.Text), textLines(y.Text))
		}) {
		return false
	}
	for _, d := range b.Warnings {
		if c, _ := a.Cell(d.Ref); d.Ref == "" || c.Kind != Text {
			return false
		}
	}
	for _, ref := range cellRefs() {
		x, _ := a.Cell(ref)
		y, _ := b.Cell(ref)
		if !x.Equal(y) {
			return false
		}
	}
	return true
}

func trimmed(s string) string { return strings.TrimFunc(s, chars.IsAnySpace) }

// sameReading reports whether two reports read from text differ in
// nothing but positions: the same title, metadata, preamble, sections,
// signature, editions, cells, unplaced text and warnings.
func sameReading(a, b *Report) bool {
	if a.Title != b.Title || a.Agency != b.Agency || a.Year != b.Year || a.Period != b.Period ||
		a.Published != b.Published || a.Preamble != b.Preamble || a.Signature != b.Signature ||
		!maps.Equal(a.Editions, b.Editions) ||
		!slices.EqualFunc(a.Sections, b.Sections, Section.Equal) ||
		!slices.EqualFunc(a.Unrecognized, b.Unrecognized, Fragment.Equal) ||
		!slices.EqualFunc(a.Warnings, b.Warnings, func(x, y *Diagnostic) bool {
			return x.Msg == y.Msg && x.Ref == y.Ref && x.Severity == y.Severity
		}) {
		return false
	}
	for _, ref := range cellRefs() {
		x, _ := a.Cell(ref)
		y, _ := b.Cell(ref)
		if !x.Equal(y) {
			return false
		}
	}
	return true
}

// textLines splits free text into its non-empty lines, trimmed of white
// space. It is the normalisation the canonical form applies to free text.
func textLines(text string) []string {
	var out []string
	for l := range strings.SplitSeq(text, "\n") {
		if l = strings.TrimFunc(l, chars.IsAnySpace); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// oneLine folds a single-line field (title, heading) onto one line.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " ")
}

// tableSections maps the template number of a section to the table written
// after its text.
var tableSections = func() map[int]string {
	m := map[int]string{}
	for _, s := range schema.Sections {
		if s.Table != "" {
			m[s.Number] = s.Table
		}
	}
	return m
}()

// report writes the canonical text form of r: first with every line that
// might read back as something else escaped (needsEscape, which is
// conservative), then without the escapes that change nothing (unescape).
func (p *printer) report(r *Report) {
	p.write(r)
	p.unescape(r)
}

// write writes r with the conservative escapes, noting where each is.
func (p *printer) write(r *Report) {
	if r == nil {
		return
	}
	if t := strings.TrimFunc(oneLine(r.Title), chars.IsAnySpace); t != "" {
		p.block()
		p.line("# " + t)
	}
	p.paragraphs(r.Preamble)

	sectionPlan(r, func(s Section, table string) {
		p.block()
		p.line("## " + strings.TrimFunc(oneLine(s.Heading), chars.IsAnySpace))
		p.paragraphs(s.Text)
		if table != "" {
			for _, b := range reportBlocks(r, table, p.fail) {
				p.table(r, b)
			}
		}
	})
	for _, l := range textLines(r.Signature) {
		// The date that ends the signature is what the parser looks for:
		// it is written as it is, while a date inside a section is escaped.
		p.block()
		if needsEscape(l) && !dateLine(escapeFold(l)) {
			p.escaped(l)
		}
		p.line(l)
	}
	checkStrayCells(r, p.fail)
}

// sectionPlan calls f for every section to write, in order, with the table
// (if any) written after the section's text. The tables of sections 2–4 go
// after the first section with that number, wherever it stands (a report may
// have its sections out of order); a table the report has whose section is
// missing gets a section with the official heading, placed before the first
// section with a higher number.
func sectionPlan(r *Report, f func(s Section, table string)) {
	pending := map[string]bool{} // tables with blocks not written yet
	orphans := map[string]bool{} // of those, the tables whose section the report lacks
	for _, s := range schema.Sections {
		if s.Table != "" && hasTable(r, s.Table) {
			pending[s.Table] = true
			orphans[s.Table] = !slices.ContainsFunc(r.Sections, func(x Section) bool { return x.Number == s.Number })
		}
	}
	flushBefore := func(n int) {
		for _, s := range schema.Sections {
			if s.Table != "" && pending[s.Table] && orphans[s.Table] && (n < 0 || s.Number < n) {
				delete(pending, s.Table)
				f(Section{Number: s.Number, Heading: s.Heading}, s.Table)
			}
		}
	}
	for _, s := range r.Sections {
		if s.Number > 0 {
			flushBefore(s.Number)
		}
		table := tableSections[s.Number]
		if !pending[table] {
			table = "" // no blocks, or already written after an earlier section
		}
		delete(pending, table)
		f(s, table)
	}
	flushBefore(-1)
}

// hasTable reports whether r has any block of the table ("t2", "t3", "t4").
func hasTable(r *Report, table string) bool {
	for id := range r.Editions {
		if id == table || strings.HasPrefix(id, table+".") {
			return true
		}
	}
	return false
}

// reportBlocks returns the catalog blocks of the table that r has, in
// catalog order, each in the edition r.Editions gives it.
func reportBlocks(r *Report, table string, fail func(string, ...any)) []schema.Block {
	var out []schema.Block
	for _, id := range schema.BlockIDs {
		if id != table && !strings.HasPrefix(id, table+".") {
			continue
		}
		e, ok := r.Editions[id]
		if !ok {
			continue
		}
		b, ok := schema.LookupBlock(e, id)
		if !ok {
			fail("block %s has no layout in edition %q", id, e)
			continue
		}
		out = append(out, b)
	}
	return out
}

// checkStrayCells reports cells that are present in r but belong to no block
// that was written: a block without an edition, or a cell outside its
// block's layout.
func checkStrayCells(r *Report, fail func(string, ...any)) {
	idx := layoutIndex()
	for _, ref := range cellRefs() { // r.Cells() without collecting them
		if c, _ := r.Cell(ref); c.Kind == Absent {
			continue
		}
		rc := RefCell{Ref: ref}
		id := idx.block[rc.Ref]
		e, ok := r.Editions[id]
		if !ok {
			fail("cell %s is set but the report has no block %s", rc.Ref, id)
			return
		}
		if !idx.cells[e][rc.Ref] {
			fail("cell %s is not part of the %s layout of block %s", rc.Ref, e, id)
			return
		}
	}
}

// layoutIndex indexes the catalog's cells: the block of every reference and
// the references (official and extra) of each edition's layout.
var layoutIndex = sync.OnceValue(func() (idx struct {
	block map[string]string
	cells map[Edition]map[string]bool
}) {
	idx.block = map[string]string{}
	idx.cells = map[Edition]map[string]bool{}
	for _, e := range schema.Editions {
		idx.cells[e] = map[string]bool{}
		for _, b := range schema.Blocks(e) {
			for _, c := range b.AllCells() {
				idx.block[c.Ref] = b.ID
				idx.cells[e][c.Ref] = true
			}
		}
	}
	return idx
})

// displayRow is a row as the renderers write it.
type displayRow struct {
	row   schema.Row
	extra bool // a subtotal row outside the official layout
	// groups are the group labels above the row, outermost first; for an
	// extra subtotal row they include the row's own label (it heads the
	// group it sums).
	groups []string
	label  string
}

// displayRows lists the rows of block b that r has, in the order the
// renderers write them: official rows in catalog order, each extra subtotal
// row the report has placed immediately before the first row of the group it
// sums.
func displayRows(r *Report, b schema.Block) []displayRow {
	extra := map[string]schema.Row{} // group label → present extra row
	for _, x := range b.ExtraRows {
		if rowPresent(r, b, x) {
			extra[x.Label] = x
		}
	}
	var out []displayRow
	for _, row := range b.Rows {
		for i, g := range row.Groups {
			if x, ok := extra[g]; ok {
				delete(extra, g)
				out = append(out, displayRow{row: x, extra: true, groups: row.Groups[:i+1], label: x.Label})
			}
		}
		out = append(out, displayRow{row: row, groups: row.Groups, label: row.Label})
	}
	for _, x := range b.ExtraRows { // a subtotal whose group has no rows: never in the catalog
		if _, ok := extra[x.Label]; ok {
			out = append(out, displayRow{row: x, extra: true, groups: append(append([]string(nil), x.Groups...), x.Label), label: x.Label})
		}
	}
	return out
}

// rowPresent reports whether any cell of the row is present in r.
func rowPresent(r *Report, b schema.Block, row schema.Row) bool {
	for _, cs := range [][]schema.Column{b.Columns, b.ExtraColumns} {
		for _, c := range cs {
			if cell := r.cellAt(b.Table, row.Name, c.Name); cell != nil && cell.Kind != Absent {
				return true
			}
		}
	}
	return false
}

// displayColumns lists the columns of block b the renderers write: the
// official ones, then each extra subtotal column that some row of r has.
func displayColumns(r *Report, b schema.Block) []schema.Column {
	cols := append([]schema.Column(nil), b.Columns...)
	present := func(c schema.Column, rows []schema.Row) bool {
		for _, row := range rows {
			if cell := r.cellAt(b.Table, row.Name, c.Name); cell != nil && cell.Kind != Absent {
				return true
			}
		}
		return false
	}
	for _, c := range b.ExtraColumns {
		if present(c, b.Rows) || present(c, b.ExtraRows) {
			cols = append(cols, c)
		}
	}
	return cols
}

// table writes block b of r as a pipe table, preceded by its caption.
func (p *printer) table(r *Report, b schema.Block) {
	if b.Caption != "" {
		p.block()
		p.line("**" + b.Caption + "**")
	}
	cols := displayColumns(r, b)
	p.block()
	head := []string{b.Corner}
	rule := []string{"---"}
	for _, c := range cols {
		head = append(head, c.Label)
		rule = append(rule, "---")
	}
	p.line(pipeRow(head))
	p.line(pipeRow(rule))
	written := map[string]bool{}
	for _, d := range displayRows(r, b) {
		var label []string
		for _, g := range d.groups {
			if !written[g] {
				written[g] = true
				if !(d.extra && g == d.label) {
					label = append(label, g)
				}
			}
		}
		label = append(label, d.label)
		fields := []string{strings.Join(label, " ")}
		for _, c := range cols {
			cp := r.cellAt(b.Table, d.row.Name, c.Name)
			var cell Cell
			if cp != nil {
				cell = *cp
			}
			text := cellText(cell)
			if back := parseCellValue(text); !back.Equal(cell) {
				p.fail("cell %s (%s %q) would read back as %s %q", b.Ref(d.row.Name, c.Name), cell.Kind, cell.Value, back.Kind, back.Value)
			}
			fields = append(fields, pipeEscape(text))
		}
		p.line(pipeRow(fields))
	}
}

// cellText returns the text of a cell as the text forms write it: a text
// cell's line breaks become spaces, since a table cell holds one line.
func cellText(c Cell) string {
	if c.Kind == Text {
		return strings.TrimFunc(oneLine(c.Value), chars.IsAnySpace)
	}
	return c.String()
}

// pipeRow joins fields into a pipe-table row: "| a | b |".
func pipeRow(fields []string) string {
	return "| " + strings.Join(fields, " | ") + " |"
}

// pipeEscape escapes backslashes and pipes in a table cell's text.
func pipeEscape(s string) string {
	if !strings.ContainsAny(s, `\|`) {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, `|`, `\|`).Replace(s)
}

// WriteCSV writes the cells of r in long form: a header line
// "table,row,column,value", then one record per present cell in the order of
// [Report.Cells], with the reference split into its three parts and the value
// as [Cell.String] gives it (digits, "" for blank, "/" for not applicable,
// text verbatim, except that a text a spreadsheet would run as a formula is
// written as [EscapeFormula] gives it). Records follow RFC 4180 as
// encoding/csv writes them, with LF line ends. It is [CSVWriter.Write] with
// the zero CSVWriter.
func WriteCSV(w io.Writer, r *Report) error {
	return (&CSVWriter{}).Write(w, r)
}

// CSVWriter writes the long CSV form of a report. Its fields are the
// options; the zero value is what [WriteCSV] writes.
type CSVWriter struct {
	// Formulas, if true, writes text values as they are even when a
	// spreadsheet would run them as a formula (see [EscapeFormula]); by
	// default they get a leading apostrophe. Numbers are never changed.
	Formulas bool
}

// Write writes the cells of r in long form, as [WriteCSV] describes.
func (cw *CSVWriter) Write(w io.Writer, r *Report) error {
	out := csv.NewWriter(w)
	out.Write([]string{"table", "row", "column", "value"})
	if r != nil {
		for _, rc := range r.Cells() {
			parts := strings.SplitN(rc.Ref, ".", 3)
			v := rc.Cell.String()
			if rc.Cell.Kind == Text && !cw.Formulas {
				v = EscapeFormula(v)
			}
			out.Write([]string{parts[0], parts[1], parts[2], v})
		}
	}
	out.Flush()
	return out.Error()
}

// EscapeFormula returns s with a leading apostrophe (') when a spreadsheet
// opening a CSV file would run s as a formula, that is when s starts with
// =, +, -, @, TAB or CR (the OWASP rule against CSV injection); any other s
// is returned unchanged. Spreadsheets show such a field as the text s. It is
// meant for text fields: a number such as -3 must not be passed to it.
func EscapeFormula(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// htmlStyle is the page's only style sheet. It is inline so that the page
// needs no external assets and survives being pasted into a website CMS.
const htmlStyle = `body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",SimSun,sans-serif;line-height:1.8;color:#222;max-width:64em;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;text-align:center}
h2{font-size:1.25em;margin-top:1.5em}
p{text-indent:2em;margin:.4em 0}
p.signature{text-align:right;text-indent:0}
table{border-collapse:collapse;width:100%;margin:1em 0;font-size:.95em}
th,td{border:1px solid #333;padding:.3em .5em;text-align:center;vertical-align:middle}
th{font-weight:normal}
thead th,th.caption{font-weight:bold}
th.caption{text-align:left;background:#f2f2f2}
th.label{text-align:left}
td{min-width:2.5em}
`

// htmlSubtotal labels an extra subtotal row or column in the HTML layout,
// under the label of the group it sums.
const htmlSubtotal = "小计"

// RenderHTML writes r as a complete HTML5 page in UTF-8 that reproduces the
// official table layout: table 2 as one table with a caption row per block,
// table 3 with the merged header (申请人情况 over the applicant columns,
// 法人或其他组织 over the five organisation columns) and the merged group
// labels (三、本年度办理结果, （三）不予公开, …) spanning their rows, and
// table 4 with its header of 行政复议 / 行政诉讼 / 未经复议直接起诉 / 复议后起诉
// over one row of values. Extra subtotal rows and the 法人或其他组织 subtotal
// column are labelled 小计 inside their group.
//
// The page has an inline style sheet and no external assets (no scripts,
// images, fonts or links), so it can be pasted into a website CMS. All text
// is HTML-escaped. Sections, paragraphs and tables follow the order of the
// canonical text form (see [Render]); free text is not backslash-escaped.
//
// Like Render, RenderHTML builds the page in memory and writes it with one
// Write call; the error is that write's error, or one wrapping
// [ErrNotRenderable] when some content could not be written.
func RenderHTML(w io.Writer, r *Report) error {
	var p printer
	p.html(r)
	if _, err := w.Write(p.buf.Bytes()); err != nil {
		return err
	}
	return p.err
}

func (p *printer) html(r *Report) {
	if r == nil {
		r = &Report{}
	}
	title := strings.TrimFunc(oneLine(r.Title), chars.IsAnySpace)
	pageTitle := title
	if pageTitle == "" {
		pageTitle = "政府信息公开工作年度报告"
		if r.Year > 0 {
			pageTitle = fmt.Sprintf("%d年%s", r.Year, pageTitle)
		}
		pageTitle = r.Agency + pageTitle
	}
	p.buf.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	p.line("<title>" + html.EscapeString(pageTitle) + "</title>")
	p.line("<style>\n" + htmlStyle + "</style>")
	p.line("</head>\n<body>\n<article class=\"nianbao-report\">")
	if title != "" {
		p.line("<h1>" + html.EscapeString(title) + "</h1>")
	}
	p.htmlParagraphs(r.Preamble, "")
	sectionPlan(r, func(s Section, table string) {
		p.line("<section>")
		p.line("<h2>" + html.EscapeString(strings.TrimFunc(oneLine(s.Heading), chars.IsAnySpace)) + "</h2>")
		p.htmlParagraphs(s.Text, "")
		if g := officialTable(r, table, p.fail); g != nil {
			p.htmlTable(g)
		}
		p.line("</section>")
	})
	p.htmlParagraphs(r.Signature, "signature")
	p.line("</article>\n</body>\n</html>")
	checkStrayCells(r, p.fail)
}

func (p *printer) htmlParagraphs(text, class string) {
	open := "<p>"
	if class != "" {
		open = `<p class="` + class + `">`
	}
	for _, l := range textLines(text) {
		p.line(open + html.EscapeString(l) + "</p>")
	}
}

// htmlTable writes a table of the official layout: its header rows in
// thead (if it has any), the others in tbody.
func (p *printer) htmlTable(g *layoutTable) {
	p.line(`<table class="nianbao-` + g.id + `">`)
	rows := func(rows [][]layoutCell) {
		for _, row := range rows {
			p.buf.WriteString("<tr>")
			for _, c := range row {
				tag := "th"
				if c.value {
					tag = "td"
				}
				p.htmlCell(tag, c.class, c.text, c.rowspan, c.colspan)
			}
			p.line("</tr>")
		}
	}
	if g.head > 0 {
		p.line("<thead>")
		rows(g.rows[:g.head])
		p.line("</thead>")
	}
	p.line("<tbody>")
	rows(g.rows[g.head:])
	p.line("</tbody>\n</table>")
}

// htmlCell writes one table cell.
func (p *printer) htmlCell(tag, class, text string, rowspan, colspan int) {
	p.buf.WriteString("<" + tag)
	if class != "" {
		p.buf.WriteString(` class="` + class + `"`)
	}
	if rowspan > 1 {
		fmt.Fprintf(&p.buf, ` rowspan="%d"`, rowspan)
	}
	if colspan > 1 {
		fmt.Fprintf(&p.buf, ` colspan="%d"`, colspan)
	}
	p.buf.WriteString(">" + html.EscapeString(text) + "</" + tag + ">")
}
