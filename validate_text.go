package nianbao

// The rules that read the report's prose: numbers stated in the text
// against the tables (text-table), the years it names (year-period,
// year-text, year-signed), the statement of the period (no-period), and the
// sections' headings and numbers (missing-section, section-heading,
// section-number).

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// prose is a piece of the report's text and where it stands.
type prose struct {
	heading string // the section's heading; "" for the preamble, a cell or the signature
	where   string // how messages name it when heading is "": "正文"
	whereEN string
	text    string
	pos     Position
}

// texts returns the report's prose: the preamble, every section, the
// signature, and text the parser read into a table cell after its number
// (web text whose next paragraph ran into the last cell of a table).
func (v *validation) texts() []prose {
	if v.prose != nil {
		return v.prose
	}
	out := []prose{{where: "正文", whereEN: "the text", text: v.r.Preamble}}
	for _, s := range v.r.Sections {
		out = append(out, prose{heading: s.Heading, text: s.Text, pos: s.Pos})
	}
	out = append(out, prose{where: "落款", whereEN: "the signature", text: v.r.Signature})
	for _, sc := range v.catalogCells() {
		if c, _ := v.r.Cell(sc.Ref); c.Kind == Text && proseAfterNumber.MatchString(c.Value) {
			out = append(out, prose{where: "正文", whereEN: "the text", text: c.Value, pos: c.Pos})
		}
	}
	// A paragraph the parser could not place (web text whose paragraph
	// ran on from a table) is the report's text all the same.
	for _, f := range v.r.Unrecognized {
		if hanCount(f.Text) >= 10 {
			out = append(out, prose{where: "正文", whereEN: "the text", text: f.Text, pos: f.Pos})
		}
	}
	v.prose = out
	return out
}

// hanCount counts the Chinese characters of s.
func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// proseAfterNumber matches a cell's text that is a number followed by a
// paragraph of the report (at least six Chinese characters).
var proseAfterNumber = regexp.MustCompile(`^\s*[+＋]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?\s+\S*(?:\p{Han}\S*){6,}`)

// joinLines removes the line breaks (with the white space around them) a
// PDF puts inside sentences, so that a phrase broken across lines is found.
func joinLines(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	var b strings.Builder
	for i, line := range strings.Split(s, "\n") {
		t := strings.TrimFunc(line, chars.IsAnySpace)
		if i > 0 && t != "" && b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(t)
			if last < utf8.RuneSelf && first < utf8.RuneSelf {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
	}
	return b.String()
}

// A stated number: digits (ASCII or full width) and a measure word.
const claimNumber = `([0-9０-９]+)\s*(?:件|条|起|宗)`

// A stated number of requests handled one way: 件 only ("不予公开信息41条"
// counts documents not published, not requests refused).
const requestNumber = `([0-9０-９]+)\s*件`

// gap is what may stand between a key phrase and its number: a few
// characters that are not clause punctuation or digits.
const gap = `[^。；;，,、：:（）()0-9０-９%％]{0,12}?`

// shortGap is a gap of a few characters.
const shortGap = `[^。；;，,、：:（）()0-9０-９%％]{0,6}?`

// textClaim is a kind of number that report texts state about the tables.
type textClaim struct {
	re *regexp.Regexp // ends with the number, anchored at the end of the text it is tried on
	// alts returns the sums the stated number may be, given the match's
	// submatches: the claim agrees with the tables when it equals any.
	alts   func(v *validation, m []string) [][]string
	zh, en string
	// notAfter are words that, just before the key phrase, make it part of
	// another ("不予" before "公开答复").
	notAfter []string
	// keys are words one of which every match has: a text without any is
	// not tried.
	keys []string
}

// claimRe compiles a claim's pattern to match only at the end of the text
// it is tried on, which ends with the stated number.
func claimRe(pattern string) *regexp.Regexp { return regexp.MustCompile(`(?:` + pattern + `)$`) }

// fixed returns an alts function that gives the same sums for every match.
func fixed(alts ...[]string) func(*validation, []string) [][]string {
	return func(*validation, []string) [][]string { return alts }
}

// rowsTotal returns, as one sum, the 总计 cells of table 3's rows whose
// names start with prefix in the report's edition: "denied_" gives the
// eight rows of （三）不予公开.
func rowsTotal(v *validation, prefix string) []string {
	b, ok := v.block("t3")
	if !ok {
		return nil
	}
	var refs []string
	for _, r := range b.Rows {
		if strings.HasPrefix(r.Name, prefix) {
			refs = append(refs, b.Ref(r.Name, "total"))
		}
	}
	return refs
}

// group returns an alts function for a result group of table 3: the sum of
// its rows, or the subtotal row an agency added.
func group(prefix, subtotal string) func(*validation, []string) [][]string {
	return func(v *validation, _ []string) [][]string {
		alts := [][]string{rowsTotal(v, prefix)}
		if subtotal != "" {
			alts = append(alts, []string{"t3." + subtotal + ".total"})
		}
		return alts
	}
}

// docRows returns the alts of a table 2 statement about documents: the row
// it names, or when it names none, either row or both.
func docRows(col string) func(*validation, []string) [][]string {
	return func(_ *validation, m []string) [][]string {
		switch {
		case strings.Contains(m[1], "规章"):
			return [][]string{{"t2.regulations." + col}}
		case strings.Contains(m[1], "规范性文件"):
			return [][]string{{"t2.normative_docs." + col}}
		}
		return [][]string{{"t2.regulations." + col}, {"t2.normative_docs." + col}, {"t2.regulations." + col, "t2.normative_docs." + col}}
	}
}

// textClaims are tried in order; a number one claim has read is not read
// again by a later one ("予以公开及部分公开258件" is not also "部分公开258件";
// "不予公开答复3件" is not a number of replies).
var textClaims = []textClaim{
	{re: claimRe(`(?:予以公开|同意公开|全部公开)(?:及|和|、|与|以及)部分公开` + gap + requestNumber),
		alts: fixed([]string{"t3.granted.total", "t3.partial.total"}),
		zh:   "（一）予以公开与（二）部分公开之和", en: "table 3's （一）予以公开 + （二）部分公开 (总计)", keys: []string{"部分公开"}},
	{re: claimRe(`(予以公开|同意公开|全部公开|公开答复)` + gap + requestNumber),
		alts: fixed([]string{"t3.granted.total"}), zh: "（一）予以公开", en: "table 3's （一）予以公开 (总计)",
		notAfter: []string{"不予", "部分", "不"}, keys: []string{"予以公开", "同意公开", "全部公开", "公开答复"}},
	{re: claimRe(`(部分公开|区分处理后?公开|区分处理)` + gap + requestNumber),
		alts: fixed([]string{"t3.partial.total"}), zh: "（二）部分公开", en: "table 3's （二）部分公开 (总计)", keys: []string{"部分公开", "区分处理"}},
	{re: claimRe(`(不予公开)` + gap + requestNumber), alts: group("denied_", "denied"),
		zh: "（三）不予公开各行之和", en: "the sum of table 3's rows of （三）不予公开 (总计)", keys: []string{"不予公开"}},
	{re: claimRe(`(无法提供)` + gap + requestNumber), alts: group("unavailable_", "unavailable"),
		zh: "（四）无法提供各行之和", en: "the sum of table 3's rows of （四）无法提供 (总计)", keys: []string{"无法提供"}},
	{re: claimRe(`(不予处理)` + gap + requestNumber), alts: group("rejected_", "rejected"),
		zh: "（五）不予处理各行之和", en: "the sum of table 3's rows of （五）不予处理 (总计)", keys: []string{"不予处理"}},
	{re: claimRe(`(其他处理)` + gap + requestNumber),
		alts: func(v *validation, m []string) [][]string {
			return [][]string{{"t3.other.total"}, rowsTotal(v, "other_")}
		}, zh: "（六）其他处理", en: "table 3's （六）其他处理 (总计, the sum of its rows)", keys: []string{"其他处理"}},
	{re: claimRe(`(新收)` + gap + claimNumber), alts: fixed([]string{"t3.new.total"}),
		zh: "一、本年新收政府信息公开申请数量", en: "table 3's 一、本年新收 (总计)", keys: []string{"新收"}},
	// "共收到政府信息公开申请34件": some count the carry-over in, so either sum agrees.
	{re: claimRe(`(收到|受理|接收|接到)` + gap + `申请` + gap + claimNumber),
		alts: fixed([]string{"t3.new.total"}, []string{"t3.new.total", "t3.carried_over.total"}),
		zh:   "一、本年新收政府信息公开申请数量", en: "table 3's 一、本年新收 (总计)", keys: []string{"申请"}},
	{re: claimRe(`((?:上一?年度?|去年)结转)` + gap + claimNumber), alts: fixed([]string{"t3.carried_over.total"}),
		zh: "二、上年结转政府信息公开申请数量", en: "table 3's 二、上年结转 (总计)", keys: []string{"结转"}},
	{re: claimRe(`((?:结转|转入|转)(?:(?:至|到)?下一?年度?|(?:至|到)[0-9０-９]{4}年度?))` + gap + claimNumber), alts: fixed([]string{"t3.carried_forward.total"}),
		zh: "四、结转下年度继续办理", en: "table 3's 四、结转下年度继续办理 (总计)", keys: []string{"转"}},
	{re: claimRe(`(办结|答复)` + shortGap + claimNumber), alts: fixed([]string{"t3.total.total"}),
		zh: "（七）总计", en: "table 3's （七）总计 (总计)", keys: []string{"办结", "答复"}},
	{re: claimRe(`(行政复议)` + `[^。；;，,、：:（）()0-9０-９诉讼和与及]{0,10}?` + claimNumber), alts: fixed([]string{"t4.review.total"}),
		zh: "表四行政复议总计", en: "table 4's 行政复议 (总计)", keys: []string{"行政复议"}},
	{re: claimRe(`(行政诉讼)` + `[^。；;，,、：:（）()0-9０-９复议和与及]{0,10}?` + claimNumber),
		alts: fixed([]string{"t4.suit_direct.total", "t4.suit_after_review.total"}),
		zh:   "表四行政诉讼总计（未经复议直接起诉 + 复议后起诉）", en: "table 4's 行政诉讼 (总计 of 未经复议直接起诉 + 复议后起诉)", keys: []string{"行政诉讼"}},
	// Table 2: documents issued, repealed, in force.
	{re: claimRe(`(?:制发|印发|出台)` + shortGap + `(行政规范性文件|规范性文件|规章)` + shortGap + claimNumber), alts: docRows("issued"),
		zh: "表二本年制发件数", en: "table 2's 本年制发件数", keys: []string{"规章", "规范性文件"}},
	{re: claimRe(`废止` + shortGap + `(行政规范性文件|规范性文件|规章)?` + shortGap + claimNumber), alts: docRows("repealed"),
		zh: "表二本年废止件数", en: "table 2's 本年废止件数", keys: []string{"废止"}},
	{re: claimRe(`现行有效(?:的)?` + shortGap + `(行政规范性文件|规范性文件|规章)?` + shortGap + claimNumber), alts: docRows("in_force"),
		zh: "表二现行有效件数", en: "table 2's 现行有效件数", keys: []string{"现行有效"}},
}

// claimSum is what the tables say of a sum: its value when every cell is a
// number, or only a lower bound when some are blank (counts are never
// negative, so a stated number below the bound disagrees for sure).
type claimSum struct {
	value    *big.Rat
	complete bool
}

// sumAtLeast returns the sum of the cells, or the lower bound the numbers
// among them give: a blank 总计 of table 3 counts as the sum of its row's
// applicant cells that are numbers. ok is false when a cell is not
// something to add (text, unread, missing) or its row was not read whole.
func (v *validation) sumAtLeast(refs []string) (claimSum, bool) {
	s := claimSum{value: new(big.Rat), complete: true}
	if len(refs) == 0 {
		return s, false
	}
	for _, ref := range refs {
		if x, ok := v.num(ref); ok {
			s.value.Add(s.value, x)
			continue
		}
		ci := v.info(ref)
		if ci.state != stBlank || v.unreadRows[rowKeyOf(ref)] {
			return s, false
		}
		s.complete = false
		if !strings.HasPrefix(ref, "t3.") || !strings.HasSuffix(ref, ".total") {
			continue
		}
		b, _ := v.block("t3")
		row := rowOfRef(ref)
		for _, c := range b.Columns {
			if c.Name == "total" {
				continue
			}
			if x, ok := v.num(b.Ref(row, c.Name)); ok {
				s.value.Add(s.value, x)
			}
		}
	}
	return s, true
}

// statedNumbers returns where the text states numbers with a measure word
// ("17 件"), each as [start, end): every one is tried against the claims on
// the text just before it. A scan for the measure words, not a regular
// expression: a report's text can be long.
func statedNumbers(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r != '件' && r != '条' && r != '起' && r != '宗' {
			i += n
			continue
		}
		end := i + n
		j := i
		for j > 0 { // white space between the number and the word
			c, w := utf8.DecodeLastRuneInString(text[:j])
			if !chars.IsAnySpace(c) {
				break
			}
			j -= w
		}
		k := j
		for k > 0 {
			c, w := utf8.DecodeLastRuneInString(text[:k])
			if !chars.IsDigit(c) {
				break
			}
			k -= w
		}
		if k < j {
			out = append(out, [2]int{k, end})
		}
		i = end
	}
	return out
}

// claimReach is how far before a stated number a claim's words may start:
// a key phrase, two gaps of twelve characters and 申请.
const claimReach = 48

func checkTextNumbers(v *validation) {
	for _, src := range v.texts() {
		text := joinLines(src.text)
		for _, n := range statedNumbers(text) {
			from := n[0]
			for k := 0; k < claimReach && from > 0; k++ {
				_, w := utf8.DecodeLastRuneInString(text[:from])
				from -= w
			}
			window := text[from:n[1]]
			for i := range textClaims {
				tc := &textClaims[i]
				if !slices.ContainsFunc(tc.keys, func(k string) bool { return strings.Contains(window, k) }) {
					continue
				}
				m := tc.re.FindStringSubmatchIndex(window)
				if m == nil || slices.ContainsFunc(tc.notAfter, func(w string) bool { return strings.HasSuffix(text[:from+m[0]], w) }) {
					continue
				}
				sub := make([]string, len(m)/2)
				for k := range sub {
					if m[2*k] >= 0 {
						sub[k] = window[m[2*k]:m[2*k+1]]
					}
				}
				v.textClaim(src, tc, sub, collapse(window[m[0]:m[1]]))
				break // a number is read by the first claim that reads it
			}
		}
	}
}

// textClaim checks one stated number against the sums the claim may be.
func (v *validation) textClaim(src prose, tc *textClaim, sub []string, quote string) {
	stated, ok := normalizeNumber(sub[len(sub)-1])
	if !ok || digits(stated) > maxDigits {
		return
	}
	want, _ := new(big.Rat).SetString(stated)
	alts := tc.alts(v, sub)
	var got claimSum
	var cells []string
	agrees, decided, undecided := false, false, false
	for _, alt := range alts {
		s, ok := v.sumAtLeast(alt)
		if !ok {
			continue
		}
		switch {
		case s.complete && s.value.Cmp(want) == 0:
			agrees = true
		case s.complete || want.Cmp(s.value) < 0:
			if !decided {
				got, cells = s, alt
			}
			decided = true
		default:
			undecided = true
		}
	}
	if !decided || agrees || undecided {
		return
	}
	where, whereEN := src.where, src.whereEN
	if src.heading != "" {
		where, whereEN = "“"+src.heading+"”", "section "+src.heading
	}
	is, isEN := "是", "is"
	if !got.complete {
		is, isEN = "至少是", "is at least"
	}
	v.add("text-table", cells,
		fmt.Sprintf("%s写“%s”，表格中%s%s %s", where, quote, tc.zh, is, ratString(got.value)),
		fmt.Sprintf("%s says %q but %s %s %s", whereEN, quote, tc.en, isEN, ratString(got.value)))
}

// yearRe matches a year: "2023年", "2023 年".
var yearRe = regexp.MustCompile(`(20[0-9]{2})\s*年`)

// titleYear returns the year the title names, or 0.
func titleYear(title string) int {
	m := yearRe.FindStringSubmatch(title)
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	return y
}

// periodRe matches a statement of the statistical period in any of the
// wordings reports use, the first year it names in group 1.
var periodRe = regexp.MustCompile(`(?:统计(?:期限|周期|时限|时间段|时间|区间|范围)|数据(?:的)?(?:时间段|时段|期间)|报告期|时间段)[^。；;]{0,20}?(20[0-9]{2})\s*年`)

// statedPeriod returns the statement of the period the report's text
// makes, the parser's Period or a sentence in any wording, and its year.
func (v *validation) statedPeriod() (string, int) {
	if v.period == nil {
		p, y := v.findPeriod()
		v.period = &statedPeriod{p, y}
	}
	return v.period.text, v.period.year
}

// statedPeriod is the statement of the period and its year, once found.
type statedPeriod struct {
	text string
	year int
}

func (v *validation) findPeriod() (string, int) {
	if p := strings.TrimSpace(v.r.Period); p != "" {
		if m := yearRe.FindStringSubmatch(p); m != nil {
			y, _ := strconv.Atoi(m[1])
			return p, y
		}
		return p, 0
	}
	for _, src := range v.texts() {
		text := squeezeName(src.text)
		if m := periodRe.FindStringSubmatchIndex(text); m != nil {
			y, _ := strconv.Atoi(text[m[2]:m[3]])
			end := min(len(text), m[1]+40)
			for end < len(text) && !utf8.RuneStart(text[end]) {
				end++
			}
			stmt := text[m[0]:end]
			if i := chars.IndexAny(stmt, "。；;"); i > 0 {
				stmt = stmt[:i]
			}
			return stmt, y
		}
	}
	return "", 0
}

// checkPeriod reports a report that does not state its statistical period
// in any wording (统计期限, 统计周期, 统计数据时间段…, even broken across
// lines). It is information: the sentence is a convention, not part of the
// template.
func checkPeriod(v *validation) {
	if p, _ := v.statedPeriod(); p != "" {
		return
	}
	v.add("no-period", nil, "报告没有说明统计期限（惯例是“本报告中所列数据的统计期限为2023年1月1日至2023年12月31日”，模板未作要求）",
		"the report does not state its statistical period (by convention, 本报告中所列数据的统计期限为2023年1月1日至2023年12月31日; the template does not ask for it)")
}

func checkYearPeriod(v *validation) {
	ty := titleYear(v.r.Title)
	p, py := v.statedPeriod()
	if ty == 0 || py == 0 || ty == py {
		return
	}
	v.add("year-period", nil,
		fmt.Sprintf("标题是 %d 年的报告，统计期限却是“%s”", ty, p),
		fmt.Sprintf("the title reports on %d but the statistical period is %q", ty, p))
	v.placeLast(v.firstPos())
}

// firstPos returns the position of the report's first section, if any.
func (v *validation) firstPos() Position {
	for _, s := range v.r.Sections {
		if s.Pos.IsValid() {
			return s.Pos
		}
	}
	return Position{}
}

// yearClauseRe matches a clause that opens with a year: "2023年，在主动公开的…".
var yearClauseRe = regexp.MustCompile(`(20[0-9]{2})\s*年度?\s*[，,]([^。；;]*)`)

// notThisYear are the words of a clause that names another year on
// purpose: plans for the next year, comparisons, spans of time.
var notThisYear = regexp.MustCompile(`将|计划|拟|力争|下一步|继续|同比|相比|比|较|去年|上年|上一年|以来|以前|之前|至今|截至|截止|结转|起|至|到|期间|分别`)

// checkYearText reports a clause that tells of another year as the
// report's own: one that opens with a year other than the report's and is
// no plan, comparison or span of time.
func checkYearText(v *validation) {
	y := v.r.Year
	if y == 0 {
		return
	}
	for _, src := range v.texts() {
		if !strings.Contains(src.text, "年，") && !strings.Contains(src.text, "年度，") && !strings.Contains(src.text, "年,") &&
			!strings.Contains(src.text, "年 ，") {
			continue
		}
		text := joinLines(src.text)
		for _, m := range yearClauseRe.FindAllStringSubmatchIndex(text, -1) {
			n, _ := strconv.Atoi(text[m[2]:m[3]])
			clause := text[m[4]:m[5]]
			if n == y || notThisYear.MatchString(clause) || strings.Contains(clause, strconv.Itoa(y)) {
				continue
			}
			quote := truncRunes(collapse(text[m[0]:m[1]]), 40)
			where, whereEN := src.where, src.whereEN
			if src.heading != "" {
				where, whereEN = "“"+src.heading+"”", "section "+src.heading
			}
			v.add("year-text", nil,
				fmt.Sprintf("%d 年的报告在%s中写“%s”，把 %d 年当作本年度叙述", y, where, quote, n),
				fmt.Sprintf("a report on %d says in %s %q, telling of %d as its own year", y, whereEN, quote, n))
			v.placeLast(src.pos)
		}
	}
}

// dateRe matches a date: "2021年1月25日".
var dateRe = regexp.MustCompile(`(20[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日`)

// checkYearSigned reports a report dated before the year it reports on
// ended: the date that closes it (the signature, or the last words of its
// last section) is in that year or earlier.
func checkYearSigned(v *validation) {
	y := v.r.Year
	if y == 0 {
		return
	}
	tail := v.r.Published + "\n" + v.r.Signature
	var pos Position
	if strings.TrimSpace(tail) == "" && len(v.r.Sections) > 0 {
		last := v.r.Sections[len(v.r.Sections)-1]
		t := []rune(joinLines(last.Text))
		tail = string(t[max(0, len(t)-80):])
		pos = last.Pos
	}
	ms := dateRe.FindAllStringSubmatch(tail, -1)
	if len(ms) == 0 {
		return
	}
	m := ms[len(ms)-1]
	n, _ := strconv.Atoi(m[1])
	if n > y {
		return
	}
	v.add("year-signed", nil,
		fmt.Sprintf("%d 年的报告落款日期是“%s”，在报告年度结束之前", y, squeezeName(m[0])),
		fmt.Sprintf("a report on %d is dated %q, before the year it reports on ended", y, squeezeName(m[0])))
	v.placeLast(pos)
}

// headingNumber returns the number a heading starts with ("二、…" → 2), or 0.
func headingNum(h string) int {
	h = strings.TrimLeftFunc(h, func(r rune) bool { return chars.IsAnySpace(r) || r == '#' || r == '*' })
	r, n := utf8.DecodeRuneInString(h)
	v := chars.NumeralValue(r)
	if v == 0 || !strings.HasPrefix(h[n:], "、") {
		return 0
	}
	return v
}

// sectionContent are words by which a template section's content is known
// when its heading is lost: the two halves of section 5's title, section
// 6's fees.
var sectionContent = map[int][][]string{
	5: {{"问题", "不足", "差距"}, {"改进", "整改", "措施"}},
	6: {{"信息处理费", "其他需要报告"}},
}

// headingWords are words a heading of each template section has, however
// it is worded: a numbered line without one is a point of the section's
// text ("五、政府信息管理" in section 1), not the heading of section 5.
var headingWords = map[int][]string{
	1: {"总体", "概述"},
	2: {"主动公开"},
	3: {"申请"},
	4: {"复议", "诉讼"},
	5: {"问题", "改进", "整改", "不足"},
	6: {"其他", "事项", "说明"},
}

// headingIn finds a heading "六、…" with the given number inside a section's
// text: at the start of a line or after the end of a sentence. It returns the
// heading as written, cut where the text after it begins.
func headingIn(text string, n int) (string, bool) {
	num := chars.Numeral(n) + "、"
	for from := 0; ; {
		i := strings.Index(text[from:], num)
		if i < 0 {
			return "", false
		}
		i += from
		from = i + len(num)
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		if i > 0 && !chars.IsAnySpace(before) && !strings.ContainsRune("。；;！!>）)", before) {
			continue
		}
		rest := []rune(text[from:])
		end := 0
		for end < len(rest) && end < 24 && !chars.IsAnySpace(rest[end]) && !strings.ContainsRune("。，,：:；;《（(0123456789０１２３４５６７８９", rest[end]) {
			end++
		}
		h := string(rest[:end])
		for _, w := range []string{"按照", "根据", "依据", "本年度", "今年", "我局", "我委", "我办", "全年", "本机关"} {
			if k := strings.Index(h, w); k > 0 {
				h = h[:k]
			}
		}
		if utf8.RuneCountInString(h) < 2 || !slices.ContainsFunc(headingWords[n], func(w string) bool { return strings.Contains(h, w) }) {
			continue
		}
		return num + h, true
	}
}

// checkSections reports each template section the report lacks: a
// warning (section-heading) when the section is there under another heading
// (the same number heads something else, also inside another section's text)
// or its content is there under another section without a heading; an
// error (missing-section) when neither its heading nor its content is.
func checkSections(v *validation) {
	for _, s := range schema.Sections {
		if _, ok := v.r.Section(s.Number); ok {
			continue
		}
		num, _, _ := strings.Cut(s.Heading, "、")
		if i := slices.IndexFunc(v.r.Sections, func(t Section) bool {
			return t.Number == 0 && headingNum(t.Heading) == s.Number
		}); i >= 0 {
			t := v.r.Sections[i]
			v.add("section-heading", nil, fmt.Sprintf("第%s部分的标题是“%s”，模板要求“%s”", num, t.Heading, s.Heading),
				fmt.Sprintf("section %d is headed %q; the template asks for %q", s.Number, t.Heading, s.Heading))
			v.placeLast(t.Pos)
			continue
		}
		found := false
		for _, t := range v.r.Sections {
			if h, ok := headingIn(t.Text, s.Number); ok {
				v.add("section-heading", nil,
					fmt.Sprintf("第%s部分的标题是“%s”（写在“%s”之中），模板要求“%s”", num, h, t.Heading, s.Heading),
					fmt.Sprintf("section %d is headed %q (inside %q); the template asks for %q", s.Number, h, t.Heading, s.Heading))
				v.placeLast(t.Pos)
				found = true
				break
			}
		}
		if found {
			continue
		}
		if words, ok := sectionContent[s.Number]; ok {
			for i, t := range v.r.Sections {
				if t.Number != s.Number-1 && (t.Number != 0 || t.Text == "") {
					continue
				}
				// The section's text, and what the parser could not place
				// under its heading (text it took for part of a table).
				text, at := t.Text, t.Pos
				var end Position
				if i+1 < len(v.r.Sections) {
					end = v.r.Sections[i+1].Pos
				}
				for _, f := range v.r.Unrecognized {
					if t.Pos.IsValid() && posLess(t.Pos, f.Pos) && (!end.IsValid() || posLess(f.Pos, end)) {
						if at == t.Pos && hasAll(f.Text, words[:1]) {
							at = f.Pos
						}
						text += "\n" + f.Text
					}
				}
				if hasAll(text, words) {
					v.add("section-heading", nil,
						fmt.Sprintf("第%s部分“%s”没有标题：它的内容写在“%s”之下", num, s.Heading, t.Heading),
						fmt.Sprintf("section %d %s has no heading: its content stands under %q", s.Number, s.Heading, t.Heading))
					v.placeLast(at)
					found = true
					break
				}
			}
		}
		if found {
			continue
		}
		v.add("missing-section", nil, "缺少第"+num+"部分“"+s.Heading+"”",
			fmt.Sprintf("section %d %s is missing", s.Number, s.Heading))
	}
}

// hasAll reports whether text has a word of every group.
func hasAll(text string, groups [][]string) bool {
	for _, g := range groups {
		if !slices.ContainsFunc(g, func(w string) bool { return strings.Contains(text, w) }) {
			return false
		}
	}
	return true
}

// checkSectionNumbers reports two sections headed with one number.
func checkSectionNumbers(v *validation) {
	seen := map[int]Section{}
	for _, s := range v.r.Sections {
		n := headingNum(s.Heading)
		if n == 0 {
			continue
		}
		first, dup := seen[n]
		if !dup {
			seen[n] = s
			continue
		}
		var off []string
		for _, t := range v.r.Sections {
			if t.Number > 0 && headingNum(t.Heading) > 0 && headingNum(t.Heading) != t.Number && posLess(s.Pos, t.Pos) {
				off = append(off, "“"+t.Heading+"”")
			}
		}
		after, afterEN := "", ""
		if len(off) > 0 {
			after = "；其后" + strings.Join(off, "、") + "的序号与模板错开"
			afterEN = "; after it " + strings.Join(off, ", ") + " are numbered off the template"
		}
		num := chars.Numeral(n) + "、"
		v.add("section-number", nil,
			fmt.Sprintf("“%s”和“%s”都编号为“%s”%s", first.Heading, s.Heading, num, after),
			fmt.Sprintf("%q and %q are both numbered %s%s", first.Heading, s.Heading, num, afterEN))
		v.placeLast(s.Pos)
	}
}
