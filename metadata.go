package nianbao

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
)

// titleMeta reads the agency and the year from a title such as
// "芜湖市医疗保障局 2023 年政府信息公开工作年度报告": the agency is what stands
// before the year, the year the first 19xx/20xx followed by 年.
func titleMeta(title string) (agency string, year int) {
	if title == "" {
		return "", 0
	}
	f := fold(title)
	y, at := findYear(f)
	if y == 0 {
		if i := strings.Index(f, "政府信息公开"); i > 0 {
			return cleanAgency(originalPrefix(title, f[:i])), 0
		}
		return "", 0
	}
	if a := cleanAgency(originalPrefix(title, f[:at])); a != "" || at > 0 {
		return a, y
	}
	// The year first: "2019年上海市人民政府办公厅政府信息公开工作年度报告".
	rest := strings.TrimPrefix(title[len(originalPrefix(title, f[:at+len("2019年")])):], "度")
	if i := strings.Index(rest, "政府信息公开"); i > 0 {
		return cleanAgency(rest[:i]), y
	}
	return "", y
}

// originalPrefix returns the prefix of s whose fold is folded (folding only
// drops and narrows runes, so the prefix is found by folding rune by rune).
func originalPrefix(s, folded string) string {
	want := utf8.RuneCountInString(folded)
	n, prev := 0, rune(0)
	for i, r := range s {
		if n == want {
			return s[:i]
		}
		if f, ok := foldRune(r, prev); ok {
			n++
			prev = f
		}
	}
	return s
}

// cleanAgency trims spaces and a trailing 关于 from an agency name.
func cleanAgency(s string) string {
	s = strings.TrimFunc(s, chars.IsSpace)
	// A field name before the title, as web pages and crawlers write it.
	for _, label := range crawlerLabels {
		s = strings.TrimPrefix(s, label)
	}
	s = strings.TrimSuffix(s, "关于")
	s = strings.TrimFunc(s, chars.IsSpace)
	if !isAgencyLine(s) {
		return ""
	}
	return s
}

// findYear finds the first year (1990–2099) followed by 年 in folded text and
// returns it with its byte offset.
func findYear(f string) (int, int) {
	for i := 0; i+4 < len(f); i++ {
		if (f[i] == '1' && f[i+1] == '9' || f[i] == '2' && f[i+1] == '0') && chars.IsASCIIDigit(rune(f[i+2])) && chars.IsASCIIDigit(rune(f[i+3])) &&
			strings.HasPrefix(f[i+4:], "年") && (i == 0 || !chars.IsASCIIDigit(rune(f[i-1]))) {
			y, _ := strconv.Atoi(f[i : i+4])
			if y >= 1990 {
				return y, i
			}
		}
	}
	return 0, -1
}

// firstYear is findYear(fold(s)) without folding all of a long s: it tries
// prefixes of s of growing length. The folded form of a prefix of s is a
// prefix of its folded form, and a year found in it with its 年 is the first
// one, since every earlier place was tested on the same folded runes.
func firstYear(s string) int {
	for n := 256; n < len(s); n *= 4 {
		k := n
		for !utf8.RuneStart(s[k]) {
			k--
		}
		if y, i := findYear(fold(s[:k])); i >= 0 {
			return y
		}
	}
	y, _ := findYear(fold(s))
	return y
}

// findPeriod returns the statistical period as written after one of the
// key words, e.g. "2023年1月1日至2023年12月31日".
func findPeriod(text string) string {
	// Every key starts with 统计: no key is found before the first one.
	i := strings.Index(text, "统计")
	if i < 0 {
		return ""
	}
	text = text[i:]
	for _, k := range statPeriodKeys {
		i := strings.Index(text, k)
		if i < 0 {
			continue
		}
		rest := text[i+len(k):]
		// Skip to the first digit.
		j := strings.IndexFunc(rest, chars.IsDigit)
		if j < 0 || j > 12 {
			continue
		}
		rest = rest[j:]
		end := strings.IndexFunc(rest, func(r rune) bool {
			return strings.ContainsRune("。；;，,）)\n", r)
		})
		if end >= 0 {
			rest = rest[:end]
		}
		rest = strings.TrimFunc(rest, chars.IsSpace)
		if strings.Contains(rest, "年") {
			return rest
		}
	}
	return ""
}

// agencyFromSentence finds the agency in an opening sentence such as
// "由芜湖市医疗保障局根据…编制" or "XX局根据《条例》…". Sentences that
// say 我局 or 本单位 name nobody.
func agencyFromSentence(text string) string {
	for _, line := range strings.Split(text, "\n") {
		sentence, _, _ := strings.Cut(line, "。")
		for _, key := range []string{"根据", "按照", "依据"} {
			i := strings.Index(sentence, key)
			if i <= 0 {
				continue
			}
			cand := sentence[:i]
			if j := strings.LastIndex(cand, "由"); j >= 0 {
				cand = cand[j+len("由"):]
			} else if chars.ContainsAny(cand, "，,、；（(《") {
				continue
			}
			cand = strings.TrimFunc(cand, chars.IsSpace)
			if strings.HasPrefix(cand, "我") || strings.HasPrefix(cand, "本") {
				continue
			}
			if a := cleanAgency(cand); a != "" {
				return a
			}
		}
		// "2025年，平潭综合实验区坚持以…": the sentence's subject.
		// (The pattern starts with a year: most sentences are told without it.)
		if t := strings.TrimLeftFunc(sentence, chars.IsHTMLSpace); !strings.HasPrefix(t, "19") && !strings.HasPrefix(t, "20") {
			continue
		}
		if m := subjectAgency.FindStringSubmatch(sentence); m != nil && !strings.HasPrefix(m[1], "我") && !strings.HasPrefix(m[1], "本") {
			if a := cleanAgency(m[1]); a != "" {
				return a
			}
		}
	}
	return ""
}

// subjectAgency matches an opening sentence whose subject, after the year,
// is the agency: "2025年，平潭综合实验区坚持以习近平…", the subject followed
// by one of openingVerbs.
var subjectAgency = regexp.MustCompile(`^\s*(?:19|20)\d\d\s*年度?\s*[，,]\s*(\p{Han}{2,24}?)(?:` + quoteAlternatives(openingVerbs) + `)`)

// quoteAlternatives writes words as the alternatives of a regular
// expression, in their order.
func quoteAlternatives(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(q, "|")
}

// metadata fills agency, year, period and publication date.
func (p *parseState) metadata(agency string, year int, sig []lineInfo) {
	r := p.r
	var sec1 string
	if s, ok := r.Section(1); ok {
		sec1 = s.Text
	}
	if agency == "" {
		agency = agencyFromSentence(r.Preamble)
	}
	if agency == "" && sec1 != "" {
		first, _, _ := strings.Cut(sec1, "\n")
		agency = agencyFromSentence(first)
	}
	if agency == "" && len(sig) > 0 {
		for _, li := range sig {
			if c := p.src.str(li.content); isAgencyLine(c) {
				agency = strings.TrimFunc(c, chars.IsSpace)
				break
			}
		}
	}
	r.Agency = agency
	r.Period = findPeriod(r.Preamble)
	if r.Period == "" {
		r.Period = findPeriod(sec1)
	}
	if year == 0 && r.Period != "" {
		year, _ = findYear(fold(r.Period))
	}
	if year == 0 && sec1 != "" {
		year = firstYear(sec1)
	}
	r.Year = year
	if n := len(sig); n > 0 {
		if c := p.src.str(sig[n-1].content); isDateLine(c) {
			r.Published = strings.TrimFunc(c, chars.IsSpace)
		}
	}
}
