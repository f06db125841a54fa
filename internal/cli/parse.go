package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/opengovcn/nianbao"
)

var parseFormats = []string{"json", "csv", "md", "html", "docx"}

var parseCmd = &command{
	name:     "parse",
	synopsis: "nianbao parse [-f json|csv|md|html|docx] [-csv-formulas] [-v [-max-warnings N]] [-q] [-en] [file|dir|-]...",
	zh:       "读取年报，输出 JSON、CSV（table,row,column,value）、规范文本（md）、HTML 或 Word 文档（docx）",
	en:       "read reports and print them as JSON, CSV (table,row,column,value), canonical text (md), HTML or a Word document (docx)",
	longZH: `
-f json 输出报告的 JSON 形式；-f csv 输出长表 table,row,column,value，每个单元格一行（空白为空字段，不适用为 "/"）；
-f md 输出规范文本形式（与 nianbao fmt 相同）；-f html 输出按官方表格版式排版的完整 HTML 页面；
-f docx 输出按官方版式排版的 Word 文档（.docx：六个部分，三张表格带模板的合并表头），只能用于一个输入文件，
请重定向到文件，如 nianbao parse -f docx 报告.txt > 报告.docx。
给出多个文件或目录时：JSON 输出一个数组，每个文件一项 {"file", "status": "ok", "report"}，无法读取的文件为
{"file", "status": "error", "error": 原因}；CSV 在最前面加 file、status、error 三列，只有一行表头，无法读取的文件占一行
（status 为 error，error 为原因）；标准错误上最后一行是汇总（-q 不输出，-en 用英文）。
CSV 中以 = + - @、制表符或回车开头的文字（文字单元格、文件名）前面加一个单引号 '，以免电子表格把它当作公式执行；
数字从不改动；-csv-formulas 按原样写出。
-v 在标准错误上列出解析时的修复和猜测（警告），每个文件最多 1000 条（-max-warnings 调整，0 表示全部）。`,
	longEN: `
-f json prints the JSON form of the report; -f csv the long form table,row,column,value, one line per
cell (blank is an empty field, not applicable is "/"); -f md the canonical text form (as nianbao fmt
prints it); -f html a complete HTML page in the official table layout; -f docx a Word document (.docx) in
the official layout (the six sections, the three tables with the template's merged headers), for a
single input file only: redirect it to a file, as in nianbao parse -f docx report.txt > report.docx.
With several files or a directory, JSON is one array with an element per file, {"file", "status": "ok",
"report"}, or {"file", "status": "error", "error": why} for a file that cannot be read; CSV gets the
leading columns file, status and error under a single header line, and a file that cannot be read has a
line of its own (status error, error why); a summary line ends standard error (-q leaves it out, -en
writes it in English). In CSV, text (text cells, file names) that starts with = + - @, a TAB or a CR gets a
leading apostrophe ', so that a spreadsheet does not run it as a formula; numbers are never changed;
-csv-formulas writes such text as it is. -v lists on standard error what the parser repaired or
guessed (warnings), at most 1000 a file (-max-warnings sets the number, 0 lists all).`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		inputFlags(fs, e)
		guessFlags(fs, e)
		englishFlag(fs, e)
		format := fs.String("f", "json", "输出格式：json、csv、md、html 或 docx / output format: json, csv, md, html or docx")
		verbose := fs.Bool("v", false, "在标准错误上列出解析警告 / list the parser's warnings on standard error")
		formulas := csvFormulasFlag(fs)
		maxWarnings := fs.Int("max-warnings", defaultMaxMessages, "与 -v 同用：每个文件最多列出的警告数，其余用一行说明条数；0 表示全部列出 / with -v, the most warnings listed per file, then one line says how many more; 0 lists all")
		return func(args []string) int {
			if !slices.Contains(parseFormats, *format) {
				return usageError(e, "parse", fmt.Sprintf("未知的输出格式 %q（可用 json、csv、md、html、docx）", *format), fmt.Sprintf("unknown format %q (want json, csv, md, html or docx)", *format))
			}
			return runParse(e, args, *format, *verbose, *formulas, *maxWarnings)
		}
	},
}

type parseResult struct {
	out    []byte
	msgs   []string
	status int
	fail   *outcome // the input was not read as a report
}

// parseEntry is an element of the JSON array parse prints for several
// inputs: the report read from a file, or why it could not be read.
type parseEntry struct {
	File   string          `json:"file"`
	Status string          `json:"status"` // "ok" or "error"
	Error  string          `json:"error,omitempty"`
	Report *nianbao.Report `json:"report,omitempty"`
}

func runParse(e *env, args []string, format string, verbose, formulas bool, maxWarnings int) int {
	ins, err := e.expand(args)
	if err != nil {
		return e.expandFailed("parse", err)
	}
	batch := e.batch
	if format == "docx" {
		switch {
		case batch:
			return usageError(e, "parse", "-f docx 只能用于一个输入文件（给出了多个文件或目录）", "-f docx takes a single input file (several files or a directory were given)")
		case isTerminal(terminalOf(e)):
			return usageError(e, "parse", "-f docx 写出的是 Word 文件，请重定向到文件，如 nianbao parse -f docx 报告.txt > 报告.docx", "-f docx writes a Word file: redirect it to a file, as in nianbao parse -f docx report.txt > report.docx")
		}
	}
	switch {
	case format == "csv" && batch:
		io.WriteString(e.stdout, "file,status,error,table,row,column,value\n")
	case format == "json" && batch:
		io.WriteString(e.stdout, "[")
	}
	entries := 0
	entry := func(b []byte) {
		if entries > 0 {
			io.WriteString(e.stdout, ",")
		}
		io.WriteString(e.stdout, "\n  ")
		e.stdout.Write(b)
		entries++
	}
	status := exitOK
	var t tally
	ordered(e, ins, func(in input) parseResult {
		r, data, err := in.load(e, false)
		if r == nil {
			o := in.failed(data, err)
			res := parseResult{fail: &o, status: exitBad}
			if o.skipped {
				res.status = exitOK
				return res
			}
			res.msgs = []string{o.line(in.name)}
			switch {
			case format == "json" && batch:
				res.out, _ = json.MarshalIndent(parseEntry{File: in.name, Status: "error", Error: o.msg.String()}, "  ", "  ")
			case format == "csv" && batch:
				var buf bytes.Buffer
				w := csv.NewWriter(&buf)
				text := csvText(formulas)
				w.Write([]string{text(in.name), "error", text(o.msg.String()), "", "", "", ""})
				w.Flush()
				res.out = buf.Bytes()
			}
			return res
		}
		var res parseResult
		if verbose {
			ws := r.Warnings
			if maxWarnings > 0 && len(ws) > maxWarnings+1 {
				ws = ws[:maxWarnings]
			}
			for _, w := range ws {
				res.msgs = append(res.msgs, diagnosticText(w))
			}
			if n := len(r.Warnings) - len(ws); n > 0 {
				res.msgs = append(res.msgs, fmt.Sprintf("%s: … 另有 %d 条警告未列出，-max-warnings 0 列出全部 / … and %d more warnings not listed; -max-warnings 0 lists them all", quoteName(in.name), n, n))
			}
		}
		var buf bytes.Buffer
		switch format {
		case "json":
			var b []byte
			if batch {
				b, err = json.MarshalIndent(parseEntry{File: in.name, Status: "ok", Report: r}, "  ", "  ")
			} else {
				b, err = json.MarshalIndent(r, "", "  ")
			}
			if err != nil {
				return parseResult{msgs: []string{fmt.Sprintf("%s: 无法写成 JSON / cannot encode as JSON: %v", quoteName(in.name), err)}, status: exitFindings}
			}
			buf.Write(b)
			if !batch {
				buf.WriteByte('\n')
			}
		case "csv":
			err = (&nianbao.CSVWriter{Formulas: formulas}).Write(&buf, r)
			if err == nil && batch {
				err = prefixCSV(&buf, csvText(formulas)(in.name))
			}
		case "md":
			err = nianbao.Render(&buf, r)
		case "html":
			err = nianbao.RenderHTML(&buf, r)
		case "docx":
			err = nianbao.RenderDOCX(&buf, r)
		}
		if err != nil {
			res.msgs = append(res.msgs, fmt.Sprintf("%s: 报告中有内容无法写出 / %v", quoteName(in.name), strings.TrimPrefix(err.Error(), "nianbao: render: ")))
			res.status = exitFindings
		}
		res.out = buf.Bytes()
		return res
	}, func(in input, res parseResult) {
		if res.fail != nil {
			t.fail(e, in.name, *res.fail)
		} else {
			t.reports++
		}
		if format == "json" && batch {
			if len(res.out) > 0 {
				entry(res.out)
			}
		} else {
			e.stdout.Write(res.out)
		}
		for _, m := range res.msgs {
			fmt.Fprintln(e.stderr, m)
		}
		status = max(status, res.status)
	})
	if format == "json" && batch {
		if entries > 0 {
			io.WriteString(e.stdout, "\n")
		}
		io.WriteString(e.stdout, "]\n")
	}
	if batch {
		e.summary(t, false)
	}
	return status
}

// prefixCSV rewrites the long-form CSV in buf (with its header) as records
// with the leading columns file, status ("ok") and error (empty), and no
// header.
func prefixCSV(buf *bytes.Buffer, file string) error {
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		return err
	}
	buf.Reset()
	w := csv.NewWriter(buf)
	for _, rec := range recs[1:] {
		w.Write(append([]string{file, "ok", ""}, rec...))
	}
	w.Flush()
	return w.Error()
}
