package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/opengovcn/nianbao"
)

var validateCmd = &command{
	name:     "validate",
	synopsis: "nianbao validate [-f text|json] [-strict] [-v] [-en] [-q] [-enable codes] [-disable codes] [-rules] [-max-findings N] [file|dir|-]...",
	zh:       "校验年报：表格勾稽关系、合计、正文与表格一致性、跨年度连续性",
	en:       "check reports: the template's arithmetic, totals, text against tables, year-over-year series",
	longZH: `
文本输出每条问题一行：文件:行:列: 严重程度: 说明 [规则代码]，按文件和行号排序。
-f json 输出 JSON 数组，每项有 file、line、column、severity、code、cells（单元格引用）、message、message_en；
无法读取或不是年报的文件也有一项，code 为 input-error，error 为原因。
标准错误上最后一行是汇总，如“5 份报告：0 个错误，19 个警告”（-en 用英文，-q 不输出）。
同一机关的多份报告一起给出时，还按年度序列校验（上年结转、现行有效件数的衔接，中间缺少的年度）；
名称只差前面的地名（洪泽区人民政府 / 淮安市洪泽区人民政府）视为同一机关。
严重程度有 error（与模板矛盾）、warning（缺少、可疑或无法判断）和 info（惯例或提请注意，如沿用上一年的文字）。
-strict 把警告（包括解析时的修复和猜测，但不包括页码、跨行标签等提取文字留下的痕迹）当作错误，info 不变；
-v 同时列出解析时的修复、猜测和痕迹；-en 文本输出和汇总用英文；
-enable 代码,… 只报告这些规则，-disable 代码,… 不报告这些规则；-rules 列出全部规则。
每个文件最多列出 1000 条问题，其余用一行（代码 more）说明还有多少条、其中几条错误；-max-findings 调整，0 表示全部列出。
退出状态：0 没有错误（可以有警告）；1 有错误；2 有文件无法读取或不是年报。`,
	longEN: `
Text output is one finding a line, file:line:col: severity: message [code], sorted by file and line.
-f json prints a JSON array whose elements have file, line, column, severity, code, cells (cell
references), message and message_en; a file that cannot be read or is not a report has an element too,
code input-error, with error saying why. A summary line ends standard error, as "5 reports: 0 errors,
19 warnings" (-en; in Chinese without it; -q leaves it out). Reports of one agency given together are also checked as a series
(carry-overs and documents in force from year to year, a year missing in the middle); a name that only
lacks the place names in front of another (洪泽区人民政府 / 淮安市洪泽区人民政府) is the same agency.
Severities are error (the report contradicts the template), warning (missing, odd or undecidable) and
info (a convention, or something to look at, such as prose copied from last year's report).
-strict makes warnings errors, the parser's repairs and guesses included but not the traces of text
extraction (page numbers, labels broken across lines); info stays info. -v also lists what the parser
repaired, guessed or found as traces; -en prints English messages in text output and the summary; -enable code,… reports
only those rules, -disable code,… leaves them out; -rules lists every rule.
At most 1000 findings are listed per file, then one line (code more) says how many more there are and
how many of them are errors; -max-findings sets the number, 0 lists all.
Exit status: 0 no errors (warnings allowed); 1 errors; 2 a file cannot be read or is not a report.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		inputFlags(fs, e)
		guessFlags(fs, e)
		var o validateOpts
		fs.StringVar(&o.format, "f", "text", "输出格式：text 或 json / output format: text or json")
		fs.BoolVar(&o.strict, "strict", false, "把警告当作错误 / treat warnings as errors")
		fs.BoolVar(&o.verbose, "v", false, "同时列出解析时的修复 / also list the parser's repairs and guesses")
		fs.BoolVar(&e.english, "en", false, "文本输出和汇总行用英文 / English messages in text output and the summary line")
		fs.BoolVar(&o.rules, "rules", false, "列出全部规则 / list the rules and exit")
		fs.Func("enable", "只报告这些规则 / report only these rules, comma-separated codes", func(s string) error {
			o.enable = append(o.enable, splitCodes(s)...)
			return nil
		})
		fs.Func("disable", "不报告这些规则 / leave out these rules, comma-separated codes", func(s string) error {
			o.disable = append(o.disable, splitCodes(s)...)
			return nil
		})
		fs.IntVar(&o.max, "max-findings", defaultMaxMessages, "每个文件最多列出的问题数，其余用一行说明条数；0 表示全部列出 / the most findings listed per file, then one line says how many more; 0 lists all")
		return func(args []string) int {
			if o.format != "text" && o.format != "json" {
				return usageError(e, "validate", fmt.Sprintf("未知的输出格式 %q（可用 text、json）", o.format), fmt.Sprintf("unknown format %q (want text or json)", o.format))
			}
			if bad := nianbao.UnknownRules(append(slices.Clone(o.enable), o.disable...)); len(bad) > 0 {
				return usageError(e, "validate", fmt.Sprintf("没有规则代码 %s（nianbao validate -rules 列出全部规则）", strings.Join(bad, "、")), fmt.Sprintf("unknown rule code %s (nianbao validate -rules lists them)", strings.Join(bad, ", ")))
			}
			if o.rules {
				if len(args) > 0 {
					return usageError(e, "validate", "-rules 不读取文件", "-rules takes no files")
				}
				return listRules(e, o.format)
			}
			o.english = e.english
			return runValidate(e, args, o)
		}
	},
}

type validateOpts struct {
	format                   string
	strict, verbose, english bool
	rules                    bool
	enable, disable          []string
	max                      int // -max-findings
}

// splitCodes splits a comma-separated list of rule codes.
func splitCodes(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// validator returns the library's validator for the options and a file.
func (o validateOpts) validator(file string, src []byte) *nianbao.Validator {
	return &nianbao.Validator{File: file, Source: src, Enable: o.enable, Disable: o.disable,
		Diagnostics: o.verbose || o.strict, Strict: o.strict}
}

// finding is a validation finding as the CLI prints it.
type finding struct {
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	Severity  string   `json:"severity"`
	Code      string   `json:"code"`
	Cells     []string `json:"cells"`
	Message   string   `json:"message"`
	MessageEN string   `json:"message_en"`
	// Error is set on the entry of a file that could not be read or is not
	// a report (code input-error): why, in Chinese and English.
	Error string `json:"error,omitempty"`
}

// inputErrorCode is the code of the entry of a file that could not be read
// or is not a report.
const inputErrorCode = "input-error"

// text formats a finding as "file:line:col: severity: message [code]".
func (f finding) text(english bool) string {
	var b strings.Builder
	b.WriteString(quoteName(f.File))
	if f.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", f.Line, f.Column)
	}
	msg := f.Message
	if english && f.MessageEN != "" || msg == "" {
		msg = f.MessageEN
	}
	fmt.Fprintf(&b, ": %s: %s [%s]", f.Severity, msg, f.Code)
	return b.String()
}

// defaultMaxMessages is the default of -max-findings and -max-warnings:
// as many as the parser lists.
const defaultMaxMessages = 1000

// capFindings returns the first max findings of a file and one more, code
// "more", saying how many are left out, when there are more than max + 1;
// the extra finding has the highest severity of those left out, so that the
// exit status still counts them. max 0 means no cap.
func capFindings(file string, fs []finding, max int) []finding {
	if max <= 0 || len(fs) <= max+1 {
		return fs
	}
	rest := fs[max:]
	sev, errs := nianbao.SeverityWarning.String(), 0
	for _, f := range rest {
		if f.Severity == nianbao.SeverityError.String() {
			sev = f.Severity
			errs++
		}
	}
	zh := fmt.Sprintf("… 另有 %d 条问题未列出", len(rest))
	en := fmt.Sprintf("… and %d more findings not listed", len(rest))
	if errs > 0 {
		zh += fmt.Sprintf("（其中 %d 条错误）", errs)
		en += fmt.Sprintf(" (%d of them errors)", errs)
	}
	zh += "，-max-findings 0 列出全部"
	en += "; -max-findings 0 lists them all"
	more := finding{File: file, Severity: sev, Code: "more", Cells: []string{}, Message: zh, MessageEN: en}
	return append(fs[:max:max], more)
}

func sortFindings(fs []finding) {
	slices.SortStableFunc(fs, func(a, b finding) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
}

type validateResult struct {
	findings []finding
	entry    nianbao.SeriesEntry // what the series rules need of the report
	fail     *outcome            // the file could not be read or is not a report
}

func runValidate(e *env, args []string, o validateOpts) int {
	ins, err := e.expand(args)
	if err != nil {
		return e.expandFailed("validate", err)
	}
	status := exitOK
	first := true
	var t tally
	emitFinding := func(f finding) {
		switch f.Severity {
		case nianbao.SeverityError.String():
			status = max(status, exitFindings)
			t.errors++
		case nianbao.SeverityWarning.String():
			t.warnings++
		case nianbao.SeverityInfo.String():
			t.infos++
		}
		if o.format == "json" {
			b, _ := json.MarshalIndent(f, "  ", "  ")
			if first {
				e.stdout.Write([]byte("[\n  "))
			} else {
				e.stdout.Write([]byte(",\n  "))
			}
			first = false
			e.stdout.Write(b)
			return
		}
		fmt.Fprintln(e.stdout, f.text(o.english))
	}
	var series []nianbao.SeriesEntry
	ordered(e, ins, func(in input) validateResult {
		r, data, err := in.load(e, false)
		if r == nil {
			o := in.failed(data, err)
			return validateResult{fail: &o}
		}
		fs := validateReport(o.validator(in.name, data), r)
		sortFindings(fs)
		return validateResult{findings: capFindings(in.name, fs, o.max), entry: nianbao.NewSeriesEntry(in.name, r)}
	}, func(in input, res validateResult) {
		if f := res.fail; f != nil {
			t.fail(e, in.name, *f)
			if f.skipped {
				return
			}
			fmt.Fprintln(e.stderr, f.line(in.name))
			status = exitBad
			if o.format == "json" {
				// The file's entry: an error that is not a finding on a
				// report, so it is not counted as one.
				errs := t.errors
				emitFinding(finding{File: in.name, Severity: nianbao.SeverityError.String(), Code: inputErrorCode,
					Cells: []string{}, Message: f.msg.zh, MessageEN: f.msg.en, Error: f.msg.String()})
				t.errors = errs
			}
			return
		}
		t.reports++
		series = append(series, res.entry)
		for _, f := range res.findings {
			emitFinding(f)
		}
	})
	for _, f := range seriesFindings(o.validator("", nil), series) {
		emitFinding(f)
	}
	if o.format == "json" {
		if first {
			e.stdout.Write([]byte("[]\n"))
		} else {
			e.stdout.Write([]byte("\n]\n"))
		}
	}
	e.summary(t, true)
	return status
}

func listRules(e *env, format string) int {
	rules := ruleList()
	if format == "json" {
		var buf bytes.Buffer
		b, _ := json.MarshalIndent(rules, "", "  ")
		buf.Write(b)
		buf.WriteByte('\n')
		e.stdout.Write(buf.Bytes())
		return exitOK
	}
	for _, r := range rules {
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n\t\t%s\n", r.Code, r.Severity, r.Description, r.DescriptionEN)
	}
	return exitOK
}

// rule is a validation rule as -rules lists it.
type rule struct {
	Code          string `json:"code"`
	Severity      string `json:"severity"`
	Description   string `json:"description"`
	DescriptionEN string `json:"description_en"`
}
