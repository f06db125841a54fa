package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/schema"
)

// seedsDir is the directory of the real sample reports.
const seedsDir = "../../testdata/seeds"

// result is what one run of nianbao printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// nb runs nianbao in-process with the given standard input.
func nb(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return nbWorkers(t, 0, stdin, args...)
}

// nbWorkers is nb with a given number of workers (0: one per CPU).
func nbWorkers(t *testing.T, workers int, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	var code int
	if workers == 0 {
		code = run(args, strings.NewReader(stdin), &out, &errb)
	} else {
		e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, workers: workers}
		code = e.run(args)
	}
	return result{code, out.String(), errb.String()}
}

// seeds returns the paths of the sample reports, sorted.
func seeds(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds in %s: %v", seedsDir, err)
	}
	slices.Sort(files)
	return files
}

// parseFile parses a file with the library, as the reference for the CLI.
func parseFile(t *testing.T, name string) *nianbao.Report {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := (&nianbao.Parser{Filename: name}).Parse(src)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return r
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestUsageAndHelp(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   []string // substrings of standard output
		stderr   []string // substrings of standard error
		noStdout bool
	}{
		{name: "no args", args: nil, code: exitBad, stderr: []string{"用法", "Usage", "validate"}, noStdout: true},
		{name: "help", args: []string{"help"}, code: exitOK, stdout: []string{"命令", "Commands", "parse", "fmt", "validate", "export", "schema", "version"}},
		{name: "-h", args: []string{"-h"}, code: exitOK, stdout: []string{"Usage"}},
		{name: "help parse", args: []string{"help", "parse"}, code: exitOK, stdout: []string{"nianbao parse", "-f", "输出格式", "output format"}},
		{name: "parse -h", args: []string{"parse", "-h"}, code: exitOK, stdout: []string{"nianbao parse", "输出格式", "output format"}},
		{name: "fmt -h", args: []string{"fmt", "-h"}, code: exitOK, stdout: []string{"gofmt", "-w", "-l", "-d"}},
		{name: "validate -help", args: []string{"validate", "-help"}, code: exitOK, stdout: []string{"-strict", "-rules", "退出状态", "Exit status"}},
		{name: "help export", args: []string{"help", "export"}, code: exitOK, stdout: []string{"jsonl", "file,status,error,agency,year,edition"}},
		{name: "help unknown", args: []string{"help", "frob"}, code: exitBad, stderr: []string{`unknown command "frob"`}},
		{name: "unknown command", args: []string{"frob"}, code: exitBad, stderr: []string{`unknown command "frob"`, "nianbao help"}},
		{name: "unknown flag", args: []string{"parse", "-x"}, code: exitBad, stderr: []string{"-x", "nianbao help parse"}},
		{name: "bad format", args: []string{"parse", "-f", "xml"}, code: exitBad, stderr: []string{`"xml"`}},
		{name: "export bad format", args: []string{"export", "-f", "xlsx"}, code: exitBad, stderr: []string{`"xlsx"`}},
		{name: "version", args: []string{"version"}, code: exitOK, stdout: []string{"nianbao ", "go1."}},
		{name: "version arg", args: []string{"version", "x"}, code: exitBad},
		{name: "stdin twice", args: []string{"parse", "-", "-"}, code: exitBad, stderr: []string{"more than once"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := nb(t, "", tt.args...)
			if res.code != tt.code {
				t.Errorf("nianbao %q: exit %d, want %d; stderr:\n%s", tt.args, res.code, tt.code, res.stderr)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(res.stdout, s) {
					t.Errorf("nianbao %q: stdout lacks %q:\n%s", tt.args, s, res.stdout)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(res.stderr, s) {
					t.Errorf("nianbao %q: stderr lacks %q:\n%s", tt.args, s, res.stderr)
				}
			}
			if tt.noStdout && res.stdout != "" {
				t.Errorf("nianbao %q: unexpected stdout:\n%s", tt.args, res.stdout)
			}
		})
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	for _, c := range commands {
		res := nb(t, "", "help", c.name)
		if res.code != exitOK || !strings.Contains(res.stdout, c.zh) || !strings.Contains(res.stdout, c.en) {
			t.Errorf("nianbao help %s: exit %d, output lacks its Chinese or English description:\n%s", c.name, res.code, res.stdout)
		}
	}
}

func TestParseJSONStdin(t *testing.T) {
	name := seeds(t)[1]
	want, err := (&nianbao.Parser{Filename: stdinName}).Parse([]byte(readFile(t, name)))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range want.Warnings {
		w.Err = nil // JSON keeps no sentinel
	}
	for _, args := range [][]string{{"parse"}, {"parse", "-"}, {"parse", "-f", "json", "-"}} {
		res := nb(t, readFile(t, name), args...)
		if res.code != exitOK {
			t.Fatalf("nianbao %q < %s: exit %d; stderr:\n%s", args, name, res.code, res.stderr)
		}
		var got nianbao.Report
		if err := json.Unmarshal([]byte(res.stdout), &got); err != nil {
			t.Fatalf("nianbao %q: output is not a report in JSON: %v", args, err)
		}
		if diff := cmp.Diff(want, &got); diff != "" {
			t.Errorf("nianbao %q < %s mismatch (-want +got):\n%s", args, name, diff)
		}
	}
}

func TestParseCSV(t *testing.T) {
	for _, name := range seeds(t) {
		var want bytes.Buffer
		if err := nianbao.WriteCSV(&want, parseFile(t, name)); err != nil {
			t.Fatal(err)
		}
		res := nb(t, "", "parse", "-f", "csv", name)
		if res.code != exitOK || res.stdout != want.String() {
			t.Errorf("nianbao parse -f csv %s: exit %d, output differs from WriteCSV:\n%s", name, res.code,
				cmp.Diff(want.String(), res.stdout))
		}
	}
}

func TestParseCSVSeveralFiles(t *testing.T) {
	files := seeds(t)
	res := nb(t, "", append([]string{"parse", "-f", "csv"}, files...)...)
	if res.code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", res.code, res.stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(res.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"file", "status", "error", "table", "row", "column", "value"}, recs[0]); diff != "" {
		t.Errorf("header mismatch (-want +got):\n%s", diff)
	}
	var want [][]string
	for _, f := range files {
		for _, rc := range parseFile(t, f).Cells() {
			want = append(want, append([]string{f, "ok", ""}, append(strings.SplitN(rc.Ref, ".", 3), rc.Cell.String())...))
		}
	}
	if diff := cmp.Diff(want, recs[1:]); diff != "" {
		t.Errorf("records mismatch (-want +got):\n%s", diff)
	}
}

func TestParseMarkdownAndHTML(t *testing.T) {
	name := seeds(t)[4]
	r := parseFile(t, name)
	res := nb(t, "", "parse", "-f", "md", name)
	if res.code != exitOK || res.stdout != string(nianbao.Format(r)) {
		t.Errorf("parse -f md: exit %d, output is not Format(Parse(seed))", res.code)
	}
	var html bytes.Buffer
	nianbao.RenderHTML(&html, r)
	res = nb(t, "", "parse", "-f", "html", name)
	if res.code != exitOK || res.stdout != html.String() {
		t.Errorf("parse -f html: exit %d, output is not RenderHTML(Parse(seed))", res.code)
	}
}

// parse -f docx writes RenderDOCX(Parse(file)) for one file, which reads
// back as the same report; with several files or a directory, or with
// standard output on a terminal, it writes nothing and says why.
func TestParseDOCX(t *testing.T) {
	name := seeds(t)[4]
	r := parseFile(t, name)
	var docx bytes.Buffer
	if err := nianbao.RenderDOCX(&docx, r); err != nil {
		t.Fatal(err)
	}
	res := nb(t, "", "parse", "-f", "docx", name)
	if res.code != exitOK || res.stdout != docx.String() || res.stderr != "" {
		t.Fatalf("parse -f docx: exit %d, output is not RenderDOCX(Parse(seed)); stderr:\n%s", res.code, res.stderr)
	}
	out := filepath.Join(t.TempDir(), "年报.docx")
	if err := os.WriteFile(out, []byte(res.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if back := nb(t, "", "parse", "-f", "md", out); back.code != exitOK || back.stdout != string(nianbao.Format(r)) {
		t.Errorf("parse -f md of the .docx: exit %d, not the seed's canonical text:\n%s", back.code, back.stderr)
	}
	for _, args := range [][]string{{name, seeds(t)[3]}, {filepath.Dir(name)}} {
		res := nb(t, "", append([]string{"parse", "-f", "docx"}, args...)...)
		if res.code != exitBad || res.stdout != "" ||
			!strings.Contains(res.stderr, "-f docx 只能用于一个输入文件") || !strings.Contains(res.stderr, "-f docx takes a single input file") {
			t.Errorf("parse -f docx %q: exit %d, stdout %d bytes, stderr:\n%s", args, res.code, len(res.stdout), res.stderr)
		}
	}
	defer func(f func(io.Writer) bool) { isTerminal = f }(isTerminal)
	isTerminal = func(io.Writer) bool { return true }
	res = nb(t, "", "parse", "-f", "docx", name)
	if res.code != exitBad || res.stdout != "" || !strings.Contains(res.stderr, "请重定向到文件") || !strings.Contains(res.stderr, "redirect it to a file") {
		t.Errorf("parse -f docx to a terminal: exit %d, stdout %d bytes, stderr:\n%s", res.code, len(res.stdout), res.stderr)
	}
}

func TestParseVerboseWarnings(t *testing.T) {
	for _, name := range seeds(t) {
		r := parseFile(t, name)
		res := nb(t, "", "parse", "-v", name)
		if got, want := strings.Count(res.stderr, "\n"), len(r.Warnings); got != want {
			t.Errorf("parse -v %s: %d lines on stderr, want one per warning (%d):\n%s", name, got, want, res.stderr)
		}
		if quiet := nb(t, "", "parse", name); quiet.stderr != "" {
			t.Errorf("parse %s without -v wrote to stderr:\n%s", name, quiet.stderr)
		}
	}
}

// badInputs are files that are not reports, with the words their one-line
// error message must contain.
var badInputs = []struct {
	name, content string
	want          []string
}{
	{"report.pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\nbinary", []string{"PDF 文件不能直接读取：先用 pdftotext -layout 转成文字", "a PDF file is not read directly; convert it with pdftotext -layout first"}},
	{"report.docx", "PK\x03\x04\x14\x00binary", []string{"Word 文档（.docx）", "另存为纯文本", "a Word document (.docx)", "plain text"}},
	{"scan.jpg", "\xFF\xD8\xFF\xE0\x00\x10JFIF", []string{"JPEG 图片", "文字识别（OCR）", "OCR"}},
	{"empty.txt", "", []string{"文件是空的", "empty"}},
	{"news.txt", "今天天气很好，我们去公园散步。\n晚上吃了饺子。\n", []string{"不是政府信息公开工作年度报告", "not an annual report"}},
	{"binary.txt", "\x80\x81\xff\xfe\x00\x01\x02\x80\x90\xa0\xb0\xc0\xd0\xe0\xf0\xff", []string{"无法识别文字编码", "UTF-8"}},
}

func TestMixOfGoodAndBadFiles(t *testing.T) {
	dir := t.TempDir()
	files := seeds(t)
	var args []string
	for i, b := range badInputs {
		p := filepath.Join(dir, b.name)
		writeFile(t, p, b.content)
		args = append(args, files[i%len(files)], p)
	}
	missing := filepath.Join(dir, "missing.txt")
	args = append(args, missing)
	for _, cmd := range [][]string{{"parse", "-q"}, {"parse", "-f", "csv", "-q"}, {"fmt"}, {"export", "-q"}, {"validate", "-q"}} {
		t.Run(strings.Join(cmd, " "), func(t *testing.T) {
			res := nb(t, "", append(cmd, args...)...)
			if res.code != exitBad {
				t.Errorf("exit %d, want %d", res.code, exitBad)
			}
			lines := strings.Split(strings.TrimSuffix(res.stderr, "\n"), "\n")
			if len(lines) != len(badInputs)+1 {
				t.Errorf("stderr has %d lines, want one per bad file (%d):\n%s", len(lines), len(badInputs)+1, res.stderr)
			}
			for i, b := range badInputs {
				if i >= len(lines) {
					break
				}
				p := filepath.Join(dir, b.name)
				if !strings.HasPrefix(lines[i], p+": ") {
					t.Errorf("line %d of stderr does not start with %s: %q", i+1, p, lines[i])
				}
				for _, w := range b.want {
					if !strings.Contains(lines[i], w) {
						t.Errorf("message for %s lacks %q: %q", b.name, w, lines[i])
					}
				}
			}
			if last := lines[len(lines)-1]; !strings.HasPrefix(last, missing+": 文件或目录不存在") || !strings.Contains(last, "no such file") {
				t.Errorf("last line of stderr = %q, want the missing file", last)
			}
		})
	}
	// The good files were all processed, and the bad ones recorded: export
	// has a row for each file, in order, whose status says which.
	res := nb(t, "", append([]string{"export"}, args...)...)
	recs, err := csv.NewReader(strings.NewReader(res.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+len(args) {
		t.Fatalf("export printed %d rows, want a header and one for each of %d files", len(recs), len(args))
	}
	for i, a := range args {
		rec := recs[i+1]
		want := "ok"
		if i%2 == 1 || a == missing {
			want = "error"
		}
		if rec[0] != a || rec[1] != want || (want == "error") != (rec[2] != "") {
			t.Errorf("export row %d: file %q status %q error %q; want %q %q", i+1, rec[0], rec[1], rec[2], a, want)
		}
	}
}

func TestDirectory(t *testing.T) {
	dir := t.TempDir()
	files := seeds(t)
	// A tree with reports at several depths, files that are not picked up,
	// and a hidden directory that is skipped.
	layout := map[string]string{
		"b/2023.txt":        files[1],
		"a.md":              files[4],
		"b/c/2021.TXT":      files[2],
		"notes.json":        "",
		"b/readme.pdf":      "",
		".git/x.txt":        files[0],
		"z/deeper/last.htm": "",
	}
	for name, from := range layout {
		content := "x"
		if from != "" {
			content = readFile(t, from)
		}
		writeFile(t, filepath.Join(dir, name), content)
	}
	res := nb(t, "", "export", dir)
	if res.code != exitBad { // last.htm is not a report
		t.Errorf("export %s: exit %d, want %d", dir, res.code, exitBad)
	}
	recs, err := csv.NewReader(strings.NewReader(res.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, rec := range recs[1:] {
		got = append(got, rec[0]+" "+rec[1])
	}
	want := []string{filepath.Join(dir, "a.md") + " ok", filepath.Join(dir, "b/2023.txt") + " ok", filepath.Join(dir, "b/c/2021.TXT") + " ok",
		filepath.Join(dir, "z/deeper/last.htm") + " error"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files exported from a directory mismatch (-want +got):\n%s", diff)
	}
	for _, note := range []string{
		filepath.Join(dir, "z/deeper/last.htm") + ": 不是政府信息公开工作年度报告",
		filepath.Join(dir, "b/readme.pdf") + ": 不是可读取的报告格式，已跳过；先用 pdftotext -layout 转成文字",
		dir + ": 另有 1 个文件不是报告格式（.json 1 个），已跳过",
		"3 份报告；1 个文件无法读取；跳过 2 个文件\n",
	} {
		if !strings.Contains(res.stderr, note) {
			t.Errorf("stderr lacks %q:\n%s", note, res.stderr)
		}
	}
	if res := nb(t, "", "export", "-q", dir); strings.Count(res.stderr, "\n") != 1 || !strings.Contains(res.stderr, "last.htm") {
		t.Errorf("export -q: stderr has more than the error of last.htm:\n%s", res.stderr)
	}

	empty := t.TempDir()
	res = nb(t, "", "parse", empty)
	if res.code != exitBad || !strings.Contains(res.stderr, "目录中没有 .txt .md .html .htm .docx 文件") || !strings.Contains(res.stderr, "no .txt .md .html .htm .docx files") {
		t.Errorf("parse of an empty directory: exit %d, stderr %q", res.code, res.stderr)
	}
}

func TestExportSeeds(t *testing.T) {
	res := nb(t, "", "export", seedsDir)
	if res.code != exitOK {
		t.Fatalf("export %s: exit %d; stderr:\n%s", seedsDir, res.code, res.stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(res.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := append([]string{"file", "status", "error", "agency", "year", "edition"}, schema.AllRefs()...)
	if diff := cmp.Diff(header, recs[0]); diff != "" {
		t.Errorf("header mismatch (-want +got):\n%s", diff)
	}
	files := seeds(t)
	if len(recs) != 1+len(files) {
		t.Fatalf("export printed %d rows, want %d", len(recs)-1, len(files))
	}
	for i, name := range files {
		r := parseFile(t, name)
		edition := string(r.Edition())
		year := ""
		if r.Year != 0 {
			year = fmt.Sprint(r.Year)
		}
		want := map[string]string{"file": filepath.Join(seedsDir, filepath.Base(name)), "status": "ok", "error": "", "agency": r.Agency, "year": year, "edition": edition}
		got := map[string]string{}
		for j, col := range header {
			got[col] = recs[i+1][j]
		}
		for _, ref := range schema.AllRefs() {
			c, _ := r.Cell(ref)
			want[ref] = c.String()
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("row of %s mismatch (-want +got):\n%s", name, diff)
		}
	}
}

func TestExportJSONL(t *testing.T) {
	files := seeds(t)
	res := nb(t, "", append([]string{"export", "-f", "jsonl"}, files...)...)
	if res.code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", res.code, res.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n")
	if len(lines) != len(files) {
		t.Fatalf("%d lines, want one per report (%d)", len(lines), len(files))
	}
	for i, name := range files {
		r := parseFile(t, name)
		var got map[string]any
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		want := map[string]any{"file": name, "status": "ok", "agency": r.Agency, "edition": string(r.Edition())}
		if r.Year != 0 {
			want["year"] = float64(r.Year)
		}
		for _, rc := range r.Cells() {
			if slices.Contains(schema.AllRefs(), rc.Ref) {
				want[rc.Ref] = rc.Cell.String()
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("jsonl of %s mismatch (-want +got):\n%s", name, diff)
		}
	}
}

func TestSchema(t *testing.T) {
	res := nb(t, "", "schema", "-f", "json")
	if res.code != exitOK {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	var cells []schemaCell
	if err := json.Unmarshal([]byte(res.stdout), &cells); err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, c := range cells {
		refs = append(refs, c.Ref)
		if c.RowLabel == "" || c.ColumnLabel == "" || c.Kind == "" || c.Kind == "unknown" || len(c.Editions) == 0 {
			t.Errorf("schema cell %+v lacks a label, kind or edition", c)
		}
	}
	n := len(schema.AllRefs())
	if diff := cmp.Diff(schema.AllRefs(), refs[:n]); diff != "" {
		t.Errorf("official refs mismatch (-want +got):\n%s", diff)
	}
	for _, c := range cells[n:] {
		if !c.Extra {
			t.Errorf("cell %s after the official ones is not marked extra", c.Ref)
		}
	}
	// Every cell the Report type can hold is listed exactly once.
	if diff := cmp.Diff(nianbao.CellRefs(), slices.Sorted(slices.Values(refs))); diff != "" {
		t.Errorf("schema lists other cells than Report holds (-want +got):\n%s", diff)
	}
	text := nb(t, "", "schema")
	if text.code != exitOK || strings.Count(text.stdout, "\n") != len(cells)+1 {
		t.Errorf("schema text: exit %d, %d lines, want a header and %d cells", text.code, strings.Count(text.stdout, "\n"), len(cells))
	}
	for _, want := range []string{"t3.new.total", "一、本年新收政府信息公开申请数量 × 总计", "t2.fees.amount", "amount"} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("schema text lacks %q", want)
		}
	}
}

func TestExportStdinAndHTML(t *testing.T) {
	name := seeds(t)[3]
	res := nb(t, readFile(t, name), "export", "-f", "jsonl")
	var got map[string]any
	if err := json.Unmarshal([]byte(res.stdout), &got); err != nil || res.code != exitOK {
		t.Fatalf("export -f jsonl < %s: exit %d, %v\n%s", name, res.code, err, res.stderr)
	}
	r := parseFile(t, name)
	if got["file"] != stdinName || got["agency"] != r.Agency || got["t3.new.total"] != r.Requests.New.Total.String() {
		t.Errorf("export of standard input: file %v agency %v t3.new.total %v", got["file"], got["agency"], got["t3.new.total"])
	}

	// Web pages in a directory are read too.
	pages, _ := filepath.Glob("../../testdata/html/*.html")
	if len(pages) == 0 {
		t.Skip("no HTML pages in testdata/html")
	}
	res = nb(t, "", "export", "../../testdata/html")
	recs, err := csv.NewReader(strings.NewReader(res.stdout)).ReadAll()
	if err != nil || res.code != exitOK || len(recs) != 1+len(pages) {
		t.Fatalf("export testdata/html: exit %d, %d rows, want %d (%v)\n%s", res.code, len(recs)-1, len(pages), err, res.stderr)
	}
	for i, p := range pages {
		want := parseFile(t, p)
		if recs[i+1][0] != p || recs[i+1][3] != want.Agency {
			t.Errorf("row %d: %s %s, want %s %s", i+1, recs[i+1][0], recs[i+1][3], p, want.Agency)
		}
	}
}
