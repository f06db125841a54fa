package nianbao

// What the validator makes of the cells that are not plain numbers, before
// any rule reads them. A cell the parser left blank or read as text is one
// of: a number after all (a unit or a plus sign written with it), a blank
// the report really has (blank-cell), text the report really wrote
// (text-cell), something the source has that the parser could not read
// (unreadable: the parser says so at that place, or the text is a run of
// several numbers), a row the table does not have at all (missing-row, or
// label-typo when the source has the row under a misspelt label), or an
// extra subtotal row or column without any number (left out: nothing to
// check). Each of these is reported once, by its own rule; the sum rules do
// not also call the equations it touches undecidable.

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// cellState is what the validator makes of a catalog cell.
type cellState uint8

const (
	stAbsent   cellState = iota // not in the report's layout
	stNumber                    // a number, possibly written with a unit or a plus sign
	stIgnored                   // an extra subtotal row or column the report has without any number
	stBlank                     // blank in the source
	stUnread                    // the source has something here the parser could not read
	stMissing                   // the row is not in the source (or only under a misspelt label)
	stText                      // text where a number belongs
	stNA                        // not applicable: "/" or a dash
	stOverlong                  // a number of more than maxDigits digits: value-kind reports it
)

// cellInfo is a catalog cell as the rules see it.
type cellInfo struct {
	state cellState
	num   *big.Rat // stNumber
	unit  bool     // stNumber read from text with a unit or sign
}

// unreadCause is one place where the parser could not read cells the source
// has: a warning of the parser's, or a cell holding a run of several numbers.
type unreadCause struct {
	pos   Position
	quote string // what the source has there, when known without the source
	refs  []string
}

// missingRow is a template row the table does not have.
type missingRow struct {
	block schema.Block
	row   schema.Row
	refs  []string
	typo  string   // the misspelt label the source has instead, if any
	at    Position // where the parser said the rows are missing
}

// cellsOf returns the classified cells, classifying them on first use.
func (v *validation) info(ref string) cellInfo {
	if v.infos == nil {
		v.classify()
	}
	return v.infos[ref]
}

// num returns the number a cell holds, if it holds one and the parser read
// the cell's row whole: where it could not read some cells of a row, the
// ones it read may not be where the source has them, and no rule relies on
// them.
func (v *validation) num(ref string) (*big.Rat, bool) {
	ci := v.info(ref)
	if ci.state != stNumber || v.unreadRows[rowKeyOf(ref)] {
		return nil, false
	}
	return ci.num, true
}

// rowKeyOf returns "t3.partial" of "t3.partial.total".
func rowKeyOf(ref string) string {
	if i := strings.LastIndexByte(ref, '.'); i >= 0 {
		return ref[:i]
	}
	return ref
}

// reported says whether a non-number cell is reported by a rule of its own
// (blank-cell, unreadable, missing-row, label-typo, text-cell) or left out,
// so that the sum rules do not also call it undecidable.
func (v *validation) reported(ref string) bool {
	switch v.info(ref).state {
	case stBlank, stUnread, stMissing, stText, stIgnored, stOverlong:
		return true
	case stNumber:
		return v.unreadRows[rowKeyOf(ref)]
	}
	return false
}

// unitRe matches a number written with a unit or a sign the parser kept as
// text: "251000元", "+17", "5 件".
var unitRe = regexp.MustCompile(`^\s*([+＋]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(元|万元|亿元|件|个|条|项|次|人次|起|宗)?\s*$`)

// unitNumber reads text as a number with a unit or a plus sign.
func unitNumber(s string) (*big.Rat, bool) {
	m := unitRe.FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	n, ok := normalizeNumber(m[1])
	if !ok || digits(n) > maxDigits {
		return nil, false
	}
	x, ok := new(big.Rat).SetString(n)
	return x, ok
}

// cellRatFast is c.Rat for a number cell, without parsing a decimal string
// when the value is a small whole number (most cells).
func cellRatFast(c Cell) *big.Rat {
	if len(c.Value) <= 18 && !strings.Contains(c.Value, ".") {
		if n, err := strconv.ParseInt(c.Value, 10, 64); err == nil {
			return new(big.Rat).SetInt64(n)
		}
	}
	x, _ := c.Rat()
	return x
}

// leadingNumber reads a cell's text that is a number followed by a
// paragraph of the report's prose (web text whose next paragraph ran into
// the table's last cell): the number is the cell's.
func leadingNumber(s string) (*big.Rat, bool) {
	if !proseAfterNumber.MatchString(s) {
		return nil, false
	}
	f := strings.FieldsFunc(s, chars.IsAnySpace)
	n, ok := normalizeNumber(f[0])
	if !ok || digits(n) > maxDigits {
		return nil, false
	}
	return new(big.Rat).SetString(n)
}

// hasDigit reports whether s holds an ASCII or full-width digit.
func hasDigit(s string) bool {
	return strings.ContainsFunc(s, chars.IsDigit)
}

// runOfNumbers reports whether a number cell's digits are several numbers
// run together: a count written with leading zeros ("000", "0000000") is
// the run of a row's cells, not one value.
func runOfNumbers(value string) bool {
	return len(value) > 1 && value[0] == '0' && !strings.Contains(value, ".")
}

// explains tells whether the parser's warning w accounts for the blank cell
// c at ref: a warning that the parser could not tell where values go, could
// not place them, or found no row. It returns 2 when the warning stands at
// the cell's place (the parser gives a cell it left blank the position of
// its warning) or names the cell or its row, 1 when it stands a few
// characters from the cell on its line, 0 otherwise.
func explains(w *Diagnostic, ref string, c Cell) int {
	if !errors.Is(w, ErrAmbiguous) && !errors.Is(w, ErrUnrecognized) && !errors.Is(w, ErrMissing) {
		return 0
	}
	if c.Pos.IsValid() && w.Pos == c.Pos || w.Ref == ref {
		return 2
	}
	// "t3.partial" names the cell's row; "t3" or "t2.5" names a whole
	// block, too much to account for this cell.
	if strings.Count(w.Ref, ".") == 1 && !slices.Contains(schema.BlockIDs, w.Ref) && strings.HasPrefix(ref, w.Ref+".") {
		return 2
	}
	if c.Pos.IsValid() && w.Pos.Line == c.Pos.Line && !errors.Is(w, ErrMissing) {
		if d := w.Pos.Column - c.Pos.Column; d >= -40 && d <= 40 {
			return 1
		}
	}
	return 0
}

// classify decides, once, what every catalog cell of the report's blocks is.
func (v *validation) classify() {
	v.infos = map[string]cellInfo{}
	v.causeAt = map[Position]*unreadCause{}
	for _, w := range v.r.Warnings {
		if w.guessedPlaces() {
			v.guesses = append(v.guesses, w)
		}
	}
	addCause := v.addCause
	for _, id := range schema.BlockIDs {
		b, ok := v.block(id)
		if !ok {
			continue
		}
		cols := append(slices.Clone(b.Columns), b.ExtraColumns...)
		rows := append(slices.Clone(b.Rows), b.ExtraRows...)
		get := func(row, col string) Cell { c, _ := v.r.Cell(b.Ref(row, col)); return c }
		// Numbers first, so that an extra row or column can be told empty.
		for _, row := range rows {
			for _, col := range cols {
				ref := b.Ref(row.Name, col.Name)
				c := get(row.Name, col.Name)
				switch c.Kind {
				case Absent:
					continue
				case Number:
					if overlong(c) {
						v.infos[ref] = cellInfo{state: stOverlong}
						continue
					}
					if runOfNumbers(c.Value) {
						v.infos[ref] = cellInfo{state: stUnread}
						addCause(c.Pos, c.Value, ref)
						continue
					}
					v.infos[ref] = cellInfo{state: stNumber, num: cellRatFast(c)}
				case Text:
					if x, ok := unitNumber(c.Value); ok {
						v.infos[ref] = cellInfo{state: stNumber, num: x, unit: true}
					} else if x, ok := leadingNumber(c.Value); ok {
						v.infos[ref] = cellInfo{state: stNumber, num: x}
					}
				case NotApplicable:
					v.infos[ref] = cellInfo{state: stNA}
				}
			}
		}
		// An extra row or column with no number but 0 is left out: most
		// often the parser took a header (法人或其他组织, the group label
		// （三）不予公开 on a line of its own) for a subtotal, and where an agency
		// did add one, zeros have nothing to add up.
		hasNonzero := func(refs []string) bool {
			for _, ref := range refs {
				if ci := v.infos[ref]; ci.state == stNumber && ci.num.Sign() != 0 {
					return true
				}
			}
			return false
		}
		for _, row := range b.ExtraRows {
			var refs []string
			for _, col := range cols {
				if get(row.Name, col.Name).Kind != Absent {
					refs = append(refs, b.Ref(row.Name, col.Name))
				}
			}
			if len(refs) > 0 && !hasNonzero(refs) {
				for _, ref := range refs {
					v.infos[ref] = cellInfo{state: stIgnored}
				}
			}
		}
		for _, col := range b.ExtraColumns {
			var refs []string
			for _, row := range rows {
				if get(row.Name, col.Name).Kind != Absent {
					refs = append(refs, b.Ref(row.Name, col.Name))
				}
			}
			if len(refs) > 0 && !hasNonzero(refs) {
				for _, ref := range refs {
					v.infos[ref] = cellInfo{state: stIgnored}
				}
			}
		}
		// The rest, row by row.
		for _, row := range rows {
			var blanks, runs, numbers []string
			for _, col := range cols {
				ref := b.Ref(row.Name, col.Name)
				c := get(row.Name, col.Name)
				if c.Kind == Absent {
					continue
				}
				switch ci := v.infos[ref]; {
				case ci.state == stNumber && ci.unit:
					// A number with a unit in a row with blanks may be the
					// run of the row's cells ("政府集中采购39573802895.90元").
					runs = append(runs, ref)
					numbers = append(numbers, ref)
				case ci.state == stNumber:
					numbers = append(numbers, ref)
				case ci.state != stAbsent:
				case c.Kind == Blank:
					blanks = append(blanks, ref)
				case c.Kind == Text && hasDigit(c.Value):
					runs = append(runs, ref)
				case c.Kind == Text:
					v.infos[ref] = cellInfo{state: stText}
				}
			}
			if len(blanks) == 0 {
				runs = slices.DeleteFunc(runs, func(ref string) bool { return v.infos[ref].unit })
			}
			// A number on another line than the rest of its row, in a table
			// that writes a row on one line: a stray value the parser took
			// in ("1" on a line of its own before "| 0 | 0 | … |").
			if stray := v.strayCells(numbers); len(stray) > 0 {
				for _, ref := range stray {
					c, _ := v.r.Cell(ref)
					v.infos[ref] = cellInfo{state: stUnread}
					addCause(c.Pos, c.Value, ref)
				}
			}
			for _, ref := range runs {
				// Digits with other text: several cells run together (the
				// blanks of the row are theirs), or a label and numbers.
				c, _ := v.r.Cell(ref)
				v.infos[ref] = cellInfo{state: stUnread}
				addCause(c.Pos, c.Value, ref)
			}
			placed := v.placesGuessed(b, row)
			for _, ref := range blanks {
				c, _ := v.r.Cell(ref)
				if len(runs) > 0 {
					first, _ := v.r.Cell(runs[0])
					v.infos[ref] = cellInfo{state: stUnread}
					addCause(first.Pos, first.Value, ref)
					continue
				}
				if placed != nil && len(numbers) >= 2 {
					// The parser guessed which cells the row's values fill:
					// which of them the source leaves blank is not known.
					v.infos[ref] = cellInfo{state: stUnread}
					addCause(placed.Pos, "", ref)
					continue
				}
				var why *Diagnostic
				best := 0
				for _, w := range v.r.Warnings {
					if k := explains(w, ref, c); k > best {
						why, best = w, k
					}
				}
				if why == nil {
					v.infos[ref] = cellInfo{state: stBlank}
					continue
				}
				v.infos[ref] = cellInfo{state: stUnread}
				if errors.Is(why, ErrMissing) {
					v.missingCand = append(v.missingCand, missingCandidate{ref: ref, at: why.Pos})
				}
				addCause(why.Pos, "", ref)
			}
		}
	}
	v.findMissingRows()
	v.unreadRows = map[string]bool{}
	for ref, ci := range v.infos {
		if ci.state == stUnread {
			v.unreadRows[rowKeyOf(ref)] = true
		}
	}
	causes := v.causes
	v.causes = nil
	for _, c := range causes {
		c.refs = slices.DeleteFunc(c.refs, func(ref string) bool { return v.infos[ref].state != stUnread })
		if len(c.refs) > 0 {
			v.causes = append(v.causes, c)
		}
	}
}

// addCause records that the parser could not read the cells at pos.
func (v *validation) addCause(pos Position, quote string, refs ...string) {
	c := v.causeAt[pos]
	if c == nil || !pos.IsValid() {
		c = &unreadCause{pos: pos, quote: quote}
		v.causes = append(v.causes, c)
		if pos.IsValid() {
			v.causeAt[pos] = c
		}
	}
	for _, ref := range refs {
		if !slices.Contains(c.refs, ref) {
			c.refs = append(c.refs, ref)
		}
	}
	if c.quote == "" {
		c.quote = quote
	}
}

// moveCause files cells under another place: where the source has the label
// of a row the parser did not find.
func (v *validation) moveCause(pos Position, refs []string) {
	for _, c := range v.causes {
		c.refs = slices.DeleteFunc(c.refs, func(ref string) bool { return slices.Contains(refs, ref) })
	}
	v.addCause(pos, "", refs...)
}

// strayCells returns the cells of a row that stand on a line before the
// line at least three of the row's other cells share.
func (v *validation) strayCells(refs []string) []string {
	lines := map[int]int{}
	for _, ref := range refs {
		if c, _ := v.r.Cell(ref); c.Pos.IsValid() {
			lines[c.Pos.Line]++
		}
	}
	main, most := 0, 0
	for l, n := range lines {
		if n > most || n == most && l < main {
			main, most = l, n
		}
	}
	if most < 3 || len(lines) == 1 {
		return nil
	}
	// Only a value on a line before the row's: one after it is the end of
	// a row wrapped onto the next line.
	var out []string
	for _, ref := range refs {
		if c, _ := v.r.Cell(ref); c.Pos.IsValid() && c.Pos.Line < main {
			out = append(out, ref)
		}
	}
	if len(out) > len(refs)/3 { // a row broken over lines, not a stray value
		return nil
	}
	return out
}

// placesGuessed returns the parser's warning that it guessed which cells
// of the row its values fill (a short row aligned to the right), if any.
func (v *validation) placesGuessed(b schema.Block, row schema.Row) *Diagnostic {
	prefix := b.Table + "." + row.Name + "."
	for _, w := range v.guesses {
		if strings.HasPrefix(w.Ref, prefix) || w.Ref == b.ID && b.ID == "t4" {
			return w
		}
	}
	return nil
}

// missingCandidate is a blank cell the parser said belongs to a missing row.
type missingCandidate struct {
	ref string
	at  Position
}

// findMissingRows tells, for the rows the parser said are missing, the
// rows the table does not have (missing-row; label-typo when the source has
// the row under a misspelt label) from those whose values it has but the
// parser could not read (unreadable). Without the source it cannot tell:
// they stay unreadable, and the finding says the row may be missing.
func (v *validation) findMissingRows() {
	if len(v.missingCand) == 0 || v.src == nil {
		return
	}
	byRow := map[string][]missingCandidate{}
	var order []string
	for _, m := range v.missingCand {
		block, row := schema.BlockOf(m.ref), rowOfRef(m.ref)
		key := block + "\x00" + row
		if _, ok := byRow[key]; !ok {
			order = append(order, key)
		}
		byRow[key] = append(byRow[key], m)
	}
	for _, key := range order {
		ms := byRow[key]
		blockID, rowName, _ := strings.Cut(key, "\x00")
		b, ok := v.block(blockID)
		if !ok {
			continue
		}
		row, ok := b.Row(rowName)
		if !ok {
			continue
		}
		// Only a row all of whose cells the parser left blank for it.
		all := true
		var refs []string
		for _, col := range append(slices.Clone(b.Columns), b.ExtraColumns...) {
			ref := b.Ref(row.Name, col.Name)
			if c, _ := v.r.Cell(ref); c.Kind == Absent || v.infos[ref].state == stIgnored {
				continue
			}
			refs = append(refs, ref)
			if !slices.ContainsFunc(ms, func(m missingCandidate) bool { return m.ref == ref }) {
				all = false
			}
		}
		if !all {
			continue
		}
		region, start := v.tableRegion(b.Table)
		off, found := findRowLabel(region, row, b.Table, false)
		typo := ""
		if !found {
			if typo = findLabelTypo(region, row); typo == "" {
				off, found = findRowLabel(region, row, b.Table, true)
			}
		}
		if found {
			if !v.src.html {
				v.moveCause(v.src.position(start+off), refs)
			}
			continue
		}
		mr := missingRow{block: b, row: row, refs: refs, at: ms[0].at, typo: typo}
		for _, ref := range refs {
			v.infos[ref] = cellInfo{state: stMissing}
		}
		v.missingRows = append(v.missingRows, mr)
	}
}

// rowOfRef returns the row part of a cell reference: "partial" of
// "t3.partial.total".
func rowOfRef(ref string) string {
	_, rest, _ := strings.Cut(ref, ".")
	row, _, _ := strings.Cut(rest, ".")
	return row
}

// labelCore is the part of a row label that any spelling of the row has:
// without its numbering and its parenthesised note ("（二）部分公开（区分处理的，…）"
// → "部分公开", "1.属于国家秘密" → "属于国家秘密").
func labelCore(label string) string {
	s := shortLabel(label)
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "（") {
		if k := strings.Index(s, "）"); k > 0 {
			s = s[k+len("）"):]
		}
	}
	for i, r := range s {
		if chars.IsASCIIDigit(r) || r == '.' || r == '．' || chars.IsNumeral(r) || r == '、' {
			continue
		}
		return s[i:]
	}
	return s
}

// squeezedText is text without white space, with the offset in the
// original of each of its bytes.
type squeezedText struct {
	s   string
	off []int
}

func squeezeOffsets(text string) squeezedText {
	var b strings.Builder
	var off []int
	for i, r := range text {
		if chars.IsAnySpace(r) {
			continue
		}
		n := b.Len()
		b.WriteRune(r)
		for k := n; k < b.Len(); k++ {
			off = append(off, i+k-n)
		}
	}
	return squeezedText{s: b.String(), off: off}
}

// tableWords returns the folded labels of a table's rows, columns and
// captions: words a row label stands next to in a table.
func tableWords(table string) []string {
	var out []string
	for _, e := range schema.Editions {
		for _, b := range schema.Blocks(e) {
			if b.Table != table {
				continue
			}
			if b.Caption != "" {
				out = append(out, b.Caption)
			}
			for _, rs := range [][]schema.Row{b.Rows, b.ExtraRows} {
				for _, r := range rs {
					out = append(out, squeezeName(labelCore(r.Label)))
				}
			}
			for _, cs := range [][]schema.Column{b.Columns, b.ExtraColumns} {
				for _, c := range cs {
					out = append(out, squeezeName(shortLabel(c.Label)))
				}
			}
		}
	}
	return slices.DeleteFunc(out, func(w string) bool { return utf8.RuneCountInString(w) < 2 })
}

// findRowLabel looks in the text of a table's region, white space removed,
// for the row's label (or a variant) standing as a table row: after a
// delimiter, a number or a label's numbering, or followed by a value, or
// next to another label of the table — not inside a sentence ("相关规章、
// 规范性文件" does not have the row 规章). It returns the byte offset in the
// region where the label starts. A label broken across lines or cut by
// extraction ("2.其他法律行政止公开") counts when seven tenths of it are there
// in order.
func findRowLabel(region string, row schema.Row, table string, fuzzy bool) (int, bool) {
	sq := squeezeOffsets(region)
	words := tableWords(table)
	nextTo := func(before, after string) bool {
		for _, w := range words {
			if strings.HasSuffix(before, w) || strings.HasPrefix(after, w) {
				return true
			}
		}
		return false
	}
	cores := []string{labelCore(row.Label)}
	for _, vr := range row.Variants {
		cores = append(cores, labelCore(vr))
	}
	for _, core := range cores {
		core = squeezeName(core)
		if core == "" {
			continue
		}
		for from := 0; ; {
			i := strings.Index(sq.s[from:], core)
			if i < 0 {
				break
			}
			i += from
			from = i + len(core)
			before, _ := utf8.DecodeLastRuneInString(sq.s[:i])
			after := strings.TrimLeft(sq.s[from:], "|")
			next, _ := utf8.DecodeRuneInString(after)
			cellStart := i == 0 || strings.ContainsRune("|>.．、）)", before) || chars.IsASCIIDigit(before)
			valueNext := chars.IsDigit(next) || strings.ContainsRune("/／-—－", next)
			if (cellStart && !strings.ContainsRune("、，,。；;和及与等", next)) || valueNext || nextTo(sq.s[:i], after) {
				return sq.off[i], true
			}
		}
	}
	// Cut or broken by extraction: most of the label, in order, in a window
	// that starts with its first two characters.
	core := []rune(squeezeName(labelCore(row.Label)))
	if !fuzzy || len(core) < 6 {
		return 0, false
	}
	text := []rune(sq.s)
	if len(core) >= 12 { // a long label cut short: its first eight characters
		if i := strings.Index(sq.s, string(core[:8])); i >= 0 {
			return sq.off[i], true
		}
	}
	for i := 0; i+2 <= len(text); i++ {
		if text[i] != core[0] || text[i+1] != core[1] {
			continue
		}
		w := text[i:min(len(text), i+len(core)+2)]
		if 10*lcs(w, core) >= 7*len(core) {
			return sq.off[len(string(text[:i]))], true
		}
	}
	return 0, false
}

// lcs returns the length of the longest common subsequence of a and b.
func lcs(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// readAsRx matches the parser's warning that it read a label in part.
var readAsRx = regexp.MustCompile(`^label "([^"]+)" read as "([^"]+)"$`)

// oneLetterOff reports whether written is the label want with one
// character other (two when want has eight or more), each a CJK character
// (not punctuation, not a digit), and as long.
func oneLetterOff(written, want string) bool {
	a, b := []rune(written), []rune(want)
	if len(a) != len(b) {
		return false
	}
	allowed := 1
	if len(b) >= 8 {
		allowed = 2
	}
	diff := 0
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		if !chars.IsCJK(a[i]) || !chars.IsCJK(b[i]) {
			return false
		}
		diff++
	}
	return diff >= 1 && diff <= allowed
}

// findLabelTypo looks in a table's region for the row's label written with
// one character wrong (two in a label of eight or more): "7.属于行政执法案件"
// for "7.属于行政执法案卷". It returns the misspelt label as written, or "".
func findLabelTypo(region string, row schema.Row) string {
	core := []rune(squeezeName(labelCore(row.Label)))
	if len(core) < 4 {
		return ""
	}
	allowed := 1
	if len(core) >= 8 {
		allowed = 2
	}
	text := []rune(squeezeName(region))
	for i := 0; i+len(core) <= len(text); i++ {
		if text[i] != core[0] { // a window sliding half over the label is no spelling of it
			continue
		}
		diff := 0
		for j, r := range core {
			if text[i+j] != r {
				diff++
			}
		}
		if diff == 0 || diff > allowed {
			continue
		}
		if w := string(text[i : i+len(core)]); isTemplateLabel(w) {
			continue
		}
		// The numbering in front, as the template has it.
		short := shortLabel(row.Label)
		num := strings.TrimSpace(short[:strings.Index(short, labelCore(row.Label))])
		return num + string(text[i:i+len(core)])
	}
	return ""
}

// isTemplateLabel reports whether s is the core of some row label of the
// catalog: a window that reads another row's label is no typo.
func isTemplateLabel(s string) bool {
	for _, e := range schema.Editions {
		for _, b := range schema.Blocks(e) {
			for _, rs := range [][]schema.Row{b.Rows, b.ExtraRows} {
				for _, r := range rs {
					if squeezeName(labelCore(r.Label)) == s {
						return true
					}
				}
			}
		}
	}
	return false
}

// checkUnreadable reports, once per table, the cells the source has and
// the parser could not read, quoting the source at the first place.
func checkUnreadable(v *validation) {
	v.info("") // classify
	byTable := map[string][]*unreadCause{}
	for _, c := range v.causes {
		t := schema.BlockOf(c.refs[0])
		t, _, _ = strings.Cut(t, ".")
		byTable[t] = append(byTable[t], c)
	}
	for _, t := range []string{"t2", "t3", "t4"} {
		cs := byTable[t]
		if len(cs) == 0 {
			continue
		}
		sort.SliceStable(cs, func(i, j int) bool { return posLess(cs[i].pos, cs[j].pos) })
		var refs []string
		for _, id := range schema.BlockIDs {
			b, ok := v.block(id)
			if !ok || b.Table != t {
				continue
			}
			for _, c := range b.AllCells() {
				if v.infos[c.Ref].state == stUnread {
					refs = append(refs, c.Ref)
				}
			}
		}
		var rows, rowsEN []string
		seen := map[string]bool{}
		for _, ref := range refs {
			sc, ok := catalogCell(v, ref)
			if !ok || seen[sc.Row] {
				continue
			}
			seen[sc.Row] = true
			rows = append(rows, "“"+shortLabel(sc.RowLabel)+"”")
			rowsEN = append(rowsEN, sc.Row)
		}
		zhT, enT := tableLabels(t)
		first := cs[0]
		quote := v.quoteAt(first.pos, first.quote)
		where, whereEN := "", ""
		if first.pos.IsValid() {
			where = fmt.Sprintf("第 %d 行第 %d 列", first.pos.Line, first.pos.Column)
			whereEN = "at " + first.pos.String()
		}
		src, srcEN := "", ""
		if quote != "" {
			src = fmt.Sprintf("原文%s是“%s”", where, quote)
			srcEN = fmt.Sprintf("the source %s reads %q", whereEN, quote)
		} else if where != "" {
			src, srcEN = "见原文"+where, "see the source "+whereEN
		}
		more, moreEN := "", ""
		if len(cs) > 1 {
			more = fmt.Sprintf("（另有 %d 处）", len(cs)-1)
			moreEN = fmt.Sprintf(" (and %d more places)", len(cs)-1)
		}
		maybe, maybeEN := "", ""
		if v.src == nil && v.anyMissingCause(refs) {
			maybe, maybeEN = "；解析器没有找到其中的行，原文也可能缺少这些行", "; the parser found no such row, which the source may also lack"
		}
		v.add("unreadable", refs,
			fmt.Sprintf("%s%s行的 %d 个单元格解析器没有读出：%s%s。这些单元格在原文中不是空白，请对照原文核对；涉及它们的算术规则无法判断%s",
				zhT, strings.Join(limit(rows, 6), "、"), len(refs), src, more, maybe),
			fmt.Sprintf("%s: the parser could not read %d cells of rows %s: %s%s. They are not blank in the source: check them there; the arithmetic rules involving them cannot decide%s",
				enT, len(refs), strings.Join(limit(rowsEN, 6), ", "), srcEN, moreEN, maybeEN))
		v.placeLast(first.pos)
	}
}

// anyMissingCause reports whether some of the cells were left blank because
// the parser found no row for them.
func (v *validation) anyMissingCause(refs []string) bool {
	for _, m := range v.missingCand {
		if slices.Contains(refs, m.ref) {
			return true
		}
	}
	return false
}

// catalogCell returns the catalog cell the report's edition has for ref.
func catalogCell(v *validation, ref string) (schema.Cell, bool) {
	for _, c := range v.catalogCells() {
		if c.Ref == ref {
			return c, true
		}
	}
	return schema.Cell{}, false
}

// posLess orders positions, unknown ones last.
func posLess(a, b Position) bool {
	if a.IsValid() != b.IsValid() {
		return a.IsValid()
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Column < b.Column
}

// checkMissingRows reports the template rows a table does not have, one
// finding per block, and each row the source has under a misspelt label.
func checkMissingRows(v *validation) {
	v.info("")
	byBlock := map[string][]missingRow{}
	var order []string
	for _, m := range v.missingRows {
		if m.typo != "" {
			continue
		}
		if _, ok := byBlock[m.block.ID]; !ok {
			order = append(order, m.block.ID)
		}
		byBlock[m.block.ID] = append(byBlock[m.block.ID], m)
	}
	for _, id := range order {
		ms := byBlock[id]
		var refs, labels []string
		for _, m := range ms {
			refs = append(refs, m.refs...)
			labels = append(labels, "“"+shortLabel(m.row.Label)+"”")
		}
		zhT, enT := tableLabels(id)
		caption, captionEN := "", ""
		if c := ms[0].block.Caption; c != "" {
			caption, captionEN = c, " "+c
		}
		v.add("missing-row", refs,
			fmt.Sprintf("%s%s没有模板规定的%s行", zhT, caption, strings.Join(labels, "、")),
			fmt.Sprintf("%s%s lacks the template's row %s", enT, captionEN, strings.Join(labels, ", ")))
		v.placeLast(ms[0].at)
	}
}

func checkLabelTypos(v *validation) {
	v.info("")
	missing := map[string]bool{}
	for _, m := range v.missingRows {
		missing[m.block.ID+"."+m.row.Name] = true
		if m.typo == "" {
			continue
		}
		zhT, enT := tableLabels(m.block.ID)
		v.add("label-typo", m.refs,
			fmt.Sprintf("%s的行标签写成了“%s”，模板是“%s”；解析器因此没有读出这一行", zhT, m.typo, shortLabel(m.row.Label)),
			fmt.Sprintf("%s has the row label %q where the template has %q, so the parser did not read the row", enT, m.typo, shortLabel(m.row.Label)))
		v.placeLast(m.at)
	}
	// Rows the parser read all the same, matching the misspelt label in
	// part (corpus 041's "7.属于行政执法案件", its values read as row
	// 7.属于行政执法案卷's, with the warning `label "…" read as "…"`): the
	// report still misspells the template. Only a label as long as the
	// template's with one character other (two in a label of eight or
	// more), a CJK character, not punctuation: not a label cut short by
	// extraction, not "," for "、".
	for _, w := range v.r.Warnings {
		m := readAsRx.FindStringSubmatch(w.Msg)
		if m == nil || !errors.Is(w, ErrRepaired) || !oneLetterOff(m[1], m[2]) {
			continue
		}
		for _, id := range schema.BlockIDs {
			b, ok := v.block(id)
			if !ok || b.Table == "t4" {
				continue
			}
			for _, row := range b.Rows {
				if row.Label != m[2] || missing[b.ID+"."+row.Name] {
					continue
				}
				var refs []string
				for _, c := range b.Columns {
					refs = append(refs, b.Ref(row.Name, c.Name))
				}
				zhT, enT := tableLabels(b.ID)
				v.add("label-typo", refs,
					fmt.Sprintf("%s的行标签写成了“%s”，模板是“%s”；解析器按模板的标签读出了这一行", zhT, m[1], shortLabel(row.Label)),
					fmt.Sprintf("%s has the row label %q where the template has %q; the parser read the row as the template's", enT, m[1], shortLabel(row.Label)))
				v.placeLast(w.Pos)
			}
		}
	}
}
