package nianbao

// Recovery of table rows whose digits ran together.
//
// Text copied from a web page often loses the cell boundaries of a table row,
// so the seven counts 8 0 1 0 0 0 81 of a table-3 row arrive as the one run
// "801000081". The template's arithmetic usually leaves only one way to cut
// such a run: the row's 总计 is the sum of the applicant columns, table 4's
// 总计 is the sum of the four results, and the columns of table 3 balance
// (一 + 二 = （七）总计 + 四; （七）总计 = the sum of the result rows). This
// file enumerates the cuts that satisfy the arithmetic, narrows them across
// rows where the other rows decide it, and then either recovers the cells
// with a warning (one cut left) or leaves the cells the cuts disagree on
// blank, keeps the run as unrecognized text and reports the candidates
// (several left; a count the report's text states may settle them:
// settle.go). By default it never guesses: the cut that misses the row's
// sums by the least, and the choice among such cuts by table 3's column
// sums, are taken only with Parser.LooseGlue, each with a warning.
//
// The parser (table.go, fill) calls glueRow for a table row that has one
// digit-run token but needs n > 1 values (glueTable for table 4 written as
// one row), and resolveGluedRows once the block's other cells are known.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/internal/posmap"
	"github.com/opengovcn/nianbao/schema"
)

// Limits that keep recovery linear in the input: a row's enumeration stops
// after glueBudget search steps or glueMaxCands candidates (the row is then
// ambiguous), and a run longer than glueMaxDigits per cell is not a glued row.
const (
	glueBudget    = 1 << 16
	glueMaxCands  = 256
	glueMaxDigits = 12      // per cell, on average
	glueShowCands = 5       // candidates listed in a warning
	glueMaxPart   = 18      // digits of one count; fits int64
	glueMaxPairs  = 1 << 12 // candidate pairs compared for two glued rows in one equation
)

// sumRule says that the cell at index total equals the sum of the cells at
// indices parts, all indices into one row's list of cells.
type sumRule struct {
	total int
	parts []int
}

// splitGlued enumerates the ways to cut the ASCII digit string run into n
// non-negative integers without leading zeros ("0" itself is allowed) such
// that every rule holds. It reports complete = false if it gave up (work
// budget or candidate cap reached); the candidates found so far are then
// returned but are not known to be all of them.
func splitGlued(run string, n int, rules []sumRule) (cands [][]string, complete bool) {
	return splitRun(run, n, rules, false, nil)
}

// splitGluedLost is splitGlued for a run that may have lost blank cells:
// text flattened from a table writes nothing for a blank cell, so the run
// "2581211" of a seven-cell row may be 258 12 _ _ 1 1 _ (corpus 024's row
// （一）予以公开, flattened). A cell may be blank (""), counting as nothing in
// the sums; a rule holds when its total, blank counting 0, is the sum of its
// parts. A run shorter than the cells is not taken for a glued one (it may
// as well be one count): this only adds cuts to splitGlued's.
func splitGluedLost(run string, n int, rules []sumRule) (cands [][]string, complete bool) {
	return splitRun(run, n, rules, true, nil)
}

// splitRun is splitGlued, or splitGluedLost when blanks; fixed lists, in
// increasing order, offsets of run at which every cut must end a cell
// (spaced cuts: the spaces a flattened page's run lost).
func splitRun(run string, n int, rules []sumRule, blanks bool, fixed []int) (cands [][]string, complete bool) {
	if n <= 0 || len(run) < n || len(run) > n*glueMaxDigits || !chars.AllDigits(run) {
		return nil, true
	}
	s := &glueSearch{run: run, n: n, rules: rules, budget: glueBudget, blanks: blanks, fixed: fixed,
		parts: make([]string, n), vals: make([]int64, n), set: make([]bool, n)}
	for _, r := range rules {
		if r.total < 0 || r.total >= n {
			return nil, true
		}
		for _, p := range r.parts {
			if p < 0 || p >= n {
				return nil, true
			}
		}
	}
	s.byCell, s.totalOf = ruleIndex(rules, n)
	s.walk(n-1, len(run))
	return s.cands, !s.stopped
}

// ruleIndex returns, for each of n cells, the rules that mention it (in
// the order of rules, a rule's parts before its total) and the totals it
// is a part of, all in one backing array.
// Those of the rules glueRules shares are made once (glueIndexCache), and
// shared: callers must not change them.
func ruleIndex(rules []sumRule, n int) (byCell, totalOf [][]int) {
	if len(rules) > 0 {
		if ix, ok := glueIndexCache.Load(ruleIndexKey{&rules[0], n}); ok {
			lists := ix.([2][][]int)
			return lists[0], lists[1]
		}
	}
	return makeRuleIndex(rules, n)
}

func makeRuleIndex(rules []sumRule, n int) (byCell, totalOf [][]int) {
	nb, nt := make([]int, n), make([]int, n)
	size := 0
	for _, r := range rules {
		for _, p := range r.parts {
			nb[p]++
			nt[p]++
		}
		nb[r.total]++
		size += 2*len(r.parts) + 1
	}
	backing := make([]int, 0, size)
	lists := make([][]int, 2*n)
	byCell, totalOf = lists[:n:n], lists[n:]
	for c := range n {
		byCell[c] = backing[len(backing) : len(backing) : len(backing)+nb[c]]
		backing = backing[:len(backing)+nb[c]]
		totalOf[c] = backing[len(backing) : len(backing) : len(backing)+nt[c]]
		backing = backing[:len(backing)+nt[c]]
	}
	for i, r := range rules {
		for _, p := range r.parts {
			byCell[p] = append(byCell[p], i)
		}
		byCell[r.total] = append(byCell[r.total], i)
		for _, p := range r.parts {
			totalOf[p] = append(totalOf[p], r.total)
		}
	}
	return byCell, totalOf
}

// glueSearch is the state of one right-to-left enumeration. Cutting from the
// right assigns a row's 总计 before its parts, so partial sums can be bounded
// by the total as soon as the first part is tried.
type glueSearch struct {
	run     string
	n       int
	rules   []sumRule
	byCell  [][]int // rules that mention cell i
	totalOf [][]int // totals cell i is a part of
	parts   []string
	vals    []int64
	set     []bool
	blanks  bool  // a cell may be blank, taking no digits (splitGluedLost)
	fixed   []int // offsets a cell must end at (splitRun)
	budget  int
	stopped bool
	cands   [][]string
}

func (s *glueSearch) walk(idx, end int) {
	if s.stopped {
		return
	}
	if s.budget--; s.budget < 0 {
		s.stopped = true
		return
	}
	if idx < 0 {
		if end == 0 {
			if len(s.cands) >= glueMaxCands {
				s.stopped = true
				return
			}
			s.cands = append(s.cands, append([]string(nil), s.parts...))
		}
		return
	}
	// The idx cells still to cut need at least idx+1 digits (none when
	// they may be blank), and at most maxRest digits when each of them is
	// bounded by a known total.
	minStart := idx // cells 0..idx-1 need one digit each
	if s.blanks {
		minStart = 0
		s.parts[idx], s.vals[idx], s.set[idx] = "", 0, true
		if s.consistent(idx) {
			s.walk(idx-1, end)
		}
		s.set[idx] = false
		if s.stopped {
			return
		}
	}
	// A cell does not reach across a fixed cut.
	for _, f := range s.fixed {
		if f < end {
			minStart = max(minStart, f)
		}
	}
	maxLen := glueMaxPart
	for _, t := range s.totalOf[idx] {
		if s.set[t] {
			maxLen = min(maxLen, max(1, len(s.parts[t]))) // a blank total: its parts blank or 0
		}
	}
	for start := end - 1; start >= minStart && end-start <= maxLen; start-- {
		part := s.run[start:end]
		if len(part) > 1 && part[0] == '0' {
			continue
		}
		v, err := strconv.ParseInt(part, 10, 64)
		if err != nil {
			continue
		}
		if s.bound(idx) < start {
			continue
		}
		s.parts[idx], s.vals[idx], s.set[idx] = part, v, true
		if s.consistent(idx) {
			s.walk(idx-1, start)
		}
		s.set[idx] = false
		if s.stopped {
			return
		}
	}
}

// bound returns the most digits cells 0..idx-1 can take: unbounded cells
// count glueMaxPart, cells under a known total count that total's length.
func (s *glueSearch) bound(idx int) int {
	b := 0
	for j := 0; j < idx; j++ {
		l := glueMaxPart
		for _, t := range s.totalOf[j] {
			if s.set[t] {
				l = min(l, max(1, len(s.parts[t])))
			}
		}
		b += l
	}
	return b
}

// consistent checks the rules that mention cell idx: a known total is never
// exceeded by its assigned parts, and a fully assigned rule holds exactly.
func (s *glueSearch) consistent(idx int) bool {
	for _, ri := range s.byCell[idx] {
		r := s.rules[ri]
		var sum int64
		all := s.set[r.total]
		for _, p := range r.parts {
			if s.set[p] {
				sum += s.vals[p]
			} else {
				all = false
			}
		}
		if s.set[r.total] && sum > s.vals[r.total] {
			return false
		}
		if all && sum != s.vals[r.total] {
			return false
		}
	}
	return true
}

// glueRules returns the arithmetic that holds among the cells refs, which are
// the cells of one table row in the order they are written: in tables 3 and
// 4 the column 总计 is the sum of the block's other official columns, and a
// subtotal column (法人或其他组织) is the sum of the columns the catalog names.
// Refs may span several catalog rows (table 4's single data row holds three).
// The rules are computed once for each list of refs (they come from the
// catalog, so there are few) and shared: callers must not change them.
func glueRules(refs []string) []sumRule {
	key := strings.Join(refs, " ")
	if rules, ok := glueRulesCache.Load(key); ok {
		return rules.([]sumRule)
	}
	rules := makeGlueRules(refs)
	if len(rules) > 0 {
		byCell, totalOf := makeRuleIndex(rules, len(refs))
		glueIndexCache.Store(ruleIndexKey{&rules[0], len(refs)}, [2][][]int{byCell, totalOf})
	}
	if r, loaded := glueRulesCache.LoadOrStore(key, rules); loaded {
		return r.([]sumRule) // made at the same time by another parse
	}
	return rules
}

// glueIndexCache holds the ruleIndex of each list of rules glueRules made,
// by its first rule and number of cells; other lists are indexed anew.
var glueIndexCache sync.Map

type ruleIndexKey struct {
	first *sumRule
	n     int
}

var glueRulesCache sync.Map // refs joined by spaces → []sumRule

func makeGlueRules(refs []string) []sumRule {
	at := map[string]int{}
	for i, ref := range refs {
		at[ref] = i
	}
	var rules []sumRule
	for i, ref := range refs {
		cell, ok := lookupAnyEdition(ref)
		if !ok {
			continue
		}
		b, ok := lookupBlockAnyEdition(cell.Block)
		if !ok {
			continue
		}
		var names []string
		switch col, _ := b.Column(cell.Column); {
		case col.Sum != nil:
			names = col.Sum
		case cell.Column == "total" && (b.Table == "t3" || b.Table == "t4"):
			for _, c := range b.Columns {
				if c.Name != "total" {
					names = append(names, c.Name)
				}
			}
		default:
			continue
		}
		r := sumRule{total: i}
		for _, name := range names {
			j, ok := at[b.Ref(cell.Row, name)]
			if !ok {
				r.parts = nil
				break
			}
			r.parts = append(r.parts, j)
		}
		if len(r.parts) > 0 {
			rules = append(rules, r)
		}
	}
	return rules
}

// lookupAnyEdition finds a cell of either edition (2021 first), including
// extra subtotal cells.
func lookupAnyEdition(ref string) (schema.Cell, bool) {
	c, ok := anyEditionCells()[ref]
	return c, ok
}

var anyEditionCells = sync.OnceValue(func() map[string]schema.Cell {
	m := map[string]schema.Cell{}
	for _, e := range []Edition{E2019, E2021} { // 2021 last, so it wins
		for _, b := range schema.Blocks(e) {
			for _, c := range b.AllCells() {
				m[c.Ref] = c
			}
		}
	}
	return m
})

func lookupBlockAnyEdition(id string) (schema.Block, bool) {
	for _, e := range []Edition{E2021, E2019} {
		if b, ok := schema.LookupBlock(e, id); ok {
			return b, true
		}
	}
	return schema.Block{}, false
}

// gluedRow is a table row whose cells ran together into one run of digits.
type gluedRow struct {
	text     string   // the run as written (ASCII or full-width digits)
	pos      Position // of the run's first character
	label    string   // the row's label, for messages
	refs     []string // the cells the run must fill, in written order
	sp       srcSpan  // the run in the parser's source, when the parser made the row
	cands    [][]string
	complete bool
	// forced: no cut fits the row's sums (a real arithmetic error), and
	// cands holds the one cut read all the same: the only cut there is (one
	// digit a cell) when miss is 0, else the one cut whose sums miss by the
	// least, miss. A forced row decides no other row's cut (narrowGlued).
	forced bool
	miss   int64
	// loose: the cuts that miss the row's sums by the least, miss, when
	// several do (and none fits); the column sums of table 3 may then
	// leave one (pickLoose).
	loose [][]string
	// broke: when pickLoose chose the cut (forced with loose set), how
	// many column sums it breaks.
	broke int
	// settled: the report's statements that left the cuts that agree with
	// them (settle.go).
	settled []string
	// bySums: no cut fits the row's sums, and the column sums of the rows
	// it totals are its digits (settleBySums).
	bySums bool
	// lost: the run may hide blank cells (splitGluedLost, without the
	// row's sums); it decides no other row's cut and no cut of it is
	// chosen by the column sums.
	lost bool
	// fixed: the offsets in the run at which every cut ends a cell
	// (spaced cuts, spacedCutsOf).
	fixed []int
}

// newGluedRow prepares the recovery of a row: text is a run of digits as
// written (ASCII or full-width), pos its position, label the row's label as
// the report names it, and refs the cells of the row in written order. It
// reports ok = false when no cut of the run fits the row (the run is too
// short, too long or not all digits, or no cut satisfies the arithmetic);
// the caller then reads the row as it would have without recovery.
func newGluedRow(text string, pos Position, label string, refs []string) (g *gluedRow, ok bool) {
	return gluedRun(text, pos, label, refs, false, nil)
}

// gluedRun is newGluedRow; lost says that the run may hide blank cells (its
// table shows that blank cells leave no digit: tableParser.noteLostBlanks),
// and then its cuts allow for them without the row's sums (splitGluedLost).
// fixed lists the offsets in the run at which every cut ends a cell (spaced
// cuts), in increasing order.
func gluedRun(text string, pos Position, label string, refs []string, lost bool, fixed []int) (g *gluedRow, ok bool) {
	run, ok := foldDigits(text)
	if !ok || len(refs) < 2 {
		return nil, false
	}
	// Blank cells that left no digits break the sums (a blank total, a
	// part left out: corpus 024), so when lost the sums prove no cut: only
	// what every cut of the digits gives is read.
	var rules []sumRule
	if !lost {
		rules = glueRules(refs)
	}
	cands, complete := splitRun(run, len(refs), rules, lost, fixed)
	if len(cands) == 0 {
		return nil, false
	}
	return &gluedRow{text: text, pos: pos, label: label, refs: refs, cands: cands, complete: complete, lost: lost, fixed: fixed}, true
}

// foldDigits returns s with full-width digits folded to ASCII, and whether s
// is made of digits only.
func foldDigits(s string) (string, bool) {
	if s != "" && chars.AllDigits(s) {
		return s, true // ASCII already: nothing to fold
	}
	var b strings.Builder
	for _, r := range s {
		d, ok := chars.DigitValue(r)
		if !ok {
			return "", false
		}
		b.WriteByte(byte('0' + d))
	}
	return b.String(), b.Len() > 0
}

// resolveGlued narrows the candidates of the glued rows with the column
// arithmetic of table 3, using the report's other cells, and then fills the
// report: a row left with exactly one candidate gets its cells (with a
// warning wrapping ErrRepaired); a row with several keeps its cells blank,
// its run goes to r.Unrecognized and a warning wrapping ErrAmbiguous lists
// the candidates. Warnings go to warn, or to r.Warnings when warn is nil.
// It reports, row by row, whether the row was recovered.
func resolveGlued(r *Report, rows []*gluedRow, warn func(pos Position, ref string, err error, msg string)) []bool {
	if warn == nil {
		warn = func(pos Position, ref string, err error, msg string) {
			r.Warnings = append(r.Warnings, &Diagnostic{Pos: pos, Severity: SeverityWarning, Ref: ref, Err: err, Msg: msg})
		}
	}
	narrowGlued(r, rows)
	pickLoose(r, rows)
	recovered := make([]bool, len(rows))
	// A total row that no cut fits waits for the other rows: their column
	// sums may be its digits (settleBySums).
	order := make([]int, 0, len(rows))
	var later []int
	for k, g := range rows {
		if len(g.cands) == 0 && strings.HasPrefix(g.refs[0], "t3.total.") {
			later = append(later, k)
			continue
		}
		order = append(order, k)
	}
	for i, k := range append(order, later...) {
		g := rows[k]
		if i >= len(order) {
			settleBySums(r, g)
		}
		if len(g.cands) == 1 && g.complete {
			recovered[k] = true
			offsets := layoutOffsets(g.text, g.cands[0])
			for i, ref := range g.refs {
				if p := r.CellPtr(ref); p != nil {
					at := Position{Line: g.pos.Line, Column: g.pos.Column + offsets[i]}
					if g.cands[0][i] == "" {
						*p = Cell{Kind: Blank, Pos: at}
						continue
					}
					*p = Cell{Kind: Number, Value: g.cands[0][i], Pos: at}
				}
			}
			why := "the only split that fits the row's sums"
			switch {
			case len(g.settled) > 0:
				why = "the only split that fits the row's sums and agrees with the report's text " + strings.Join(g.settled, "、")
			case g.bySums:
				why = "no split fits the row's own sums, and the column sums of the result rows are exactly its digits"
			case g.forced && g.miss == 0:
				why = "one digit a cell, the only split there is (the row's sums do not hold)"
			case g.forced && len(g.loose) > 0:
				why = fmt.Sprintf("of the %d splits whose sums miss by as little as %d (no split fits the row's sums), "+
					"the only one that breaks as few as %d of table 3's column sums", len(g.loose), g.miss, g.broke)
			case g.forced:
				why = fmt.Sprintf("the only split whose sums miss by as little as %d (no split fits the row's sums)", g.miss)
			}
			warn(g.pos, g.refs[0], ErrRepaired,
				"the digits "+g.text+" of row "+g.label+" ran together; read as "+showCand(g.cands[0])+", "+why)
			continue
		}
		// The cells every cut gives the same value are read all the same
		// (007's 规章 "000": 0 0 0 whatever the cut); the others stay blank.
		vals, same := agreed(g)
		var read []string
		for i, ref := range g.refs {
			if p := r.CellPtr(ref); p != nil {
				*p = Cell{Kind: Blank, Pos: g.pos}
				if same != nil && same[i] && vals[i] != "" {
					*p = Cell{Kind: Number, Value: vals[i], Pos: g.pos}
					read = append(read, ref+" = "+vals[i])
				}
			}
		}
		r.Unrecognized = append(r.Unrecognized, Fragment{Text: g.text, Pos: g.pos})
		if len(g.cands) == 0 {
			warn(g.pos, g.refs[0], ErrUnrecognized, fmt.Sprintf("the digits %s of row %s ran together and could not be split: "+
				"no split into %d cells fits the row's sums; left blank", g.text, g.label, len(g.refs)))
			continue
		}
		msg := ambiguousMsg(g)
		if len(read) > 0 {
			msg += "; every split gives " + strings.Join(read, ", ") + ", which are read"
			if len(g.settled) > 0 {
				msg += " (the splits that agree with the report's text " + strings.Join(g.settled, "、") + ")"
			}
		}
		warn(g.pos, g.refs[0], ErrAmbiguous, msg)
	}
	return recovered
}

// glueRow is the parser's hook for a table row (table.go, fill): when the
// row's only field is a run of digits but it needs several values, it
// prepares the run's recovery into *glued and returns blank fields in its
// place, which resolveGluedRows later fills. Otherwise it returns vals.
func (tp *tableParser) glueRow(glued *[]*gluedRow, vals []token, b schema.Block, row schema.Row, cols []schema.Column) []token {
	return tp.glue(glued, vals, row.Label, rowCellRefs(b, row.Name, cols))
}

// rowCellRefs returns the refs of a row's cells in cols. When cols is the
// block's own list of columns, they are made once and shared: callers must
// not change them.
func rowCellRefs(b schema.Block, row string, cols []schema.Column) []string {
	shared := len(cols) > 0 && len(cols) == len(b.Columns) && &cols[0] == &b.Columns[0]
	key := rowRefsKey{b.Table, row, nil}
	if shared {
		key.cols = &cols[0]
		if refs, ok := rowRefsCache.Load(key); ok {
			return refs.([]string)
		}
	}
	refs := make([]string, len(cols))
	for i, c := range cols {
		refs[i] = b.Ref(row, c.Name)
	}
	if shared {
		rowRefsCache.Store(key, refs)
	}
	return refs
}

// rowRefsCache holds the refs of rows in their block's own columns (the
// catalog's, so there are few).
var rowRefsCache sync.Map

type rowRefsKey struct {
	table, row string
	cols       *schema.Column
}

// glueTable is glueRow for table 4 written as one unlabelled row of the
// values of all its rows.
func (tp *tableParser) glueTable(glued *[]*gluedRow, vals []token, b schema.Block, cols []schema.Column) []token {
	var refs []string
	for _, row := range b.Rows {
		for _, c := range cols {
			refs = append(refs, b.Ref(row.Name, c.Name))
		}
	}
	return tp.glue(glued, vals, b.Corner, refs)
}

func (tp *tableParser) glue(glued *[]*gluedRow, vals []token, label string, refs []string) []token {
	if len(refs) < 2 || len(vals) == 0 {
		return vals
	}
	var g *gluedRow
	var sp srcSpan // the run in the source
	ok := false
	if s, groups, gaps, isNBSP := tp.nbspRun(vals); isNBSP {
		sp = s
		groups, gaps = tp.spacedNBSPGroups(vals, groups, gaps)
		g, ok = newGluedBlankRow(tp.p.src.text[sp.start:sp.end], tp.p.src.pos(sp.start), label, refs, groups, gaps)
	} else if len(vals) == 1 && vals[0].kind == tkValue {
		t := vals[0]
		sp = t.sp
		pos := tp.p.src.pos(t.sp.start)
		tp.p.cutEarly = tp.p.cutEarly || !tp.p.lostBlanks
		fixed := tp.p.spacedCutsIn(t.text, pos)
		if g, ok = gluedRun(t.text, pos, label, refs, tp.p.lostBlanks, fixed); !ok {
			g, ok = unfitRun(t.text, pos, label, refs, cutAt(t.text, fixed), tp.p.lostBlanks)
		}
		if ok {
			g.fixed = fixed
		}
	} else if s, groups, isSpaced := tp.spacedRun(vals); isSpaced && tp.p.spacedCuts != nil {
		// A flattened page's fields of digits apart (the spaces the front
		// end kept: table 4's line) are groups of one run cut at the
		// spaces, as the runs of its other rows are (spaced cuts).
		sp = s
		g, ok = spacedGroupsRow(tp.p.src.text[sp.start:sp.end], tp.p.src.pos(sp.start), label, refs, groups, tp.p.lostBlanks)
		tp.p.cutEarly = tp.p.cutEarly || !tp.p.lostBlanks
	} else if s, groups, isSpaced := tp.spacedRun(vals); isSpaced && (tp.p.looseGlue || zeroLed(groups)) {
		// Fields of digits fewer than the cells are glued for sure only
		// when one is written with a leading zero ("00 0 00"): fields
		// that merely add up one digit a cell ("302   1006" for
		// 3 0 2 1 0 0 6) may as well be values with blank cells between
		// them (space-aligned text), so that reading is a guess
		// (Parser.LooseGlue).
		sp = s
		g, ok = newGluedFieldsRow(tp.p.src.text[sp.start:sp.end], tp.p.src.pos(sp.start), label, refs, groups)
	}
	if !ok {
		return vals
	}
	g.sp = sp
	t := vals[0]
	*glued = append(*glued, g)
	blanks := make([]token, len(refs))
	for i := range blanks {
		blanks[i] = token{kind: tkEmpty, sp: srcSpan{start: t.sp.start, end: t.sp.start}, line: t.line}
	}
	return blanks
}

// noteLostBlanks records that this text loses blank cells when a row of
// the table has no value at all, or fewer digits than cells: a table
// flattened to text with no separators between cells (a web page's text
// as a crawler stores it) writes nothing for a blank cell, and a row of
// mostly blank cells shows it. Then any glued run of the report may hide
// blank cells, and its cuts allow for them (splitGluedLost): the flattened
// text of corpus 024 (an HTML page with blank cells) has 部分公开 "3" for
// seven cells, and its 予以公开 "2581211" is 258 12 _ _ 1 1 _, not one digit
// a cell.
func (tp *tableParser) noteLostBlanks(editions map[string]Edition) {
	for key := range tp.bareRows {
		e, decided := editions[key.block]
		if decided && officialRow(e, key) || !decided && officialRow(schema.E2019, key) && officialRow(schema.E2021, key) {
			tp.p.lostBlanks = true // a row label with no value at all: every cell blank
			return
		}
	}
	for _, acc := range tp.rowOrder {
		if acc.extra {
			continue
		}
		// Each digit fills at most one cell.
		digits, values := 0, true
		for _, t := range acc.vals {
			switch t.kind {
			case tkEmpty:
			case tkValue:
				for _, r := range t.text {
					if chars.IsDigit(r) {
						digits++
					}
				}
			default:
				values = false
			}
		}
		e, decided := editions[acc.block]
		if e == "" {
			e = schema.E2021 // table 4: the same in both editions
		}
		b, _ := schema.LookupBlock(e, acc.block)
		if n := len(b.Columns); values && decided && n >= 2 && digits > 0 && digits < n {
			tp.p.lostBlanks = true
			return
		}
	}
}

// noteBlankRow records the rows whose labels, in a run of labels ms, are
// followed by another label, once a caption or column label of their own
// block was seen (a row label in the prose before its table is no row):
// such a row has no value at all (flattened text: "第二十条第（五）项信息内容本年处理决定数量
// 行政许可第二十条第（六）项…", 行政许可 all blank). Table 4's row labels head
// its columns and are left out.
func (tp *tableParser) noteBlankRow(ms []match) {
	for i, m := range ms {
		for _, e := range m.entries {
			switch {
			case e.kind == vCaption || e.kind == vColumn:
				if tp.headed == nil {
					tp.headed = map[string]bool{}
				}
				tp.headed[e.block] = true
			case e.kind == vRow && !e.extra && e.block != "t4" && tp.headed[e.block] && i < len(ms)-1:
				if tp.bareRows == nil {
					tp.bareRows = map[rowKey]bool{}
				}
				tp.bareRows[rowKey{e.block, e.name}] = true
			}
		}
	}
}

// officialRow reports whether a row is one of its block's official rows in
// edition e (not a subtotal, which has no values of its own).
func officialRow(e Edition, key rowKey) bool {
	b, ok := schema.LookupBlock(e, key.block)
	return ok && slices.ContainsFunc(b.Rows, func(r schema.Row) bool { return r.Name == key.name })
}

// resolveGluedRows resolves the rows glueRow and glueTable prepared, once
// the block's other cells are in r, and claims each run: as values when
// recovered, as unrecognized text otherwise.
func (tp *tableParser) resolveGluedRows(r *Report, glued []*gluedRow) {
	if !tp.p.looseGlue {
		unloose(glued)
	}
	if len(glued) > 0 {
		prose := tp.p.lazyProse()
		for _, g := range glued {
			g.settled = settleByProse(prose, g)
		}
	}
	for i, ok := range resolveGlued(r, glued, tp.p.warn) {
		k := claimUnknown
		if ok {
			k = claimValue
		}
		tp.p.src.mark(glued[i].sp.start, glued[i].sp.end, k)
	}
}

// zeroLed reports whether a group of digits has two or more digits and
// starts with 0: no count is written so.
func zeroLed(groups []string) bool {
	return slices.ContainsFunc(groups, leadingZeros)
}

// unloose drops the cuts the template's arithmetic does not prove: a cut
// that misses the row's sums, however little, and the choice among several
// such cuts by table 3's column sums. Their rows are then left blank, the
// run kept as unrecognized text (Parser.LooseGlue keeps them).
func unloose(glued []*gluedRow) {
	for _, g := range glued {
		if g.forced && g.miss > 0 {
			g.cands, g.forced, g.miss = nil, false, 0
		}
		g.loose = nil
	}
}

func ambiguousMsg(g *gluedRow) string {
	var b strings.Builder
	fmt.Fprintf(&b, "the digits %s of row %s ran together and can be split ", g.text, g.label)
	if g.complete {
		fmt.Fprintf(&b, "in %d ways", len(g.cands))
	} else {
		b.WriteString("in too many ways to list")
	}
	b.WriteString(" that fit the row's sums; left blank: ")
	for i, c := range g.cands {
		if i == glueShowCands {
			fmt.Fprintf(&b, "; … (%d more)", len(g.cands)-i)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(showCand(c))
	}
	return b.String()
}

// showCand writes a candidate's cells for a message, a blank cell as _.
func showCand(c []string) string {
	parts := make([]string, len(c))
	for i, v := range c {
		parts[i] = v
		if v == "" {
			parts[i] = "_"
		}
	}
	return strings.Join(parts, " ")
}

// glueEquation is a linear equation over cells: the sum of plus equals the
// sum of minus.
type glueEquation struct{ plus, minus []string }

// glueEquations returns the column equations of table 3 for the report's
// edition of the block: for each column, new + carried_over = total +
// carried_forward, and total = the sum of the result rows, and each subtotal
// row equals the sum of its parts. The equations of each edition are made
// once and shared: callers must not change them.
func glueEquations(r *Report) []glueEquation {
	e, ok := r.Editions["t3"]
	if !ok {
		e = E2021
	}
	return glueEquationsOf()[e]
}

// inEquations reports whether some cell of rows is in one of the equations
// glueEquations(r) returns.
func inEquations(r *Report, rows []*gluedRow) bool {
	e, ok := r.Editions["t3"]
	if !ok {
		e = E2021
	}
	cells := glueEquationCells()[e]
	for _, g := range rows {
		for _, ref := range g.refs {
			if cells[ref] {
				return true
			}
		}
	}
	return false
}

// glueEquationCells are the cells of each edition's equations.
var glueEquationCells = sync.OnceValue(func() map[Edition]map[string]bool {
	out := map[Edition]map[string]bool{}
	for e, eqs := range glueEquationsOf() {
		out[e] = map[string]bool{}
		for _, eq := range eqs {
			for _, ref := range append(append([]string(nil), eq.plus...), eq.minus...) {
				out[e][ref] = true
			}
		}
	}
	return out
})

var glueEquationsOf = sync.OnceValue(func() map[Edition][]glueEquation {
	out := map[Edition][]glueEquation{}
	for _, e := range schema.Editions {
		out[e] = makeGlueEquations(e)
	}
	return out
})

func makeGlueEquations(e Edition) []glueEquation {
	b, ok := schema.LookupBlock(e, "t3")
	if !ok {
		return nil
	}
	totalRow, _ := b.Row("total")
	var results []string
	for _, row := range b.Rows {
		if row.Name != "total" && len(row.Groups) > 0 && len(totalRow.Groups) > 0 && row.Groups[0] == totalRow.Groups[0] {
			results = append(results, row.Name)
		}
	}
	var eqs []glueEquation
	cols := append(append([]schema.Column(nil), b.Columns...), b.ExtraColumns...)
	for _, c := range cols {
		ref := func(row string) string { return b.Ref(row, c.Name) }
		eqs = append(eqs, glueEquation{plus: []string{ref("new"), ref("carried_over")},
			minus: []string{ref("total"), ref("carried_forward")}})
		eq := glueEquation{minus: []string{ref("total")}}
		for _, row := range results {
			eq.plus = append(eq.plus, ref(row))
		}
		eqs = append(eqs, eq)
		for _, row := range b.ExtraRows {
			eq := glueEquation{minus: []string{ref(row.Name)}}
			for _, p := range row.Sum {
				eq.plus = append(eq.plus, ref(p))
			}
			eqs = append(eqs, eq)
		}
	}
	return eqs
}

// gluedCells gives the values of the cells an equation over glued rows
// reads: a cell a glued row fills is known when that row is down to one
// complete cut that no rule forced; any other cell is r's number, read once
// (those cells do not change while the rows are narrowed).
type gluedCells struct {
	r     *Report
	rows  []*gluedRow
	at    map[string]gluedAt // for the refs a glued row fills: which row, which of its cells
	fixed map[string]fixedValue
}

// gluedAt is where a glued row fills a cell: rows[row], its cell col.
type gluedAt struct{ row, col int }

type fixedValue struct {
	v  int64
	ok bool
}

func newGluedCells(r *Report, rows []*gluedRow) *gluedCells {
	n := 0
	for _, g := range rows {
		n += len(g.refs)
	}
	gc := &gluedCells{r: r, rows: rows, at: make(map[string]gluedAt, n), fixed: make(map[string]fixedValue, 64)}
	for i, g := range rows {
		for j, ref := range g.refs {
			gc.at[ref] = gluedAt{i, j}
		}
	}
	return gc
}

// known returns the cell's value and whether it is known.
func (gc *gluedCells) known(ref string) (int64, bool) {
	if at, ok := gc.at[ref]; ok {
		g := gc.rows[at.row]
		if len(g.cands) == 1 && g.complete && !g.forced {
			v, err := strconv.ParseInt(g.cands[0][at.col], 10, 64)
			return v, err == nil
		}
		return 0, false
	}
	if f, ok := gc.fixed[ref]; ok {
		return f.v, f.ok
	}
	var f fixedValue
	if c, ok := gc.r.Cell(ref); ok {
		f.v, f.ok = c.Int64()
	}
	gc.fixed[ref] = f
	return f.v, f.ok
}

// narrowGlued filters the candidates of each glued row with every equation
// in which that row is the only unknown: all other cells of the equation are
// integers in the report or in rows already narrowed to one candidate. A
// filter that would leave no candidate is not applied (the other cells are
// then inconsistent, which the validator reports). It repeats until nothing
// changes.
func narrowGlued(r *Report, rows []*gluedRow) {
	if len(rows) == 0 {
		return
	}
	eqs := glueEquations(r)
	if !inEquations(r, rows) {
		return // no equation reads a cell of these rows (table 2's): nothing to narrow
	}
	// The cells of each equation, looked up once (gluedCells.known, with
	// the maps read before the loop): the glued row and column that fill a
	// cell, or its value in r, which does not change while rows narrow.
	gc := newGluedCells(r, rows)
	type eqCell struct {
		sign     int64
		row, col int   // the glued row (-1: none) and its cell
		v        int64 // a cell of r: its value, if ok
		ok       bool
	}
	n := 0
	for _, eq := range eqs {
		n += len(eq.plus) + len(eq.minus)
	}
	all := make([]eqCell, 0, n) // one allocation for the cells of every equation
	cells := make([][]eqCell, len(eqs))
	for e, eq := range eqs {
		cells[e] = all[len(all):len(all)]
		for k, side := range [][]string{eq.plus, eq.minus} {
			for _, ref := range side {
				c := eqCell{sign: int64(1 - 2*k), row: -1}
				if at, glued := gc.at[ref]; glued {
					c.row, c.col = at.row, at.col
				} else {
					c.v, c.ok = gc.known(ref)
				}
				cells[e] = append(cells[e], c)
			}
		}
		all = all[:len(all)+len(cells[e])]
	}
	var sign []eqCell // eq's cells that glued rows fill and are unknown
	for changed := true; changed; {
		changed = false
		for e := range eqs {
			var unknown []int // the glued rows with unknown cells in eq, at most two
			var rest int64    // sum(plus) - sum(minus) over known cells
			sign = sign[:0]
			ok := true
			for _, c := range cells[e] {
				v, isKnown := c.v, c.ok
				if c.row >= 0 {
					g := rows[c.row]
					if isKnown = len(g.cands) == 1 && g.complete && !g.forced; isKnown {
						var err error
						v, err = strconv.ParseInt(g.cands[0][c.col], 10, 64)
						isKnown = err == nil
					}
				}
				if isKnown {
					rest += c.sign * v
					continue
				}
				if c.row < 0 || rows[c.row].forced || rows[c.row].lost || !rows[c.row].complete || hasBlankAt(rows[c.row], c.col) {
					ok = false // a blank cell is not 0: the equation decides nothing
					break
				}
				if !slices.Contains(unknown, c.row) {
					if unknown = append(unknown, c.row); len(unknown) > 2 {
						ok = false
						break
					}
				}
				sign = append(sign, c)
			}
			if !ok || len(unknown) == 0 {
				continue
			}
			// value returns the signed sum of eq's unknown cells that row i
			// fills, for its candidate c.
			value := func(i int, cand []string) int64 {
				var sum int64
				for _, c := range sign {
					if c.row == i {
						v, _ := strconv.ParseInt(cand[c.col], 10, 64)
						sum += c.sign * v
					}
				}
				return sum
			}
			if len(unknown) == 1 {
				g := rows[unknown[0]]
				var kept [][]string
				for _, c := range g.cands {
					if rest+value(unknown[0], c) == 0 {
						kept = append(kept, c)
					}
				}
				if len(kept) > 0 && len(kept) < len(g.cands) {
					g.cands = kept
					changed = true
				}
				continue
			}
			// Two rows unknown: keep the candidates of each that some
			// candidate of the other completes (arc consistency), within a
			// bounded number of pairs.
			a, b := rows[unknown[0]], rows[unknown[1]]
			if len(a.cands)*len(b.cands) > glueMaxPairs {
				continue
			}
			va := make([]int64, len(a.cands))
			for k, c := range a.cands {
				va[k] = value(unknown[0], c)
			}
			vb := map[int64]bool{}
			for _, c := range b.cands {
				vb[value(unknown[1], c)] = true
			}
			var keptA [][]string
			needB := map[int64]bool{}
			for k, c := range a.cands {
				if vb[-rest-va[k]] {
					keptA = append(keptA, c)
					needB[-rest-va[k]] = true
				}
			}
			var keptB [][]string
			for _, c := range b.cands {
				if needB[value(unknown[1], c)] {
					keptB = append(keptB, c)
				}
			}
			if len(keptA) > 0 && len(keptB) > 0 && (len(keptA) < len(a.cands) || len(keptB) < len(b.cands)) {
				a.cands, b.cands = keptA, keptB
				changed = true
			}
		}
	}
}

// hasBlankAt reports whether some candidate of g leaves cell j blank.
func hasBlankAt(g *gluedRow, j int) bool {
	for _, c := range g.cands {
		if c[j] == "" {
			return true
		}
	}
	return false
}

// A page's text (its DOM textContent, as crawlers store it) keeps one U+00A0
// for each table cell written &nbsp; and nothing between two cells that hold
// numbers: the row 821 35 &nbsp; &nbsp; 2 1 859 arrives as "82135  21859"
// with two no-break spaces. Each no-break space is then a blank cell, and
// each run of digits one or more cells whose digits ran together.

const nbsp = chars.NoBreakSpace

// nbspRun reports whether a row's values are such runs of digits, separated
// by, or led or followed by, no-break spaces on their line: it returns the
// span from the first leading to the last trailing no-break space, the runs,
// and the number of no-break spaces before the first run, between the runs
// and after the last (len(groups)+1 counts).
func (tp *tableParser) nbspRun(vals []token) (sp srcSpan, groups []string, gaps []int, ok bool) {
	text := tp.p.src.text
	for i, t := range vals {
		if t.kind != tkValue || t.line != vals[0].line {
			return srcSpan{}, nil, nil, false
		}
		if _, digits := foldDigits(t.text); !digits {
			return srcSpan{}, nil, nil, false
		}
		groups = append(groups, t.text)
		if i == 0 {
			continue
		}
		between := text[vals[i-1].sp.end:t.sp.start]
		k := utf8.RuneCountInString(between)
		if k == 0 || strings.Trim(between, string(nbsp)) != "" {
			return srcSpan{}, nil, nil, false
		}
		gaps = append(gaps, k)
	}
	start, end := vals[0].sp.start, vals[len(vals)-1].sp.end
	lead, trail := 0, 0
	for start >= len(string(nbsp)) && strings.HasSuffix(text[:start], string(nbsp)) {
		start -= len(string(nbsp))
		lead++
	}
	for strings.HasPrefix(text[end:], string(nbsp)) {
		end += len(string(nbsp))
		trail++
	}
	gaps = append(append([]int{lead}, gaps...), trail)
	blanks := 0
	for _, k := range gaps {
		blanks += k
	}
	if blanks == 0 {
		return srcSpan{}, nil, nil, false
	}
	return srcSpan{start, end}, groups, gaps, true
}

// newGluedBlankRow is newGluedRow for runs of digits and blank cells:
// groups are the runs as written, gaps the no-break spaces before, between
// and after them. A candidate has "" for a blank cell.
func newGluedBlankRow(text string, pos Position, label string, refs []string, groups []string, gaps []int) (*gluedRow, bool) {
	folded, _, ok := foldGroups(groups)
	if !ok {
		return nil, false
	}
	cands, complete := splitGluedBlanks(folded, gaps, len(refs), glueRules(refs))
	if len(cands) == 0 {
		return newUnfitBlankRow(text, pos, label, refs, folded, gaps)
	}
	return &gluedRow{text: text, pos: pos, label: label, refs: refs, cands: cands, complete: complete}, true
}

// newUnfitBlankRow is newUnfitRow for runs of digits and blank cells
// (folded, gaps as newGluedBlankRow has them) no cut of which fits the
// row's sums: with one digit for each cell the no-break spaces leave, that
// is the only cut, taken (forced); with more, the row gets no candidate,
// never a number; with fewer, or more no-break spaces than cells, ok is
// false.
func newUnfitBlankRow(text string, pos Position, label string, refs []string, folded []string, gaps []int) (*gluedRow, bool) {
	cells, digits := len(refs), 0
	for _, k := range gaps {
		cells -= k
	}
	for _, f := range folded {
		digits += len(f)
	}
	if len(refs) < 2 || cells < len(folded) || digits < cells || digits > cells*glueMaxDigits {
		return nil, false
	}
	g := &gluedRow{text: text, pos: pos, label: label, refs: refs, complete: true}
	if digits == cells {
		var c []string
		for i, f := range folded {
			c = append(c, make([]string, gaps[i])...)
			c = append(c, strings.Split(f, "")...)
		}
		c = append(c, make([]string, gaps[len(folded)])...)
		g.cands, g.forced = [][]string{c}, true
	}
	return g, true
}

// splitGluedBlanks enumerates the rows of n cells made of gaps[0] blank
// cells, the cells group 0 is cut into, gaps[1] blank cells, and so on, that
// satisfy every rule whose cells are all numbers (a rule over a blank cell
// decides nothing). Each group is cut into one or more counts as splitGlued
// cuts a run. complete is false when the enumeration gave up.
func splitGluedBlanks(groups []string, gaps []int, n int, rules []sumRule) (cands [][]string, complete bool) {
	if len(gaps) != len(groups)+1 || len(groups) == 0 {
		return nil, true
	}
	cells := n
	for _, k := range gaps {
		cells -= k
	}
	if cells < len(groups) {
		return nil, true
	}
	complete = true
	budget := glueBudget
	row := make([]string, n)
	var place func(gi, at, left int)
	place = func(gi, at, left int) {
		if !complete {
			return
		}
		if gi == len(groups) {
			for k := 0; k < gaps[gi]; k++ {
				row[at+k] = ""
			}
			if left == 0 && blankRulesHold(row, rules) {
				if len(cands) >= glueMaxCands {
					complete = false
					return
				}
				cands = append(cands, append([]string(nil), row...))
			}
			return
		}
		for k := 0; k < gaps[gi]; k++ {
			row[at+k] = ""
		}
		at += gaps[gi]
		maxC := min(len(groups[gi]), left-(len(groups)-gi-1))
		for c := 1; c <= maxC; c++ {
			splits, done := splitGlued(groups[gi], c, nil)
			if !done {
				complete = false
				return
			}
			for _, sp := range splits {
				if budget--; budget < 0 {
					complete = false
					return
				}
				copy(row[at:], sp)
				place(gi+1, at+c, left-c)
				if !complete {
					return
				}
			}
		}
	}
	place(0, 0, cells)
	return cands, complete
}

// blankRulesHold checks the rules of a row whose blank cells are "". A rule
// whose total is blank decides nothing; a written total next to blank parts
// is taken to be the sum of the written ones (the blank cells held nothing to
// add): this only chooses among the cuts of the digits, it never fills a
// blank cell.
func blankRulesHold(row []string, rules []sumRule) bool {
	for _, r := range rules {
		if row[r.total] == "" {
			continue
		}
		var sum int64
		for _, p := range r.parts {
			if row[p] == "" {
				continue
			}
			v, err := strconv.ParseInt(row[p], 10, 64)
			if err != nil {
				return false
			}
			sum += v
		}
		if t, err := strconv.ParseInt(row[r.total], 10, 64); err != nil || t != sum {
			return false
		}
	}
	return true
}

// layoutOffsets returns the rune offset in text of each cell of a recovered
// row: a count where its digits start, a blank cell at its no-break space.
func layoutOffsets(text string, parts []string) []int {
	rs := []rune(text)
	out := make([]int, len(parts))
	at := 0
	for i, p := range parts {
		for p != "" && at < len(rs) && chars.IsBreakingSpace(rs[at]) {
			at++ // the space between two fields
		}
		out[i] = min(at, max(len(rs)-1, 0))
		if p == "" {
			if at < len(rs) && rs[at] == nbsp {
				at++
			}
			continue
		}
		at += utf8.RuneCountInString(p)
	}
	return out
}

// Spaced cuts. A page's text flattened onto one line by a crawler keeps a
// space between some cells of a row and none between others: corpus 036
// has "行政许可 17 0 2" and "行政处罚 12 0 0", corpus 007 "230 000023" (23 0,
// a space, then 0 0 0 0 23). The flattened-page front end
// (internal/flattext) drops those spaces, so the row's run is "1702",
// which 17 0 2 and 1 70 2 both fit. In that text a space between two
// digits is always a cell boundary, never inside a count: the run is cut
// with a cell ending at each such space (each group of digits is one or
// more whole cells), and blank cells that left no digit are allowed for as
// in any run (noteLostBlanks). This holds only where the front end says so
// (frontEnd.spacedCuts): in other text, fields fewer than the cells may be
// values with blank cells between them (spacedRun).

// spacedCutsOf returns, for text a front end made and its map m, the
// position of each digit of text that follows another digit on its line
// while their source characters are not adjacent: the front end dropped
// what stood between them (the spaces between a row's groups of digits).
// wide reports that somewhere two or more characters stood between two
// digits ("0  10": the empty field of a blank cell between two values):
// blank cells then leave no digit of their own (noteLostBlanks), and runs
// are cut allowing for them.
func spacedCutsOf(text string, m *posmap.Map) (cuts map[Position]bool, wide bool) {
	cuts = map[Position]bool{}
	for i := 0; i < len(m.Lines); i++ {
		// (Past the text's last line, line is "" and holds no cut.)
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		segs := m.Lines[i].Segs
		// at is the byte offset of rune col of line; segments come in
		// increasing Col, so it only moves on.
		at, col := 0, 0
		for k := 1; k < len(segs); k++ {
			a, b := segs[k-1], segs[k]
			if b.Pos.Line != a.Pos.Line || b.Pos.Column-a.Pos.Column <= b.Col-a.Col || b.Col < 1 {
				continue
			}
			if b.Col-1 < col {
				at, col = 0, 0
			}
			for col < b.Col-1 && at < len(line) {
				_, n := utf8.DecodeRuneInString(line[at:])
				at, col = at+n, col+1
			}
			if at >= len(line) {
				continue
			}
			// The runes at b.Col-1 and b.Col: both digits.
			r0, n := utf8.DecodeRuneInString(line[at:])
			if at+n >= len(line) {
				continue
			}
			r1, _ := utf8.DecodeRuneInString(line[at+n:])
			if chars.IsDigit(r0) && chars.IsDigit(r1) {
				cuts[Position{Line: i + 1, Column: b.Col + 1}] = true
				wide = wide || b.Pos.Column-a.Pos.Column-(b.Col-a.Col) >= 2
			}
		}
	}
	return cuts, wide
}

// spacedCutsIn returns the rune offsets in text, a run of digits at pos,
// of the spaced cuts inside it, in increasing order.
func (p *parseState) spacedCutsIn(text string, pos Position) []int {
	if len(p.spacedCuts) == 0 {
		return nil
	}
	var fixed []int
	for k := 1; k < utf8.RuneCountInString(text); k++ {
		if p.spacedCuts[Position{Line: pos.Line, Column: pos.Column + k}] {
			fixed = append(fixed, k)
		}
	}
	return fixed
}

// spacedGroupsRow is gluedRun for the fields of digits groups, written
// apart in text at pos, of a flattened page's row: one run with a spaced
// cut between every two groups; lost as for gluedRun.
func spacedGroupsRow(text string, pos Position, label string, refs []string, groups []string, lost bool) (*gluedRow, bool) {
	var fixed []int
	at := 0
	for _, gr := range groups[:len(groups)-1] {
		at += utf8.RuneCountInString(gr)
		fixed = append(fixed, at)
	}
	run := strings.Join(groups, "")
	g, ok := gluedRun(run, pos, label, refs, lost, fixed)
	if !ok {
		g, ok = unfitRun(run, pos, label, refs, groups, lost)
	}
	if ok {
		g.text, g.fixed = text, fixed
	}
	return g, ok
}

// spacedNBSPGroups cuts the runs of digits between no-break spaces (vals,
// groups and gaps as nbspRun returns them) at their spaced cuts: each piece
// becomes a group of its own, with no blank cell between.
func (tp *tableParser) spacedNBSPGroups(vals []token, groups []string, gaps []int) ([]string, []int) {
	if len(tp.p.spacedCuts) == 0 {
		return groups, gaps
	}
	var outG []string
	outGaps := []int{gaps[0]}
	for i, t := range vals {
		for j, piece := range cutAt(groups[i], tp.p.spacedCutsIn(t.text, tp.p.src.pos(t.sp.start))) {
			if j > 0 {
				outGaps = append(outGaps, 0)
			}
			outG = append(outG, piece)
		}
		outGaps = append(outGaps, gaps[i+1])
	}
	return outG, outGaps
}

// cutAt cuts text at the rune offsets fixed (increasing).
func cutAt(text string, fixed []int) []string {
	rs := []rune(text)
	var out []string
	from := 0
	for _, f := range fixed {
		out = append(out, string(rs[from:f]))
		from = f
	}
	return append(out, string(rs[from:]))
}

// The fields of a row published with some of its cells run together and
// the others apart ("00 0 0 01 0 0 0 1 0 0 0 00": table 4's fifteen counts
// in twelve fields) are cut as one run whose field boundaries are fixed
// cuts. Only rows that must be glued are: a field that is no count by
// itself (a leading zero: "00", "01"), or exactly one digit for each cell.
// Fewer digits than cells is a row whose blank cells left no field, read
// as before (aligned to the right).

// spacedRun reports whether a row's values are runs of digits on one line
// separated by ordinary spaces only, and returns their span and the runs.
func (tp *tableParser) spacedRun(vals []token) (sp srcSpan, groups []string, ok bool) {
	if len(vals) < 2 {
		return srcSpan{}, nil, false
	}
	text := tp.p.src.text
	for i, t := range vals {
		if t.kind != tkValue || t.line != vals[0].line {
			return srcSpan{}, nil, false
		}
		if _, digits := foldDigits(t.text); !digits {
			return srcSpan{}, nil, false
		}
		if i > 0 {
			between := text[vals[i-1].sp.end:t.sp.start]
			if between == "" || strings.TrimFunc(between, chars.IsBreakingSpace) != "" {
				return srcSpan{}, nil, false
			}
		}
		groups = append(groups, t.text)
	}
	return srcSpan{vals[0].sp.start, vals[len(vals)-1].sp.end}, groups, true
}

// newGluedFieldsRow is newGluedRow for a row written as several fields of
// digits (groups, as written) that are fewer than its cells: each field is
// cut into one or more counts. It reports ok = false when the row need not
// have been glued (see above) or has too few digits.
func newGluedFieldsRow(text string, pos Position, label string, refs []string, groups []string) (*gluedRow, bool) {
	folded, digits, ok := foldGroups(groups)
	if !ok {
		return nil, false
	}
	zeroLed := slices.ContainsFunc(folded, func(f string) bool { return len(f) > 1 && f[0] == '0' })
	rules := glueRules(refs)
	if len(refs) < 2 || len(groups) >= len(refs) || digits < len(refs) || !zeroLed && (digits != len(refs) || len(rules) == 0) {
		// With no field that must be glued, only a row whose sums hold
		// one digit a cell is taken as glued: a row without sums (table 2's
		// "1 23") is perhaps a blank cell that left no field.
		return nil, false
	}
	cands, complete := splitGluedBlanks(folded, make([]int, len(groups)+1), len(refs), rules)
	if len(cands) == 0 {
		if !zeroLed {
			return nil, false // one digit a cell does not add up: perhaps blank cells left no field
		}
		return unfitRow(text, pos, label, refs, folded, digits, false)
	}
	return &gluedRow{text: text, pos: pos, label: label, refs: refs, cands: cands, complete: complete}, true
}

// foldGroups folds each run of digits as written to ASCII digits, and counts
// the digits; ok is false when a run is not all digits.
func foldGroups(groups []string) (folded []string, digits int, ok bool) {
	folded = make([]string, len(groups))
	for i, gr := range groups {
		f, isDigits := foldDigits(gr)
		if !isDigits {
			return nil, 0, false
		}
		folded[i] = f
		digits += len(f)
	}
	return folded, digits, true
}

// newUnfitRow prepares a row whose digits (groups, as written, each cut
// into one or more counts) ran together but no cut of which fits the row's
// sums: a real arithmetic error, or not the row's cells. With exactly one
// digit for each cell there is only one cut, taken (forced). With more
// digits than cells, the cut whose sums miss by the least is taken when it
// is the only one that misses by so little and misses each total by at most
// a quarter of it (040's 191000019: 19 1 0 0 0 0 19 misses 19 by 1, every
// other cut misses by 73 or more); otherwise the row gets no candidate: its cells
// stay blank and the run is kept as unrecognized text, never read as one
// number. With fewer digits than cells, ok is false: not a glued row.
func newUnfitRow(text string, pos Position, label string, refs []string, groups []string) (*gluedRow, bool) {
	return unfitRun(text, pos, label, refs, groups, false)
}

// unfitRun is newUnfitRow; lost says that the run may have lost blank
// cells (tableParser.lostBlanks).
func unfitRun(text string, pos Position, label string, refs []string, groups []string, lost bool) (*gluedRow, bool) {
	folded, digits, ok := foldGroups(groups)
	if !ok {
		return nil, false
	}
	return unfitRow(text, pos, label, refs, folded, digits, lost)
}

// unfitRow is newUnfitRow for runs already folded (foldGroups), with their
// number of digits; lost as for unfitRun.
func unfitRow(text string, pos Position, label string, refs []string, folded []string, digits int, lost bool) (*gluedRow, bool) {
	n := len(refs)
	if n < 2 || len(folded) > n || digits < n || digits > n*glueMaxDigits {
		return nil, false
	}
	g := &gluedRow{text: text, pos: pos, label: label, refs: refs, complete: true}
	if digits == n {
		// One digit a cell is the only cut there is when no blank cell can
		// have left no digit, or no two digits can be one count (each but
		// the last is 0). In text that loses blank cells the row's sums
		// failing may say that one did and the run is fewer counts
		// (corpus 024's 予以公开 "2581211", flattened, is 258 12 _ _ 1 1 _).
		run := strings.Join(folded, "")
		if lost && strings.Trim(run[:len(run)-1], "0") != "" {
			return g, true
		}
		g.cands = [][]string{strings.Split(run, "")}
		g.forced = true
		return g, true
	}
	cands, complete := splitGluedBlanks(folded, make([]int, len(folded)+1), n, nil)
	if !complete {
		return g, true
	}
	rules := glueRules(refs)
	var least []([]string)
	var leastMiss int64
	for _, c := range cands {
		m, ok := glueMiss(c, rules)
		if !ok || m == 0 || !slip(c, rules) {
			continue
		}
		switch {
		case least == nil || m < leastMiss:
			least, leastMiss = [][]string{c}, m
		case m == leastMiss:
			least = append(least, c)
		}
	}
	switch {
	case len(least) == 1:
		g.cands, g.forced, g.miss = least, true, leastMiss
	case len(least) > 1 && len(least) <= glueShowCands:
		g.loose, g.miss = least, leastMiss
	}
	return g, true
}

// slip reports whether a cut misses each of the rules' totals by at most a
// quarter of it: a slip in a sum, not digits that are not the row's cells.
func slip(c []string, rules []sumRule) bool {
	for _, r := range rules {
		if t, _ := strconv.ParseInt(c[r.total], 10, 64); 4*sumMiss(c, r) > t {
			return false
		}
	}
	return true
}

// pickLoose chooses among the loose cuts of a row no cut of which fits its
// sums (newUnfitRow) with the column sums of table 3: it counts, for each
// cut, the equations that the cut breaks among those whose other cells are
// all known (numbers in r, or rows recovered by a cut that fits), and keeps
// the cut that breaks the fewest, if it is the only one (040's 191000019:
// 19 1 0 0 0 0 19 and 1 9 10 0 0 0 19 both miss 总计 by 1; with 一
// 190000019, 二 and 四 0000000, the first breaks one column's balance, the
// second three). The row is then forced; otherwise it stays without a
// candidate.
func pickLoose(r *Report, rows []*gluedRow) {
	if !slices.ContainsFunc(rows, func(g *gluedRow) bool { return len(g.cands) == 0 && len(g.loose) >= 2 }) {
		return // no row to choose a cut for (the loop below skips every row)
	}
	gc := newGluedCells(r, rows)
	at, known := gc.at, gc.known
	eqs := glueEquations(r)
	for k, g := range rows {
		if len(g.cands) > 0 || len(g.loose) < 2 {
			continue
		}
		broken := make([]int, len(g.loose))
		for _, eq := range eqs {
			var rest int64 // sum(plus) - sum(minus) over the cells not g's
			var mine []int // g's cells in eq, and their signs
			var signs []int64
			ok := true
			for side, refs := range [][]string{eq.plus, eq.minus} {
				s := int64(1 - 2*side)
				for _, ref := range refs {
					if a := at[ref]; a.row == k && slices.Contains(g.refs, ref) {
						mine, signs = append(mine, a.col), append(signs, s)
						continue
					}
					v, isKnown := known(ref)
					if !isKnown {
						ok = false
						break
					}
					rest += s * v
				}
				if !ok {
					break
				}
			}
			if !ok || len(mine) == 0 {
				continue
			}
			for ci, c := range g.loose {
				sum := rest
				for m, j := range mine {
					v, _ := strconv.ParseInt(c[j], 10, 64)
					sum += signs[m] * v
				}
				if sum != 0 {
					broken[ci]++
				}
			}
		}
		best, ties := 0, 0
		for ci := range broken {
			switch {
			case broken[ci] < broken[best]:
				best, ties = ci, 1
			case broken[ci] == broken[best]:
				ties++
			}
		}
		if ties == 1 {
			g.cands, g.forced, g.broke = [][]string{g.loose[best]}, true, broken[best]
		}
	}
}

// glueMiss returns by how much a cut misses the rules: the sum over the
// rules of the difference between the total and the sum of its parts.
func glueMiss(c []string, rules []sumRule) (int64, bool) {
	var m int64
	for _, r := range rules {
		d := sumMiss(c, r)
		if d < 0 {
			return 0, false
		}
		m += d
	}
	return m, true
}

// sumMiss returns |total − sum of parts| for one rule, or -1 if a cell is
// not a count.
func sumMiss(c []string, r sumRule) int64 {
	t, err := strconv.ParseInt(c[r.total], 10, 64)
	if err != nil {
		return -1
	}
	for _, p := range r.parts {
		v, err := strconv.ParseInt(c[p], 10, 64)
		if err != nil {
			return -1
		}
		t -= v
	}
	if t < 0 {
		return -t
	}
	return t
}
