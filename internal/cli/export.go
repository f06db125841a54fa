package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/schema"
)

var exportCmd = &command{
	name:     "export",
	synopsis: "nianbao export [-f csv|jsonl] [-csv-formulas] [-q] [-en] [file|dir|-]...",
	zh:       "每份报告输出一行（宽表），供电子表格和 pandas 使用",
	en:       "print one row per report (wide form), for spreadsheets and pandas",
	longZH: `
-f csv（默认）：表头为 file,status,error,agency,year,edition，然后是两种格式的全部单元格引用（按目录顺序，
t2.regulations.issued … t4.suit_after_review.total）；取值与 CSV 相同：数字、空白为空、不适用为 "/"、
文字原样；报告版式中没有的单元格为空。edition 为 2019、2021，或各表格版式不一时为 hybrid。
status 为 ok；无法读取或不是年报的文件也占一行，status 为 error，error 为原因（中文 / 英文），其余列为空。
-f jsonl：每份报告一个 JSON 对象（一行），键与 CSV 列相同；year 为数字（未知时省略）；
报告版式中没有的单元格不出现；单元格取值均为字符串（保持精确的十进制数字）；无法读取的文件为
{"file", "status": "error", "error"}。结果边读边输出；给出多个文件或目录时，标准错误上最后一行是汇总（-q 不输出）。
CSV 中以 = + - @、制表符或回车开头的文字（文件名、机关名称、文字单元格）前面加一个单引号 '，
以免电子表格把它当作公式执行（OWASP 的做法）；数字（包括本年增/减的 -3 这样的负数）从不改动。
-csv-formulas 关闭这一处理，按原样写出。`,
	longEN: `
-f csv (default): the header is file,status,error,agency,year,edition followed by every cell reference of both
editions in catalog order (t2.regulations.issued … t4.suit_after_review.total); values as in the long
CSV: digits, empty for blank, "/" for not applicable, text verbatim; cells absent from a report's
layout are empty. edition is 2019, 2021, or hybrid when the report's blocks use different editions.
status is ok; a file that cannot be read or is not a report has a row too, status error, error why (in
Chinese / English), the other columns empty.
-f jsonl: one JSON object per report on one line, with the CSV columns as keys; year is a number (left
out when unknown); absent cells are left out; cell values are strings (exact decimal digits); a file
that cannot be read is {"file", "status": "error", "error"}. Rows are printed as the files are read;
with several files or a directory, a summary line ends standard error (-q leaves it out).
In CSV, text (file names, agency names, text cells) that starts with = + - @, a TAB or a CR gets a
leading apostrophe ', so that a spreadsheet does not run it as a formula (the OWASP rule); numbers
(a negative 本年增/减 such as -3 among them) are never changed. -csv-formulas writes such text as it is.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		inputFlags(fs, e)
		guessFlags(fs, e)
		englishFlag(fs, e)
		format := fs.String("f", "csv", "输出格式：csv 或 jsonl / output format: csv or jsonl")
		formulas := csvFormulasFlag(fs)
		return func(args []string) int {
			if *format != "csv" && *format != "jsonl" {
				return usageError(e, "export", fmt.Sprintf("未知的输出格式 %q（可用 csv、jsonl）", *format), fmt.Sprintf("unknown format %q (want csv or jsonl)", *format))
			}
			return runExport(e, args, *format, *formulas)
		}
	},
}

// exportHeader returns the columns of the wide form.
func exportHeader() []string {
	return append([]string{"file", "status", "error", "agency", "year", "edition"}, schema.AllRefs()...)
}

func yearString(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

type exportResult struct {
	out    []byte
	msg    string
	status int
	fail   *outcome // the input was not read as a report
}

func runExport(e *env, args []string, format string, formulas bool) int {
	ins, err := e.expand(args)
	if err != nil {
		return e.expandFailed("export", err)
	}
	refs := schema.AllRefs()
	text := csvText(formulas)
	if format == "csv" {
		w := csv.NewWriter(e.stdout)
		w.Write(exportHeader())
		w.Flush()
	}
	status := exitOK
	var t tally
	ordered(e, ins, func(in input) exportResult {
		r, data, err := in.load(e, false)
		var buf bytes.Buffer
		if r == nil {
			o := in.failed(data, err)
			if o.skipped {
				return exportResult{fail: &o}
			}
			if format == "csv" {
				w := csv.NewWriter(&buf)
				w.Write(append([]string{text(in.name), "error", text(o.msg.String())}, make([]string, 3+len(refs))...))
				w.Flush()
			} else {
				writeJSONLError(&buf, in.name, o.msg.String())
			}
			return exportResult{out: buf.Bytes(), msg: o.line(in.name), status: exitBad, fail: &o}
		}
		if format == "csv" {
			rec := []string{text(in.name), "ok", "", text(r.Agency), yearString(r.Year), string(r.Edition())}
			for _, ref := range refs {
				c, _ := r.Cell(ref)
				v := c.String()
				if c.Kind == nianbao.Text {
					v = text(v)
				}
				rec = append(rec, v)
			}
			w := csv.NewWriter(&buf)
			w.Write(rec)
			w.Flush()
		} else {
			writeJSONL(&buf, in.name, r, refs)
		}
		return exportResult{out: buf.Bytes()}
	}, func(in input, res exportResult) {
		if res.fail != nil {
			t.fail(e, in.name, *res.fail)
		} else {
			t.reports++
		}
		e.stdout.Write(res.out)
		if res.msg != "" {
			fmt.Fprintln(e.stderr, res.msg)
		}
		status = max(status, res.status)
	})
	if e.batch {
		e.summary(t, false)
	}
	return status
}

// writeJSONLError writes the line of an input that could not be read.
func writeJSONLError(w io.Writer, file, msg string) {
	b, _ := json.Marshal(struct {
		File   string `json:"file"`
		Status string `json:"status"`
		Error  string `json:"error"`
	}{file, "error", msg})
	w.Write(append(b, '\n'))
}

// writeJSONL writes one report as a JSON object on one line, keys in the
// order of the CSV columns.
func writeJSONL(w io.Writer, file string, r *nianbao.Report, refs []string) {
	var b bytes.Buffer
	b.WriteByte('{')
	field := func(k string, v any) {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		vb, _ := json.Marshal(v)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	field("file", file)
	field("status", "ok")
	field("agency", r.Agency)
	if r.Year != 0 {
		field("year", r.Year)
	}
	field("edition", string(r.Edition()))
	for _, ref := range refs {
		if c, _ := r.Cell(ref); c.Kind != nianbao.Absent {
			field(ref, c.String())
		}
	}
	b.WriteString("}\n")
	w.Write(b.Bytes())
}

// csvFormulasFlag declares -csv-formulas on fs.
func csvFormulasFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("csv-formulas", false, "CSV 中以 = + - @ 等开头的文字按原样写出（电子表格可能把它当作公式执行） / in CSV, write text that starts with = + - @ as it is (a spreadsheet may run it as a formula)")
}

// csvText returns how a text field of CSV output is written: neutralised
// against formula injection (nianbao.EscapeFormula), or as it is when
// formulas is set.
func csvText(formulas bool) func(string) string {
	if formulas {
		return func(s string) string { return s }
	}
	return nianbao.EscapeFormula
}
