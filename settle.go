package nianbao

import (
	"regexp"
	"strings"
	"unicode/utf8"
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
		if i < len(text) && text[i] >= '0' && text[i] <= '9' {
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
		for hi < len(text) && text[hi] >= '0' && text[hi] <= '9' {
			hi++
		}
		for hi < len(text) && (text[hi] == ' ' || text[hi] == '\t' || text[hi] == '\n' || text[hi] == '\f' || text[hi] == '\r') {
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
	n := len(r.Preamble)
	for _, s := range r.Sections {
		n += len(s.Text)
	}
	b := make([]byte, 0, n)
	for i := -1; i < len(r.Sections); i++ {
		t := r.Preamble
		if i >= 0 {
			t = r.Sections[i].Text
		}
		for t != "" { // without its CRs and LFs
			j := strings.IndexAny(t, "\r\n")
			if j < 0 {
				b = append(b, t...)
				break
			}
			b = append(b, t[:j]...)
			t = t[j+1:]
		}
	}
	return string(b)
}

// lazyProse returns reportProse(p.r), made on the first call only: most
// glued rows have one cut and never ask for it. It is the same for every
// block of a section (its prose is added after its tables), so it is kept
// until a section is added.
func (p *parseState) lazyProse() func() string {
	return func() string {
		if p.proseOf != len(p.r.Sections)+1 {
			p.prose, p.proseOf = reportProse(p.r), len(p.r.Sections)+1
		}
		return p.prose
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
