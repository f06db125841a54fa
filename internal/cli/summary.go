package cli

import (
	"fmt"
	"strings"
)

// tally counts what a run did, for the summary line on standard error.
type tally struct {
	reports  int // inputs read as reports
	failed   int // inputs that could not be read or are not reports
	errors   int // findings by severity (validate)
	warnings int
	infos    int
}

// fail counts an input that was not read as a report: a failure, whose
// message the caller prints, or a skip, noted here.
func (t *tally) fail(e *env, name string, o outcome) {
	if o.skipped {
		e.note(name, o.msg)
		return
	}
	t.failed++
}

// summary writes the summary line of a run on standard error, unless -q
// is given: in Chinese, or in English with -en. findings says whether the
// command counts findings (validate).
//
//	5 份报告：0 个错误，19 个警告；1 个文件无法读取；跳过 2 个文件
//	5 reports: 0 errors, 19 warnings; 1 file not read; 2 files skipped
func (e *env) summary(t tally, findings bool) {
	if e.quiet {
		return
	}
	var zh, en strings.Builder
	fmt.Fprintf(&zh, "%d 份报告", t.reports)
	en.WriteString(plural(t.reports, "report", "reports"))
	if findings {
		fmt.Fprintf(&zh, "：%d 个错误，%d 个警告", t.errors, t.warnings)
		fmt.Fprintf(&en, ": %s, %s", plural(t.errors, "error", "errors"), plural(t.warnings, "warning", "warnings"))
		if t.infos > 0 {
			fmt.Fprintf(&zh, "，%d 个提示", t.infos)
			fmt.Fprintf(&en, ", %s", plural(t.infos, "note", "notes"))
		}
	}
	if t.failed > 0 {
		fmt.Fprintf(&zh, "；%d 个文件无法读取", t.failed)
		fmt.Fprintf(&en, "; %s not read", plural(t.failed, "file", "files"))
	}
	if e.skipped > 0 {
		fmt.Fprintf(&zh, "；跳过 %d 个文件", e.skipped)
		fmt.Fprintf(&en, "; %s skipped", plural(e.skipped, "file", "files"))
	}
	if e.english {
		fmt.Fprintln(e.stderr, en.String())
	} else {
		fmt.Fprintln(e.stderr, zh.String())
	}
}

// plural returns "1 report" or "5 reports".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
