// Package webcheck builds what the browser page of web/ shows of a report:
// the check of one file (its metadata, cells, findings, the official table
// layout in HTML, the canonical text and the long CSV) and the year-to-year
// check of several, as values that encode to JSON. It is ordinary Go, so it
// is tested without WebAssembly; web/main.go only hands bytes in and JSON out.
package webcheck

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/docxtext"
	"github.com/opengovcn/nianbao/internal/sniff"
	"github.com/opengovcn/nianbao/schema"
)

// MaxSize is the largest input Check reads, as nianbao validate's default.
const MaxSize = 200 << 20

// Statuses of a file.
const (
	StatusOK         = "ok"         // read, no error or warning
	StatusWarnings   = "warnings"   // read, warnings but no error
	StatusErrors     = "errors"     // read, at least one error
	StatusUnreadable = "unreadable" // not read: Reason says why
)

// Cell is one present cell of a report, in long form.
type Cell struct {
	Ref    string `json:"ref"`
	Table  string `json:"table"`
	Row    string `json:"row"`
	Column string `json:"column"`
	Kind   string `json:"kind"`
	Value  string `json:"value"`
	Line   int    `json:"line,omitempty"`
	Col    int    `json:"col,omitempty"`
}

// Finding is one validation finding.
type Finding struct {
	File      string   `json:"file,omitempty"`
	Code      string   `json:"code"`
	Severity  string   `json:"severity"`
	Message   string   `json:"message"`
	MessageEN string   `json:"message_en"`
	Cells     []string `json:"cells"`
	Line      int      `json:"line,omitempty"`
	Column    int      `json:"column,omitempty"`
}

// Counts counts findings by severity.
type Counts struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Info     int `json:"info"`
}

// Result is the check of one file.
type Result struct {
	File   string `json:"file"`
	Status string `json:"status"`
	// Reason and ReasonEN say why a file is unreadable.
	Reason   string `json:"reason,omitempty"`
	ReasonEN string `json:"reason_en,omitempty"`

	Title     string    `json:"title,omitempty"`
	Agency    string    `json:"agency,omitempty"`
	Year      int       `json:"year,omitempty"`
	Edition   string    `json:"edition,omitempty"`
	Period    string    `json:"period,omitempty"`
	Published string    `json:"published,omitempty"`
	Cells     []Cell    `json:"cells,omitempty"`
	Findings  []Finding `json:"findings"`
	Counts    Counts    `json:"counts"`
	// HTML is the report in the official table layout (RenderHTML's
	// article), every value cell a td with data-ref naming its cell.
	HTML string `json:"html,omitempty"`
	// Page is the whole HTML page of the report, as RenderHTML writes it
	// (and nianbao render -f html prints it).
	Page string `json:"page,omitempty"`
	// Source is the text of the file as it was read, the text that the
	// line and column of cells and findings count in: UTF-8, LF line
	// ends. It is empty for a Word file, whose positions are paragraph
	// numbers, and for a file that could not be read.
	Source string `json:"source,omitempty"`
	// Text is the canonical text form, CSV the long CSV form.
	Text string `json:"text,omitempty"`
	CSV  string `json:"csv,omitempty"`
	// Report is the JSON form of the report, as nianbao parse -f json
	// prints it.
	Report json.RawMessage `json:"report,omitempty"`

	report *nianbao.Report
}

// Check parses and validates one file, as nianbao validate does. It never
// panics: a file that is not a report, or one the library fails on, comes
// back with status unreadable and the reason.
func Check(name string, src []byte) (res Result) {
	res = Result{File: name, Findings: []Finding{}}
	defer func() {
		if p := recover(); p != nil {
			res = Result{File: name, Findings: []Finding{}, Status: StatusUnreadable,
				Reason:   fmt.Sprintf("读取时出现内部错误：%v", p),
				ReasonEN: fmt.Sprintf("internal error while reading: %v", p)}
		}
	}()
	if len(src) > MaxSize {
		res.Status = StatusUnreadable
		res.Reason = "文件超过 200 MB 的大小上限，未读取"
		res.ReasonEN = "larger than the limit of 200 MB, not read"
		return res
	}
	p := nianbao.Parser{Filename: name}
	r, fs, err := p.Validate(src)
	if r == nil {
		if err == nil {
			err = nianbao.ErrNotAReport
		}
		res.Status = StatusUnreadable
		res.Reason, res.ReasonEN = explain(name, src, err)
		return res
	}
	res.report = r
	res.Title, res.Agency, res.Year, res.Period, res.Published = r.Title, r.Agency, r.Year, r.Period, r.Published
	res.Edition = string(r.Edition())
	for _, c := range r.Cells() {
		parts := strings.SplitN(c.Ref, ".", 3)
		for len(parts) < 3 {
			parts = append(parts, "")
		}
		res.Cells = append(res.Cells, Cell{Ref: c.Ref, Table: parts[0], Row: parts[1], Column: parts[2],
			Kind: c.Kind.String(), Value: c.Cell.String(), Line: c.Pos.Line, Col: c.Pos.Column})
	}
	res.Findings = findings(fs)
	res.Counts = count(res.Findings)
	res.Status = status(res.Counts)
	res.HTML, res.Page = tablesHTML(r)
	res.Source = sourceText(src)
	res.Text = string(nianbao.Format(r))
	var csv bytes.Buffer
	_ = nianbao.WriteCSV(&csv, r)
	res.CSV = csv.String()
	if b, err := json.Marshal(r); err == nil {
		res.Report = b
	}
	return res
}

// File is one input of Series.
type File struct {
	Name string `json:"name"`
	Data []byte `json:"-"`
}

// SeriesResult is the check of several files: each file's own check, and
// the findings of the year-to-year rules over the reports of each agency.
type SeriesResult struct {
	Files  []Result  `json:"files"`
	Series []Finding `json:"series"`
	Counts Counts    `json:"counts"`
	// Export is the wide CSV of all the files, one row per file in their
	// order, as nianbao export writes it.
	Export string `json:"export"`
}

// Series checks every file as Check does and the reports read from them
// as ValidateSeries does.
func Series(files []File) SeriesResult {
	out := SeriesResult{Files: []Result{}, Series: []Finding{}}
	var entries []nianbao.SeriesEntry
	for _, f := range files {
		res := Check(f.Name, f.Data)
		if res.report != nil {
			entries = append(entries, nianbao.NewSeriesEntry(f.Name, res.report))
		}
		out.Files = append(out.Files, res)
	}
	if len(entries) > 1 {
		var v nianbao.Validator
		out.Series = findings(v.ValidateSeriesEntries(entries))
	}
	out.Counts = count(out.Series)
	out.Export = ExportCSV(out.Files)
	for _, r := range out.Files {
		out.Counts.Errors += r.Counts.Errors
		out.Counts.Warnings += r.Counts.Warnings
		out.Counts.Info += r.Counts.Info
	}
	return out
}

func findings(fs []nianbao.Finding) []Finding {
	out := []Finding{}
	for _, f := range fs {
		cells := f.Cells
		if cells == nil {
			cells = []string{}
		}
		out = append(out, Finding{File: f.File, Code: f.Code, Severity: f.Severity.String(),
			Message: f.Message, MessageEN: f.MessageEN, Cells: cells, Line: f.Pos.Line, Column: f.Pos.Column})
	}
	return out
}

func count(fs []Finding) Counts {
	var c Counts
	for _, f := range fs {
		switch f.Severity {
		case "error":
			c.Errors++
		case "warning":
			c.Warnings++
		default:
			c.Info++
		}
	}
	return c
}

func status(c Counts) string {
	switch {
	case c.Errors > 0:
		return StatusErrors
	case c.Warnings > 0:
		return StatusWarnings
	}
	return StatusOK
}

// explain says in Chinese and English why a file could not be read.
func explain(name string, src []byte, err error) (zh, en string) {
	msg := strings.TrimPrefix(err.Error(), name+": ")
	switch {
	case errors.Is(err, nianbao.ErrUnsupportedFormat) && strings.Contains(msg, "cannot be read"):
		why := strings.TrimLeft(msg[strings.Index(msg, "cannot be read")+len("cannot be read"):], ": ")
		return "Word 文档（.docx）已损坏或无法读取（" + why + "）；请在 Word 或 WPS 中打开后重新保存",
			"a Word document (.docx) that cannot be read (" + why + "); open it in Word or WPS and save it again"
	case errors.Is(err, nianbao.ErrUnsupportedFormat):
		f, ok := sniff.Detect(src)
		if !ok {
			return "不是文字文件，不能直接读取：" + msg + "；请先转成文字", msg
		}
		if g, ok := sniff.ByName(name); ok && f.Generic {
			f = g
		}
		azh, aen := advice(f.Kind)
		return f.ZH + "不能直接读取：" + azh, f.EN + " is not read directly; " + aen
	case errors.Is(err, nianbao.ErrEncoding):
		return "无法识别文字编码：不是 UTF-8、GB18030 或 UTF-16 文字，可能是二进制文件；请另存为 UTF-8 文本",
			msg + "; save the file as UTF-8 (or GB18030) text"
	case errors.Is(err, nianbao.ErrNotAReport) && strings.Contains(msg, "the input is empty"):
		return "文件是空的，不是年报", "the input is empty, not a report"
	case errors.Is(err, nianbao.ErrNotAReport):
		return "不是政府信息公开工作年度报告：没有模板的部分标题（一、总体情况，二、主动公开政府信息情况……），也没有表格；请确认文件是年报",
			msg + "; check that the file is a 政府信息公开工作年度报告"
	}
	return "无法读取：" + msg, msg
}

// advice says what to do with a file of a kind sniff names.
func advice(kind string) (zh, en string) {
	switch kind {
	case sniff.PDF:
		return "请先用 pdftotext -layout 转成文字，或从 PDF 阅读器中复制文字粘贴到本页",
			"convert it with pdftotext -layout, or copy its text from a PDF reader and paste it here"
	case sniff.Word:
		return "请在 Word 或 WPS 中另存为 .docx 或纯文本", "save it as .docx or plain text in Word or WPS"
	case sniff.Image:
		return "图片需要先做文字识别（OCR）", "an image needs OCR first"
	case sniff.Archive:
		return "请先解压", "unpack it first"
	}
	return "请另存为纯文本", "save it as plain text"
}

// marker is the text that stands for the cell numbered n in the copy of a
// report tablesHTML renders to learn which td holds which cell.
func marker(n int) string { return "@@nbcell" + strconv.Itoa(n) + "@@" }

// tablesHTML returns the article of RenderHTML's page, every td of a value
// cell with a data-ref attribute naming the cell. It renders the report
// twice, the second time with every present cell replaced by a marker: the
// two pages have the same tags in the same order, so the i-th td of one is
// the i-th td of the other.
func tablesHTML(r *nianbao.Report) (tables, whole string) {
	var page bytes.Buffer
	_ = nianbao.RenderHTML(&page, r)
	whole = page.String()
	orig := article(whole)

	m := *r
	cells := r.Cells()
	for i, c := range cells {
		_ = m.SetCell(c.Ref, nianbao.TextCell(marker(i)))
	}
	var marked bytes.Buffer
	_ = nianbao.RenderHTML(&marked, &m)
	mk := article(marked.String())

	origTD := strings.Split(orig, "<td")
	markTD := strings.Split(mk, "<td")
	if len(origTD) != len(markTD) {
		return orig, whole // should not happen; the tables without names
	}
	var b strings.Builder
	b.WriteString(origTD[0])
	for i := 1; i < len(origTD); i++ {
		b.WriteString("<td")
		seg := markTD[i]
		if end := strings.Index(seg, "</td>"); end >= 0 {
			seg = seg[:end]
		}
		if s := strings.Index(seg, "@@nbcell"); s >= 0 {
			num := seg[s+len("@@nbcell"):]
			if e := strings.Index(num, "@@"); e >= 0 {
				if n, err := strconv.Atoi(num[:e]); err == nil && n < len(cells) {
					b.WriteString(` data-ref="` + html.EscapeString(cells[n].Ref) + `"`)
				}
			}
		}
		b.WriteString(origTD[i])
	}
	return b.String(), whole
}

// article cuts the article element out of a page RenderHTML wrote.
func article(page string) string {
	s := strings.Index(page, "<article")
	e := strings.LastIndex(page, "</article>")
	if s < 0 || e < s {
		return page
	}
	return page[s : e+len("</article>")]
}

// ExportCSV returns the wide CSV of the checked files, as nianbao export
// writes it: the header file,status,error,agency,year,edition and every cell
// reference of both editions, then one row per file; a file that was not
// read has status error and the reason (Chinese / English). Text that a
// spreadsheet would run as a formula gets a leading apostrophe.
func ExportCSV(files []Result) string {
	refs := schema.AllRefs()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(append([]string{"file", "status", "error", "agency", "year", "edition"}, refs...))
	for _, f := range files {
		if f.report == nil {
			w.Write(append([]string{nianbao.EscapeFormula(f.File), "error", nianbao.EscapeFormula(f.Reason + " / " + f.ReasonEN)}, make([]string, 3+len(refs))...))
			continue
		}
		r := f.report
		year := ""
		if r.Year != 0 {
			year = strconv.Itoa(r.Year)
		}
		rec := []string{nianbao.EscapeFormula(f.File), "ok", "", nianbao.EscapeFormula(r.Agency), year, string(r.Edition())}
		for _, ref := range refs {
			c, _ := r.Cell(ref)
			v := c.String()
			if c.Kind == nianbao.Text {
				v = nianbao.EscapeFormula(v)
			}
			rec = append(rec, v)
		}
		w.Write(rec)
	}
	w.Flush()
	return b.String()
}

// sourceText returns src as the text its positions count in: UTF-16 (with a
// byte order mark) and GB18030 decoded, a UTF-8 byte order mark dropped,
// CRLF and lone CR made LF. A Word file has none (its positions are
// paragraph numbers), nor has binary data.
func sourceText(src []byte) string {
	if docxtext.Is(src) {
		return ""
	}
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}), bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		u, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(src)
		if err != nil {
			return ""
		}
		src = u
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(src) {
		d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src)
		if err != nil {
			return strings.ToValidUTF8(string(src), "\uFFFD")
		}
		src = d
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return ""
	}
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
