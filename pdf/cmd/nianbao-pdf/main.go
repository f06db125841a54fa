// Command nianbao-pdf reads annual reports on government information
// disclosure (政府信息公开工作年度报告) from PDF files directly, with PDFium
// (package github.com/opengovcn/nianbao/pdf), and writes the report's text
// for the nianbao command, or its cells as CSV or JSON.
//
// Usage:
//
//	nianbao-pdf [-f text|csv|json] report.pdf
//
// -f text (the default) writes the text the PDF reader makes of the file —
// table rows between ruling lines as TAB-separated cells — for `nianbao
// parse`, `nianbao validate` and the rest to read from standard input:
//
//	nianbao-pdf 报告.pdf | nianbao validate -
//
// -f csv writes the cells (table,row,column,value, as `nianbao parse -f
// csv`), -f json the report. The reader is experimental (see the package
// documentation of github.com/opengovcn/nianbao/pdf): a cell whose place
// it cannot prove is left blank, with a warning (-v lists them).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/pdf"
	"github.com/opengovcn/nianbao/pdf/internal/pdfmsg"
)

const usage = `用法 / usage: nianbao-pdf [-f text|csv|json] [-v] 报告.pdf

直接读取 PDF 格式的政府信息公开工作年度报告（用 PDFium，无需安装 pdftotext）。
-f text（默认）输出读出的文字，供 nianbao 命令从标准输入读取，如：nianbao-pdf 报告.pdf | nianbao validate -
-f csv 输出单元格（table,row,column,value），-f json 输出报告的 JSON；-v 在标准错误上列出解析时的警告。
PDF 读取仍是实验性的：不能证明位置的单元格留空并给出警告，不会填入猜测的数字。

Reads an annual report on government information disclosure from a PDF file directly (with PDFium; no
pdftotext needed). -f text (the default) writes the text read, for the nianbao command to read from
standard input, as in: nianbao-pdf report.pdf | nianbao validate -
-f csv writes the cells (table,row,column,value), -f json the report as JSON; -v lists the parser's
warnings on standard error. PDF reading is experimental: a cell whose place cannot be proved is left
blank with a warning, never filled with a guessed number.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command, for tests: it returns the exit status (0 done, 1 the
// file could not be read, 2 a usage error).
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("nianbao-pdf", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("f", "text", "")
	verbose := fs.Bool("v", false, "")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch *format {
	case "text", "csv", "json":
	default:
		fmt.Fprintf(stderr, "未知的输出格式 %q（可用 text、csv、json） / unknown output format %q (text, csv or json)\n", *format, *format)
		return 2
	}
	name := fs.Arg(0)
	src, err := os.ReadFile(name)
	if err != nil {
		fmt.Fprintf(stderr, "%s: 无法读取文件 / cannot read the file: %v\n", name, err)
		return 1
	}
	text, err := pdf.ToText(src)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %s\n", name, describe(err))
		return 1
	}
	if *format == "text" {
		_, err = stdout.Write(text)
		return status(err, stderr)
	}
	r, err := (&nianbao.Parser{Filename: name}).Parse(text)
	if r == nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	if *verbose {
		for _, w := range r.Warnings {
			fmt.Fprintln(stderr, w)
		}
	}
	if *format == "csv" {
		return status(nianbao.WriteCSV(stdout, r), stderr)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return status(enc.Encode(r), stderr)
}

// describe says what went wrong reading a PDF, Chinese first.
func describe(err error) string {
	zh, en := pdfmsg.Describe(err)
	return zh + " / " + en
}

func status(err error, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintf(stderr, "写出失败 / write failed: %v\n", err)
		return 1
	}
	return 0
}
