package nianbao

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/opengovcn/nianbao/schema"
)

// Sentinel errors. Every error and warning the package reports wraps one of
// them, so callers can test for a condition with errors.Is.
var (
	// ErrNotAReport: the input is not an annual report on government
	// information disclosure at all (empty, a news article, binary data).
	ErrNotAReport = errors.New("not an annual report on government information disclosure")
	// ErrEncoding: the input's bytes cannot be read as UTF-8 or GB18030.
	ErrEncoding = errors.New("unreadable text encoding")
	// ErrUnsupportedFormat: the input is a format nianbao does not read
	// directly (PDF, Word, an image).
	ErrUnsupportedFormat = errors.New("unsupported input format")
	// ErrUnknownCell: a cell reference that names no cell.
	ErrUnknownCell = errors.New("unknown cell reference")
	// ErrBadCell: a cell whose value does not fit its kind.
	ErrBadCell = errors.New("invalid cell")
	// ErrInvalid: the report breaks a validation rule; every [Finding]
	// wraps it.
	ErrInvalid = errors.New("report breaks a validation rule")
	// ErrBadNumber: text that should be a number and is not one.
	ErrBadNumber = errors.New("invalid number")
	// ErrRepaired: the parser repaired or guessed something (a label broken
	// across lines, a row read by position). A warning unless the parser
	// is strict.
	ErrRepaired = errors.New("repaired input")
	// ErrUnrecognized: text the parser kept but could not place.
	ErrUnrecognized = errors.New("unrecognized text")
	// ErrMissing: a table, row or section the template requires is missing.
	ErrMissing = errors.New("missing from the report")
	// ErrAmbiguous: the input can be read in more than one way and the
	// parser did not choose.
	ErrAmbiguous = errors.New("ambiguous input")
)

// Severity says how serious a diagnostic is.
type Severity uint8

// Severities. A warning is the zero Severity. An info finding is about a
// convention rather than the template (no statement of the period) or asks
// for a look rather than a fix (prose copied from last year's report); it
// never fails a check, not even with -strict.
const (
	SeverityWarning Severity = iota
	SeverityError
	SeverityInfo
)

// String returns "warning", "error" or "info".
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityInfo:
		return "info"
	}
	return "warning"
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "warning":
		*s = SeverityWarning
	case "error":
		*s = SeverityError
	case "info":
		*s = SeverityInfo
	default:
		return fmt.Errorf("nianbao: unknown severity %q", b)
	}
	return nil
}

// Diagnostic is a positioned message from the parser: a warning about
// something repaired or guessed, or an error. It implements error; Unwrap
// returns the sentinel it wraps.
type Diagnostic struct {
	File     string   `json:"file,omitempty"`
	Pos      Position `json:"pos,omitzero"`
	Severity Severity `json:"severity"`
	// Ref is the cell reference or section the diagnostic is about, if any.
	Ref string `json:"ref,omitempty"`
	// Msg is the message in plain words.
	Msg string `json:"message"`
	Err error  `json:"-"`
}

// Error returns "file:line:col: severity: message".
func (d *Diagnostic) Error() string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(d.File)
		b.WriteByte(':')
	}
	if d.Pos.IsValid() {
		b.WriteString(d.Pos.String())
		b.WriteByte(':')
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Msg)
	return b.String()
}

// Equal reports whether two diagnostics say the same thing at the same place.
// It compares sentinels with errors.Is, so a diagnostic decoded from JSON (which
// keeps no sentinel) equals only one without a sentinel.
func (d *Diagnostic) Equal(e *Diagnostic) bool {
	if d == nil || e == nil {
		return d == e
	}
	return d.File == e.File && d.Pos == e.Pos && d.Severity == e.Severity && d.Ref == e.Ref &&
		d.Msg == e.Msg && (d.Err == e.Err || errors.Is(d.Err, e.Err))
}

// Unwrap returns the sentinel error the diagnostic wraps.
func (d *Diagnostic) Unwrap() error { return d.Err }

// ErrorList is a list of diagnostics. Its Error method prints the first and
// how many more there are; errors.Is and errors.As see every element.
type ErrorList []*Diagnostic

// Error implements error.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", l[0].Error(), len(l)-1)
}

// Unwrap returns the elements, so errors.Is matches any of them.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, d := range l {
		out[i] = d
	}
	return out
}

// Err returns the list as an error, or nil if it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Sort sorts the list by file, line and column.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Pos.Column < b.Pos.Column
	})
}

func sortStrings(s []string) { sort.Strings(s) }

// Code returns the rule code a diagnostic is shown under as a finding (see
// [Rules]): parse-artefact for the traces of how the text was extracted
// (page numbers, page headers, labels broken across lines, table cells that
// ran together and were split by the template's arithmetic, the order of a
// PDF's text restored by its sums) — the form of the text, not its content;
// otherwise parse-repaired, parse-unrecognized, parse-ambiguous,
// parse-missing, parse-encoding, or parse, by the sentinel it wraps.
func (d *Diagnostic) Code() string {
	if t := d.translation(); t != nil && t.artefact {
		return "parse-artefact"
	}
	for _, k := range []struct {
		err  error
		code string
	}{
		{ErrRepaired, "parse-repaired"},
		{ErrUnrecognized, "parse-unrecognized"},
		{ErrAmbiguous, "parse-ambiguous"},
		{ErrMissing, "parse-missing"},
		{ErrEncoding, "parse-encoding"},
	} {
		if errors.Is(d.Err, k.err) {
			return k.code
		}
	}
	return "parse"
}

// MessageZH returns the diagnostic's message in Chinese. Msg is in English;
// the messages of the parser are translated by the table diagTranslations,
// and one it does not list is shown after a Chinese word for its kind.
func (d *Diagnostic) MessageZH() string {
	if t := d.translation(); t != nil {
		return t.zh(t.re.FindStringSubmatch(d.Msg))
	}
	kind := "解析提示"
	for _, k := range []struct {
		err error
		zh  string
	}{
		{ErrRepaired, "解析时的修复"},
		{ErrUnrecognized, "无法归位的内容"},
		{ErrAmbiguous, "无法确定的读法"},
		{ErrMissing, "缺少的内容"},
		{ErrEncoding, "编码问题"},
	} {
		if errors.Is(d.Err, k.err) {
			kind = k.zh
			break
		}
	}
	return kind + "（英文说明）：" + d.Msg
}

// Finding returns the diagnostic as a finding, the form nianbao validate -v
// prints it in: its code (see [Diagnostic.Code]), severity, position, file,
// the cell or block it is about, and its message in Chinese and English.
// Report is nil.
func (d *Diagnostic) Finding() Finding {
	f := Finding{Code: d.Code(), Severity: d.Severity, Cells: []string{}, File: d.File, Pos: d.Pos,
		Message: d.MessageZH(), MessageEN: d.Msg}
	if d.Ref != "" {
		if _, ok := cellIndex()[d.Ref]; ok {
			f.Cells = []string{d.Ref}
		}
	}
	return f
}

// translation returns the entry of diagTranslations that reads the
// diagnostic's message, or nil.
func (d *Diagnostic) translation() *diagTranslation {
	ts := diagTranslations()
	for i := range ts {
		t := &ts[i]
		if strings.HasPrefix(d.Msg, t.prefix) && t.re.MatchString(d.Msg) {
			return t
		}
	}
	return nil
}

// diagTranslation reads one kind of message of the parser: re matches the
// English, zh writes the Chinese from its submatches, artefact marks a trace
// of extraction (see [Diagnostic.Code]).
type diagTranslation struct {
	re       *regexp.Regexp
	prefix   string // the literal text every match starts with
	artefact bool
	// placed marks a guess of where a row's values go (aligned to the
	// right): the blanks it made are not known to be the source's.
	placed bool
	zh     func(m []string) string
}

// guess marks a translation as a guess of where values go.
func guess(t diagTranslation) diagTranslation {
	t.placed = true
	return t
}

// guessedPlaces reports whether the diagnostic says the parser guessed
// which cells of a row its values fill (a short row aligned to the right).
func (d *Diagnostic) guessedPlaces() bool {
	t := d.translation()
	return t != nil && t.placed
}

// tr builds a diagTranslation whose Chinese is format filled with the
// submatches in order.
func tr(re string, artefact bool, format string) diagTranslation {
	rx := regexp.MustCompile(re)
	prefix := strings.TrimPrefix(re, "^")
	if i := strings.IndexAny(prefix, `\.+*?()|[]{}^$`); i >= 0 {
		prefix = prefix[:i]
	}
	return diagTranslation{re: rx, prefix: prefix, artefact: artefact, zh: func(m []string) string {
		args := make([]any, len(m)-1)
		for i, s := range m[1:] {
			args[i] = zhQuote(s)
		}
		return fmt.Sprintf(format, args...)
	}}
}

// trFunc builds a diagTranslation whose Chinese zh writes from the
// submatches (m[1] is the first), for a message whose parts need more than
// quoting: a block ID to name in words.
func trFunc(re string, artefact bool, zh func(m []string) string) diagTranslation {
	t := tr(re, artefact, "")
	t.zh = zh
	return t
}

// zhSplits writes a list of the splits of a glued run of digits in Chinese:
// "35 0 0; 3 50 0; … (3 more)" → "35 0 0；3 50 0；……（另有 3 种）".
func zhSplits(s string) string {
	s = strings.ReplaceAll(s, "; ", "；")
	if i := strings.LastIndex(s, "… ("); i >= 0 && strings.HasSuffix(s, " more)") {
		s = s[:i] + "……（另有 " + strings.TrimSuffix(s[i+len("… ("):], " more)") + " 种）"
	}
	return s
}

// refRe matches a cell reference in a message of the parser.
var refRe = regexp.MustCompile(`\bt[234]\.[a-z0-9_]+\.[a-z0-9_]+\b`)

// refsZH writes the cell references of a message of the parser as the
// cells' names in Chinese ("t2.penalty.decisions = 0" → "表二“行政处罚”行
// “本年处理决定数量”列 = 0"), and its list separators in Chinese.
func refsZH(s string) string {
	s = refRe.ReplaceAllStringFunc(s, func(ref string) string {
		zh, _ := cellName(ref)
		return zh
	})
	return strings.ReplaceAll(s, ", ", "，")
}

// zhQuote turns a Go-quoted string ("…", as the parser's messages quote)
// into Chinese quotation marks; other text is returned as it is.
func zhQuote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		var u string
		if _, err := fmt.Sscanf(s, "%q", &u); err == nil {
			return "“" + controlEscaper.Replace(u) + "”"
		}
	}
	return s
}

// controlEscaper keeps a quoted text on one line, as %q does.
var controlEscaper = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`)

// diagTranslations are the messages of the parser, in Chinese. A test
// (TestDiagnosticsBilingual) fails when a diagnostic on the corpus, the seeds
// or the test reports is not listed: add a line here for a new message.
// Made on first use: its hundred regular expressions took most of the
// package's initialisation, paid by every program that imports it.
var diagTranslations = sync.OnceValue(func() []diagTranslation {
	return []diagTranslation{
		tr(`^page number from PDF extraction: (".*")$`, true, "PDF 提取出的页码：%s"),
		tr(`^text before the report's title \(a page header, navigation or metadata\): (".*")$`, true, "报告标题之前的文字（页眉、导航或元数据）：%s"),
		tr(`^text before the report's title: (".*")$`, true, "报告标题之前的文字：%s"),
		tr(`^label (".*") was broken across lines; joined$`, true, "标签%s跨行断开，已连接"),
		tr(`^label (".*") read as (".*")$`, true, "标签%s读作%s"),
		tr(`^label (".*") has a local addition (".*")$`, true, "标签%s后有本地附加的%s"),
		tr(`^row label (".*") of a one-row table under the heading (".*"): read as row (".*")$`, true, "标题%[2]s下单行小表的行标签%[1]s读作%[3]s行"),
		tr(`^text in a table that matches no label of the template: (".*")$`, true, "表格中与模板的标签都不相符的文字：%s"),
		tr(`^the digits (.+?) of row (.*) ran together; read as (.*), the only split that fits the row's sums and agrees with the report's text (.*)$`, true,
			"“%[2]s”行的数字 %[1]s 连在一起；合乎行内合计、又与报告正文%[4]s相符的拆法只有一种，读作 %[3]s"),
		trFunc(`^the digits (.+?) of row (.*) ran together and can be split in (\d+) ways that fit the row's sums; left blank: (.*); every split gives (.*), which are read \(the splits that agree with the report's text (.*)\)$`, false, func(m []string) string {
			return fmt.Sprintf("“%s”行的数字 %s 连在一起，与报告正文%s相符的拆法有 %s 种，其余单元格留空：%s；各种拆法都给出%s，已读入",
				zhQuote(m[2]), m[1], zhQuote(m[6]), m[3], zhSplits(m[4]), refsZH(m[5]))
		}),
		trFunc(`^the digits (.+?) of row (.*) ran together and can be split in (\d+) ways that fit the row's sums; left blank: (.*); every split gives (.*), which are read$`, false, func(m []string) string {
			return fmt.Sprintf("“%s”行的数字 %s 连在一起，有 %s 种拆法都合乎行内合计：%s；各种拆法都给出%s，已读入，其余单元格留空",
				zhQuote(m[2]), m[1], m[3], zhSplits(m[4]), refsZH(m[5]))
		}),
		tr(`^the digits (.+?) of row (.*) ran together; read as (.*), the only split that fits the row's sums$`, true,
			"“%[2]s”行的数字 %[1]s 连在一起；按行内合计唯一可行的拆法读作 %[3]s"),
		tr(`^the digits (.+?) of row (.*) ran together; read as (.*), no split fits the row's own sums, and the column sums of the result rows are exactly its digits$`, false,
			"“%[2]s”行的数字 %[1]s 连在一起；没有一种拆法合乎本行的行内合计，而各办理结果行的列合计正好是这些数字，读作 %[3]s"),
		tr(`^the digits (.+?) of row (.*) ran together; read as (.*), one digit a cell, the only split there is \(the row's sums do not hold\)$`, false,
			"“%[2]s”行的数字 %[1]s 连在一起；每格一位数字，这是唯一的拆法，读作 %[3]s（行内合计不成立）"),
		tr(`^the digits (.+?) of row (.*) ran together; read as (.*), of the (\d+) splits whose sums miss by as little as (\d+) \(no split fits the row's sums\), the only one that breaks as few as (\d+) of table 3's column sums$`, false,
			"“%[2]s”行的数字 %[1]s 连在一起；没有一种拆法合乎行内合计，在相差最小（%[5]s）的 %[4]s 种拆法中，只有这一种只破坏 %[6]s 个表三列合计，读作 %[3]s"),
		tr(`^the digits (.+?) of row (.*) ran together; read as (.*), the only split whose sums miss by as little as (\d+) \(no split fits the row's sums\)$`, false,
			"“%[2]s”行的数字 %[1]s 连在一起；没有一种拆法合乎行内合计，只有这一种相差最小（%[4]s），读作 %[3]s"),
		tr(`^the digits (.+?) of row (.*) ran together and could not be split: no split into (\d+) cells fits the row's sums; left blank$`, false,
			"“%[2]s”行的数字 %[1]s 连在一起，拆成 %[3]s 格时没有一种拆法合乎行内合计，留空"),
		trFunc(`^the digits (.+?) of row (.*) ran together and can be split in (\d+) ways that fit the row's sums; left blank: (.*)$`, false, func(m []string) string {
			return fmt.Sprintf("“%s”行的数字 %s 连在一起，有 %s 种拆法都合乎行内合计，留空：%s", zhQuote(m[2]), m[1], m[3], zhSplits(m[4]))
		}),
		tr(`^the (\d+) values before table 3's first row label \((.*)\) are read as row (".*"): they come between the column header and row 二, add up, and row 一's label comes later without values \(text of a PDF out of reading order\?\)$`, true,
			"表三第一个行标签之前的 %[1]s 个数值（%[2]s）读作%[3]s行：它们在表头与第二行之间、合计成立，而第一行的标签在后面单独出现（PDF 文字的阅读顺序错乱）"),
		tr(`^the value (".*") stands apart from row (".*"), between the caption of its block and the next block's; the block has one cell, so it is read as that cell's \(text of a PDF out of reading order\?\)$`, true,
			"数值 %[1]s 与%[2]s行分开，位于本栏目标题和下一栏目标题之间；本栏目只有一个单元格，读作该格的值（PDF 文字的阅读顺序错乱）"),
		trFunc(`^block (\S+) has its values one a line and not in the table's order \((.*)\), and nothing proves which row each belongs to \(text of a PDF without -layout\); its cells are left blank and the values kept in Unrecognized$`, false, func(m []string) string {
			block, _ := schema.BlockName(m[1])
			return fmt.Sprintf("%s的数值每行一个，且不按表格的顺序（%s），没有依据能证明各数值属于哪一行（不带 -layout 的 PDF 文字）；单元格留空，数值保留为无法归位的内容", block, zhOrderWhy(m[2]))
		}),
		tr(`^table 4's values are out of order, and the report's text states row (".*") in full \((.*)\): its values (.*) are read as that row's$`, true,
			"表四的数值顺序错乱，而报告正文完整写出了%[1]s行（“%[2]s”）：数值 %[3]s 读作该行的值"),
		tr(`^table 3's values stand one a line in (\d+) groups that read as (\d+) bands of rows written column by column; read so in the template's row order, as every row adds up, 一 \+ 二 = 总计 \+ 四 and 总计 is the sum of the results, column by column \(text of a PDF without -layout\)$`, true,
			"表三的数值每行一个，分成 %[1]s 组，可读成按列书写的 %[2]s 段行；按模板的行序读出，因为每行合计成立、各列第一项加第二项等于总计加第四项、总计等于各办理结果之和（不带 -layout 的 PDF 文字）"),
		tr(`^row (".*") has (\d+) values, one a line, that read as (\d+) rows written column by column \((.*)\); the last of them, which balances rows 一, 二 and 四, is read as this row's and the others are kept in Unrecognized \(text of a PDF out of reading order\?\)$`, true,
			"%[1]s行有 %[2]s 个每行一个的数值，可读成按列书写的 %[3]s 行（%[4]s）；其中与第一、二、四行平衡的最后一行读作本行，其余保留为无法归位的内容（PDF 文字的阅读顺序错乱）"),
		tr(`^(\d+) rows of the Markdown table between rows (".*") and (".*") have no row label \(their labels stand apart as text\): as many as the template's rows between those two, each whole and adding up, they are read as (.*), in order$`, true,
			"Markdown 表格中%[2]s行与%[3]s行之间的 %[1]s 行没有行标签（标签作为文字另起）：与模板中这两行之间的行数相同、各自完整且合计成立，依次读作%[4]s"),
		tr(`^values \((.*)\) after the label of row (".*") are no row of the Markdown table; kept in Unrecognized$`, true,
			"%[2]s行标签之后的数值（%[1]s）不是 Markdown 表格中的一行；保留为无法归位的内容"),
		tr(`^row (".*") has (\d+) values, one a line, for (\d+) cells: (\d+) whole rows that each add up; the rows after the first are read as the next (\d+) rows of the template \((.*)\), whose labels come later without values \(text of a PDF out of reading order\?\)$`, true,
			"%[1]s行有 %[2]s 个每行一个的数值，对应 %[3]s 格：是 %[4]s 个各自合计成立的整行；第一行之后的读作模板中接下来的 %[5]s 行（%[6]s），这些行的标签在后面单独出现（PDF 文字的阅读顺序错乱）"),
		tr(`^row (".*") has (\d+) values, one a line, for (\d+) cells \((.*)\): which cells they fill cannot be told \(a blank cell leaves no line in text of a PDF without -layout\); its cells are left blank and the values kept in Unrecognized$`, false,
			"%[1]s行有 %[2]s 个每行一个的数值，对应 %[3]s 格（%[4]s）：无法判断它们各在哪一格（不带 -layout 的 PDF 文字中空白单元格不占行）；单元格留空，数值保留为无法归位的内容"),
		tr(`^row (".*") has (\d+) values, one a line, for (\d+) cells, and they do not read as rows that add up \((.*)\): which value belongs to which cell cannot be told \(text of a PDF out of reading order\?\); its cells are left blank and the values kept in Unrecognized$`, false,
			"%[1]s行有 %[2]s 个每行一个的数值，对应 %[3]s 格，且不能读成合计成立的若干行（%[4]s）：无法判断各数值属于哪一格（PDF 文字的阅读顺序错乱）；单元格留空，数值保留为无法归位的内容"),
		tr(`^table 4 has (\d+) values, one a line, for (\d+) cells \((.*)\): which cell each belongs to cannot be told \(a blank cell leaves no line in text of a PDF without -layout\); its cells are left blank and the values kept in Unrecognized$`, false,
			"表四有 %[1]s 个每行一个的数值，对应 %[2]s 格（%[3]s）：无法判断各数值属于哪一格（不带 -layout 的 PDF 文字中空白单元格不占行）；单元格留空，数值保留为无法归位的内容"),
		tr(`^table 4's values, one a line, come in pieces between labels \((.*)\) that do not match its rows: which value belongs to which cell cannot be told \(text of a PDF out of reading order\?\); its cells are left blank and the values kept in Unrecognized$`, false,
			"表四每行一个的数值被标签分成几段（%s），与表四的行对不上：无法判断各数值属于哪一格（PDF 文字的阅读顺序错乱）；单元格留空，数值保留为无法归位的内容"),
		guess(tr(`^table 4 has (\d+) of (\d+) fields; read aligned to the right$`, false, "表四只有 %s 个字段（应有 %s 个），按右对齐读取")),
		guess(tr(`^row (".*") has (\d+) of (\d+) fields; read aligned to the right, the (\d+) cells before them are blank$`, false,
			"%s行只有 %s 个字段（应有 %s 个），按右对齐读取，前面 %s 格为空白")),
		trFunc(`^block (\S+) has (\d+) values, one a line, for (\d+) cells \((.*)\): blank cells left no line, and a value alone on its line has no position, so which row each belongs to cannot be told \(text of a PDF without -layout\); its cells are left blank and the values kept in Unrecognized$`, false, func(m []string) string {
			block, _ := schema.BlockName(m[1])
			return fmt.Sprintf("%s有 %s 个每行一个的数值，对应 %s 格（%s）：空白单元格不占行，单独一行的数值没有位置，无法判断各数值属于哪一行（不带 -layout 的 PDF 文字）；单元格留空，数值保留为无法归位的内容", block, m[2], m[3], m[4])
		}),
		trFunc(`^(\d+) rows of block (\S+) are missing and were left blank: (.*)$`, false, func(m []string) string {
			block, _ := schema.BlockName(m[2])
			return fmt.Sprintf("%s缺少 %s 行，留空：%s", block, m[1], m[3])
		}),
		tr(`^row (".*") has (\d+) values for (\d+) cells \((.*)\) and their positions do not tell which cells are blank: its cells are left blank and the values kept in Unrecognized \(Parser.AlignShortRows reads such a row aligned to the right\)$`, false,
			"%s行有 %s 个数值，对应 %s 格（%s），数值的位置不能说明哪些单元格空白：单元格留空，数值保留为无法归位的内容（Parser.AlignShortRows 把这样的行按右对齐读取）"),
		tr(`^table 4 has (\d+) values for (\d+) cells \((.*)\) and their positions do not tell which cells are blank \(Parser.AlignShortRows reads them aligned to the right\); its cells are left blank and the values kept in Unrecognized$`, false,
			"表四有 %s 个数值，对应 %s 格（%s），数值的位置不能说明哪些单元格空白（Parser.AlignShortRows 按右对齐读取）；单元格留空，数值保留为无法归位的内容"),
		tr(`^row (".*") has (\d+) fields for (\d+) cells \((.*)\), empty ones at both ends, and nothing tells which fields are its cells: its cells are left blank and the values kept in Unrecognized$`, false,
			"%s行有 %s 个字段，对应 %s 格（%s），两端都有空字段，无法判断哪些字段是它的单元格：单元格留空，数值保留为无法归位的内容"),
		tr(`^row (".*"): its label and the label before it stand apart from the table with no values between them, so which of them the values that follow \((.*)\) belong to cannot be told; its cells are left blank and the values kept in Unrecognized$`, false,
			"%s行：它的标签和前一行的标签都与表格分开，中间没有数值，其后的数值（%s）属于哪一行无法判断；单元格留空，数值保留为无法归位的内容"),
		tr(`^the cells of row (".*") ran together as (".*"): the sign starts (.*), so (.*) is (.*); how (".*") divides between (.*) and (.*) cannot be told, those cells are left blank and (".*") kept in Unrecognized$`, false,
			"%[1]s行的单元格连成了%[2]s：正负号是“%[3]s”的开头，所以“%[4]s”是 %[5]s；%[6]s如何分给“%[7]s”和“%[8]s”无法确定，这两格留空，%[9]s保留为无法归位的内容"),
		tr(`^the value (".*") has leading zeros: digits of several cells ran together\? the cell is left blank and the digits kept in Unrecognized$`, false,
			"数值%s以 0 开头：可能是几个单元格的数字连在一起；单元格留空，数字保留为无法归位的内容"),
		tr(`^row (".*") appears twice; the second is not used$`, false, "%s行出现两次，第二次未采用"),
		tr(`^row (".*") is not part of the layout this block uses; its values are kept in Unrecognized$`, false,
			"%s行不属于本表所用的版式，其数值保留为无法归位的内容"),
		tr(`^the header of this block mixes labels of both template editions; its rows have the (\d+) number of values; read as edition (\d+)$`, false,
			"本表表头混用了两版模板的标签；各行的数值个数是 %s 版的，按 %s 版读取"),
		tr(`^the header of this block mixes labels of both template editions; read as edition (\d+)$`, false,
			"本表表头混用了两版模板的标签，按 %s 版读取"),
		tr(`^surplus value (".*") in a table row; kept in Unrecognized$`, false, "表格行中多出的数值%s，保留为无法归位的内容"),
		tr(`^cell holds text (".*"), not a number$`, false, "单元格写的是文字%s，不是数字"),
		tr(`^the row under the heading (".*"): it has (\d+) cells under a header of (\d+); its cells are not placed$`, false,
			"标题%s下的一行：表头有 %[3]s 格，这一行有 %[2]s 格；单元格未归位"),
		tr(`^a value outside any table row: (".*")$`, false, "表格行之外的数值：%s"),
		tr(`^text the parser could not place: (".*")$`, false, "解析器无法归位的文字：%s"),
		tr(`^this line is GB18030 text in a UTF-8 file; read as GB18030$`, false, "UTF-8 文件中的这一行是 GB18030 编码，按 GB18030 读取"),
		tr(`^a NUL byte replaced by U\+FFFD$`, false, "一个 NUL 字节替换为 U+FFFD"),
		tr(`^(\d+) NUL bytes replaced by U\+FFFD$`, false, "%s 个 NUL 字节替换为 U+FFFD"),
		tr(`^a byte that is not UTF-8 replaced by U\+FFFD$`, false, "一个不是 UTF-8 的字节替换为 U+FFFD"),
		tr(`^(\d+) bytes that are not UTF-8 replaced by U\+FFFD$`, false, "%s 个不是 UTF-8 的字节替换为 U+FFFD"),
		tr(`^(\d+) bytes that are not UTF-8 \((\d+) of them NUL\) replaced by U\+FFFD$`, false, "%s 个不是 UTF-8 的字节（其中 %s 个 NUL）替换为 U+FFFD"),
		tr(`^too many warnings: (\d+) more from here on are not listed \(at most (\d+) are\)$`, false, "警告过多：从这里起还有 %s 条没有列出（最多列出 %s 条）"),
	}
})

// zhOrderWhy translates the reason orderLost gives.
func zhOrderWhy(s string) string {
	for _, t := range []struct {
		re *regexp.Regexp
		zh string
	}{
		{regexp.MustCompile(`^(\d+) values come before the first row label or between labels$`), "%[1]s 个数值在第一个行标签之前或标签之间"},
		{regexp.MustCompile(`^row (".*") has (\d+) values for (\d+) cells$`), "%[1]s行有 %[2]s 个数值，应有 %[3]s 格"},
		{regexp.MustCompile(`^a subtotal row has (\d+) values for (\d+) cells$`), "一个小计行有 %[1]s 个数值，应有 %[2]s 格"},
		{regexp.MustCompile(`^row (".*") comes after a later row of the template$`), "%[1]s行出现在模板中排在它后面的行之后"},
		{regexp.MustCompile(`^row (".*") has no values and its label comes after a row's values$`), "%[1]s行没有数值，其标签出现在另一行的数值之后"},
	} {
		if m := t.re.FindStringSubmatch(s); m != nil {
			args := make([]any, len(m)-1)
			for i, a := range m[1:] {
				args[i] = zhQuote(a)
			}
			return fmt.Sprintf(t.zh, args...)
		}
	}
	return s
}
