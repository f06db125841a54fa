package nianbao

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// Settling a run of digits that several cuts fit (glue.go) by what the
// report itself says, and keeping what all the cuts agree on.
//
// Table 2 has no arithmetic, so a web page's "行政规范性文件5416" (本年制发,
// 本年废止, 现行有效 run together) fits 5|4|16, 5|41|6 and 54|1|6. Reports
// often state these numbers in section 1 ("制定规范性文件5件", "现行有效的规范性
// 文件16件", corpus 027); a statement that names the row's documents, the
// column's verb and a count keeps the cuts that agree with it. The
// statements are read from the report's text outside its tables (Preamble
// and the sections read so far), never from a table.

// proseClaim is a count a report states for one cell of table 2.
type proseClaim struct {
	ref, value, quote string
}

// proseCountPatterns are, for the rows and columns of table 2 (edition
// 2021) that prose names, the wordings of a stated count. %s is the
// row's noun. Each was seen in real reports of the corpus (010, 011, 012,
// 027, 029, 039).
var proseCountPatterns = []struct{ col, pattern string }{
	// 本年度制发的规范性文件88件, 制发行政规范性文件62件, 制定规范性文件5件, 发布规范性文件20份
	{"issued", `(?:制发|制定|出台|印发|发布)了?(?:的)?(?:行政)?%s(\d+)\s*(?:件|份|部)`},
	// 废止规范性文件3件
	{"repealed", `(?:废止|宣布失效)了?(?:的)?(?:行政)?%s(\d+)\s*(?:件|份|部)`},
	// 现行有效行政规范性文件698件, 现行有效的规范性文件16件
	{"in_force", `现行有效(?:的)?(?:行政)?%s(\d+)\s*(?:件|份|部)`},
}

// proseRows are the rows of table 2 whose counts prose states, with the
// noun that names their documents (行政规范性文件 is matched by its tail).
var proseRows = []struct{ row, noun string }{
	{"normative_docs", "规范性文件"},
	{"regulations", "规章"},
}

var proseRegexps = func() map[string]*regexp.Regexp {
	out := map[string]*regexp.Regexp{}
	for _, r := range proseRows {
		for _, p := range proseCountPatterns {
			out["t2."+r.row+"."+p.col] = regexp.MustCompile(strings.ReplaceAll(p.pattern, "%s", r.noun))
		}
	}
	return out
}()

// proseNouns are the nouns of proseRows by the cells of their regexps.
var proseNouns = func() map[string]string {
	out := map[string]string{}
	for _, r := range proseRows {
		for _, p := range proseCountPatterns {
			out["t2."+r.row+"."+p.col] = r.noun
		}
	}
	return out
}()

// nounCount reports whether noun stands in text right before an ASCII
// digit, as in every statement a prose regexp matches ("规章3件"): a text
// without that needs no regexp run over it.
func nounCount(text, noun string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], noun)
		if j < 0 {
			return false
		}
		i += j + len(noun)
		if i < len(text) && chars.IsASCIIDigit(rune(text[i])) {
			return true
		}
	}
}

// proseLead is the most bytes a prose regexp matches before its noun: the
// longest verb (宣布失效), 了, 的 and 行政.
const proseLead = len("宣布失效") + len("了") + len("的") + len("行政")

// proseMatches is re.FindAllStringSubmatchIndex(text, -1) for a prose
// regexp of noun, run only around each place where noun stands right
// before an ASCII digit. Every match holds its noun once, so right before
// its (\d+), and starts at most proseLead bytes before it (none of the
// words before the noun holds it); it ends after the digits, the white
// space after them and a one-rune unit. So the window from proseLead
// bytes before that place (not before the last match's end) to there
// holds the match the whole text gives, and no other.
func proseMatches(re *regexp.Regexp, text, noun string) [][]int {
	var out [][]int
	last := 0 // end of the last match
	for i := 0; ; {
		j := strings.Index(text[i:], noun)
		if j < 0 {
			return out
		}
		q := i + j
		i = q + len(noun)
		if i >= len(text) || text[i] < '0' || text[i] > '9' {
			continue
		}
		hi := i
		for hi < len(text) && chars.IsASCIIDigit(rune(text[hi])) {
			hi++
		}
		for hi < len(text) && chars.IsHTMLSpace(rune(text[hi])) {
			hi++
		}
		hi = min(hi+utf8.UTFMax, len(text))
		lo := max(last, q-proseLead)
		m := re.FindStringSubmatchIndex(text[lo:hi])
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += lo
			}
		}
		out = append(out, m)
		last = m[1]
		i = max(i, last)
	}
}

// proseClaims finds the counts the text states for the cells refs. A cell
// stated twice with different counts is left out.
func proseClaims(text string, refs []string) map[string]proseClaim {
	out := map[string]proseClaim{}
	bad := map[string]bool{}
	for _, ref := range refs {
		re := proseRegexps[ref]
		if re == nil || !nounCount(text, proseNouns[ref]) {
			continue
		}
		for _, m := range proseMatches(re, text, proseNouns[ref]) {
			v := text[m[2]:m[3]]
			if c, ok := out[ref]; ok && c.value != v {
				bad[ref] = true
			}
			out[ref] = proseClaim{ref: ref, value: v, quote: text[m[0]:m[1]]}
		}
	}
	for ref := range bad {
		delete(out, ref)
	}
	return out
}

// reportProse is the text of r outside its tables read so far, its lines
// joined (a sentence wrapped in the middle of 行政规\n范性文件 still reads).
func reportProse(r *Report) string {
	var b strings.Builder
	n := len(r.Preamble)
	for _, s := range r.Sections {
		n += len(s.Text)
	}
	b.Grow(n)
	writeProse(&b, r.Preamble)
	for _, s := range r.Sections {
		writeProse(&b, s.Text)
	}
	return b.String()
}

// writeProse writes t to b without its CRs and LFs.
func writeProse(b *strings.Builder, t string) {
	for t != "" {
		j := strings.IndexAny(t, "\r\n")
		if j < 0 {
			b.WriteString(t)
			return
		}
		b.WriteString(t[:j])
		t = t[j+1:]
	}
}

// lazyProse returns reportProse(p.r), made on the first call only: most
// glued rows have one cut and never ask for it. Sections are only added
// (each after its tables), the preamble set before them, so the prose is
// extended by the sections added since the last call, not made again; a
// string returned before stays as it was (strings.Builder only appends).
func (p *parseState) lazyProse() func() string {
	return func() string {
		if p.proseOf == 0 {
			writeProse(&p.prose, p.r.Preamble)
			p.proseOf = 1
		}
		for ; p.proseOf <= len(p.r.Sections); p.proseOf++ {
			writeProse(&p.prose, p.r.Sections[p.proseOf-1].Text)
		}
		return p.prose.String()
	}
}

// settleByProse keeps, of a glued row's cuts, those that agree with the
// counts the report's text (prose()) states for its cells, each count that
// leaves some cuts and fewer than before; it returns the statements used.
func settleByProse(prose func() string, g *gluedRow) []string {
	if !g.complete || len(g.cands) < 2 {
		return nil
	}
	claims := proseClaims(prose(), g.refs)
	if len(claims) == 0 {
		return nil
	}
	// Each stated count in turn; one that no cut agrees with (the text and
	// the table disagree: corpus 011 says 393 in force, its run has no such
	// cut) is left out, and the validator's text-table rule reports it.
	var quotes []string
	for i, ref := range g.refs {
		cl, stated := claims[ref]
		if !stated {
			continue
		}
		var keep [][]string
		for _, c := range g.cands {
			if c[i] == cl.value {
				keep = append(keep, c)
			}
		}
		if len(keep) == 0 || len(keep) == len(g.cands) {
			continue
		}
		g.cands = keep
		quotes = append(quotes, "“"+cl.quote+"”")
	}
	return quotes
}

// agreed is, for each cell of a glued row whose cuts are all known, the
// value every cut gives it, or "" with ok false where they differ.
func agreed(g *gluedRow) (vals []string, ok []bool) {
	if !g.complete || len(g.cands) == 0 {
		return nil, nil
	}
	vals = append([]string(nil), g.cands[0]...)
	ok = make([]bool, len(vals))
	for i := range vals {
		ok[i] = true
		for _, c := range g.cands[1:] {
			if c[i] != vals[i] {
				ok[i] = false
			}
		}
	}
	return vals, ok
}

// settleBySums settles the glued run of table 3's （七）总计 row when no cut
// fits the row's own sums (the report's arithmetic is broken in that row)
// but the column sums of the result rows, all read, written one after
// another, are exactly its digits: the template's rule that 总计 is the sum
// of the results, column by column, then gives every cell, and the digits
// leave no other reading of them. Corpus 040: 总计 written 191000019 with
// 商业企业 1 left out of its own total 19; the result rows sum to
// 19 1 0 0 0 0 19. It reports whether it did.
func settleBySums(r *Report, g *gluedRow) bool {
	if len(g.cands) > 0 || len(g.refs) == 0 || !strings.HasPrefix(g.refs[0], "t3.total.") {
		return false
	}
	b, ok := schema.LookupBlock(r.Editions["t3"], "t3")
	if !ok {
		return false
	}
	digits, ok := foldDigits(g.text)
	if !ok {
		return false
	}
	sums := make([]string, len(g.refs))
	var all strings.Builder
	for i, ref := range g.refs {
		col, found := strings.CutPrefix(ref, "t3.total.")
		if !found {
			return false
		}
		var sum int64
		for _, row := range b.Rows {
			if len(row.Groups) == 0 || row.Name == "total" {
				continue
			}
			c, _ := r.Cell(b.Ref(row.Name, col))
			v, isInt := c.Int64()
			if c.Kind != Number || !isInt {
				return false
			}
			sum += v
		}
		sums[i] = strconv.FormatInt(sum, 10)
		all.WriteString(sums[i])
	}
	if all.String() != digits || !endsAt(sums, g.fixed) {
		return false
	}
	g.cands, g.complete, g.bySums = [][]string{sums}, true, true
	return true
}

// t4ProseRx reads a statement of one row of table 4 in the report's text,
// as section 一 often makes it: "政府信息公开行政复议351件，其中结果维持72件，
// 结果纠正64件，其他结果178件，尚未审结37件" (corpus 002). The row is named by
// its template label (行政复议, 未经复议直接起诉, 复议后起诉); 行政诉讼, which
// covers two rows, names none.
var t4ProseRx = regexp.MustCompile(`(行政复议|未经复议直接起诉|复议后起诉)\s*(\d+)\s*件\s*[，,]?\s*其中\s*[:：]?\s*` +
	`结果维持\s*(\d+)\s*件\s*[，,、]\s*结果纠正\s*(\d+)\s*件\s*[，,、]\s*其他结果\s*(\d+)\s*件\s*[，,、]\s*尚未审结\s*(\d+)\s*件`)

// t4ProseRows returns the rows of table 4 the text states in full, by row
// name: the counts in the block's column order (结果维持, 结果纠正, 其他结果,
// 尚未审结, 总计) and the statement. A row stated twice with other counts is
// left out.
func t4ProseRows(text string) map[string]proseRow {
	if !strings.Contains(text, "结果维持") {
		return nil // the common case, decided without the regexp
	}
	names := map[string]string{"行政复议": "review", "未经复议直接起诉": "suit_direct", "复议后起诉": "suit_after_review"}
	out := map[string]proseRow{}
	bad := map[string]bool{}
	for _, m := range t4ProseRx.FindAllStringSubmatch(text, -1) {
		row := names[m[1]]
		pr := proseRow{counts: []string{m[3], m[4], m[5], m[6], m[2]}, quote: m[0]}
		if old, ok := out[row]; ok && !slices.Equal(old.counts, pr.counts) {
			bad[row] = true
		}
		out[row] = pr
	}
	for row := range bad {
		delete(out, row)
	}
	return out
}

// proseRow is a row of a table as the report's text states it.
type proseRow struct {
	counts []string
	quote  string
}

// endsAt reports whether the cells of a cut end at each offset of fixed
// (the run's spaced cuts).
func endsAt(cells []string, fixed []int) bool {
	ends := map[int]bool{}
	at := 0
	for _, c := range cells {
		at += len(c)
		ends[at] = true
	}
	for _, f := range fixed {
		if !ends[f] {
			return false
		}
	}
	return true
}
