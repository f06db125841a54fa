package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/opengovcn/nianbao"
)

var validateCmd = &command{
	name:     "validate",
	synopsis: "nianbao validate [-f text|json] [-strict] [-v] [-en] [-rules] [-max-findings N] [file|dir|-]...",
	zh:       "校验年报：表格勾稽关系、合计、正文与表格一致性、跨年度连续性",
	en:       "check reports: the template's arithmetic, totals, text against tables, year-over-year series",
	longZH: `
文本输出每条问题一行：文件:行:列: 严重程度: 说明 [规则代码]，按文件和行号排序。
-f json 输出 JSON 数组，每项有 file、line、column、severity、code、cells（单元格引用）、message、message_en。
同一机关的多份报告一起给出时，还按年度序列校验（上年结转、现行有效件数的衔接，中间缺少的年度）；
名称只差前面的地名（洪泽区人民政府 / 淮安市洪泽区人民政府）视为同一机关。
-strict 把警告（包括解析时的修复）当作错误；-v 同时列出解析时的修复和猜测；-en 文本输出用英文说明；
-rules 列出全部规则。
每个文件最多列出 1000 条问题，其余用一行（代码 more）说明还有多少条、其中几条错误；-max-findings 调整，0 表示全部列出。
退出状态：0 没有错误（可以有警告）；1 有错误；2 有文件无法读取或不是年报。`,
	longEN: `
Text output is one finding a line, file:line:col: severity: message [code], sorted by file and line.
-f json prints a JSON array whose elements have file, line, column, severity, code, cells (cell
references), message and message_en. Reports of one agency given together are also checked as a series
(carry-overs and documents in force from year to year, a year missing in the middle); a name that only
lacks the place names in front of another (洪泽区人民政府 / 淮安市洪泽区人民政府) is the same agency.
-strict makes warnings (including the parser's repairs) errors; -v also lists what the parser repaired
or guessed; -en prints English messages in text output; -rules lists every rule.
At most 1000 findings are listed per file, then one line (code more) says how many more there are and
how many of them are errors; -max-findings sets the number, 0 lists all.
Exit status: 0 no errors (warnings allowed); 1 errors; 2 a file cannot be read or is not a report.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		inputFlags(fs, e)
		var o validateOpts
		fs.StringVar(&o.format, "f", "text", "output format: text or json / 输出格式")
		fs.BoolVar(&o.strict, "strict", false, "treat warnings as errors / 把警告当作错误")
		fs.BoolVar(&o.verbose, "v", false, "also list the parser's repairs and guesses / 同时列出解析时的修复")
		fs.BoolVar(&o.english, "en", false, "English messages in text output / 文本输出用英文")
		fs.BoolVar(&o.rules, "rules", false, "list the rules and exit / 列出全部规则")
		fs.IntVar(&o.max, "max-findings", defaultMaxMessages, "the most findings listed per file, then one line says how many more; 0 lists all / 每个文件最多列出的问题数，其余用一行说明条数；0 表示全部列出")
		return func(args []string) int {
			if o.format != "text" && o.format != "json" {
				return usageError(e, "validate", "unknown format %q (want text or json)", o.format)
			}
			if o.rules {
				if len(args) > 0 {
					return usageError(e, "validate", "-rules takes no files")
				}
				return listRules(e, o.format)
			}
			return runValidate(e, args, o)
		}
	},
}

type validateOpts struct {
	format                   string
	strict, verbose, english bool
	rules                    bool
	max                      int // -max-findings
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
}

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

// parserFinding turns a parser diagnostic into a finding. Its code names
// the kind of repair: parse-repaired, parse-unrecognized, parse-ambiguous,
// parse-missing or parse.
func parserFinding(file string, d *nianbao.Diagnostic, strict bool) finding {
	code := "parse"
	for _, k := range []struct {
		err  error
		code string
	}{
		{nianbao.ErrRepaired, "parse-repaired"},
		{nianbao.ErrUnrecognized, "parse-unrecognized"},
		{nianbao.ErrAmbiguous, "parse-ambiguous"},
		{nianbao.ErrMissing, "parse-missing"},
	} {
		if errors.Is(d.Err, k.err) {
			code = k.code
			break
		}
	}
	sev := d.Severity
	if strict {
		sev = nianbao.SeverityError
	}
	msg := clipMessage(d.Msg)
	f := finding{File: file, Line: d.Pos.Line, Column: d.Pos.Column, Severity: sev.String(),
		Code: code, Cells: []string{}, Message: msg, MessageEN: msg}
	if d.Ref != "" {
		f.Cells = []string{d.Ref}
	}
	return f
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
	report   *nianbao.Report
	msg      string // the file could not be read or is not a report
}

func runValidate(e *env, args []string, o validateOpts) int {
	ins, err := e.expand(args)
	if err != nil {
		return usageError(e, "validate", "%v", err)
	}
	status := exitOK
	first := true
	emitFinding := func(f finding) {
		if f.Severity == nianbao.SeverityError.String() {
			status = max(status, exitFindings)
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
	var series []seriesEntry
	ordered(e, ins, func(in input) validateResult {
		r, data, err := in.load(e, false)
		if r == nil {
			return validateResult{msg: explain(in.name, data, err)}
		}
		var fs []finding
		if o.verbose || o.strict {
			for _, d := range r.Warnings {
				fs = append(fs, parserFinding(in.name, d, o.strict))
			}
		}
		fs = append(fs, validateReport(in.name, r, o.strict)...)
		sortFindings(fs)
		return validateResult{findings: capFindings(in.name, fs, o.max), report: r}
	}, func(in input, res validateResult) {
		if res.msg != "" {
			fmt.Fprintln(e.stderr, res.msg)
			status = exitBad
			return
		}
		series = append(series, seriesPart(in.name, res.report))
		for _, f := range res.findings {
			emitFinding(f)
		}
	})
	for _, f := range seriesFindings(series, o.strict) {
		emitFinding(f)
	}
	if o.format == "json" {
		if first {
			e.stdout.Write([]byte("[]\n"))
		} else {
			e.stdout.Write([]byte("\n]\n"))
		}
	}
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

// parserRules are the codes of the parser's findings, which validate shows
// with -v and -strict.
var parserRules = []rule{
	{"parse-repaired", "warning", "解析时修复或猜测了内容（跨行断开的标签、按位置读取的行）", "the parser repaired or guessed something (a label broken across lines, a row read by position)"},
	{"parse-unrecognized", "warning", "有无法归位的文字", "text the parser could not place"},
	{"parse-ambiguous", "warning", "内容可以有多种读法，解析器没有选择", "input that can be read in more than one way"},
	{"parse-missing", "warning", "缺少模板要求的表格、行或部分", "a table, row or section the template requires is missing"},
	{"parse", "warning", "解析器的其他提示", "another diagnostic of the parser"},
}
