package webcheck

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/opengovcn/nianbao"
)

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The JSON of a seed report with broken sums has its metadata, its cells in
// long form, the findings naming their cells, the tables with every cell
// named, the canonical text and the CSV.
func TestCheckSeed(t *testing.T) {
	res := Check("004_broken_sums.txt", readFile(t, "validate/004_broken_sums.txt"))
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		File, Status, Agency, Edition string
		Year                          int
		Cells                         []struct{ Ref, Table, Row, Column, Kind, Value string }
		Findings                      []struct {
			Code, Severity, Message string
			MessageEN               string `json:"message_en"`
			Cells                   []string
			Line, Column            int
		}
		HTML, Text, CSV string
		Report          map[string]any
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.File != "004_broken_sums.txt" || got.Status != StatusErrors || got.Agency != "芜湖市医疗保障局" || got.Year != 2023 || got.Edition != "2021" {
		t.Errorf("file %q status %q agency %q year %d edition %q", got.File, got.Status, got.Agency, got.Year, got.Edition)
	}
	cells := map[string]string{}
	for _, c := range got.Cells {
		cells[c.Ref] = c.Value
		if c.Table+"."+c.Row+"."+c.Column != c.Ref {
			t.Errorf("cell %s split as %s %s %s", c.Ref, c.Table, c.Row, c.Column)
		}
	}
	if len(got.Cells) < 100 || cells["t3.new.natural_person"] == "" {
		t.Errorf("%d cells, t3.new.natural_person %q", len(got.Cells), cells["t3.new.natural_person"])
	}
	if len(got.Findings) != 4 {
		t.Fatalf("%d findings, want 4: %+v", len(got.Findings), got.Findings)
	}
	f := got.Findings[0]
	if f.Code != "t3-balance" || f.Severity != "error" || f.Line != 56 || f.Column != 19 ||
		!strings.Contains(f.Message, "表三") || !strings.Contains(f.MessageEN, "table 3") || len(f.Cells) != 4 {
		t.Errorf("first finding %+v", f)
	}
	// Every cell is a td named by data-ref, once.
	for ref := range cells {
		if n := strings.Count(got.HTML, `data-ref="`+ref+`"`); n != 1 {
			t.Errorf("data-ref=%q %d times in the HTML", ref, n)
		}
	}
	for _, ref := range f.Cells {
		if !strings.Contains(got.HTML, `data-ref="`+ref+`"`) {
			t.Errorf("finding's cell %s not in the HTML", ref)
		}
	}
	if !strings.HasPrefix(got.HTML, `<article class="nianbao-report">`) || !strings.Contains(got.HTML, "<table") || strings.Contains(got.HTML, "@@nbcell") {
		t.Errorf("HTML: %.300s", got.HTML)
	}
	if !strings.HasPrefix(got.Text, "# ") || !strings.HasPrefix(got.CSV, "table,row,column,value\n") || !strings.Contains(got.CSV, "\nt3,new,natural_person,") {
		t.Errorf("text %.80q csv %.80q", got.Text, got.CSV)
	}
	if got.Report["agency"] != "芜湖市医疗保障局" {
		t.Errorf("report JSON agency %v", got.Report["agency"])
	}
}

// The HTML keeps the values RenderHTML writes: naming the cells adds
// attributes and changes nothing else.
func TestCheckHTMLValues(t *testing.T) {
	for _, name := range []string{"seeds/000_b593140f8c7bca81.txt", "web/shanghai_bgt_2019.html"} {
		res := Check(name, readFile(t, name))
		if res.Status == StatusUnreadable {
			t.Fatalf("%s: %s", name, res.ReasonEN)
		}
		plain := res.HTML
		for _, c := range res.Cells {
			plain = strings.Replace(plain, ` data-ref="`+c.Ref+`"`, "", 1)
		}
		if strings.Contains(plain, "data-ref") {
			t.Errorf("%s: a data-ref left", name)
		}
		if want := article(renderHTML(t, name)); plain != want {
			t.Errorf("%s: the HTML without data-ref is not RenderHTML's", name)
		}
	}
}

// A file that is not a report, or not text, is unreadable with a reason,
// in both languages, and nothing else.
func TestCheckUnreadable(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // in the Chinese reason
	}{
		{"empty.txt", "", "空"},
		{"news.txt", "今天天气很好，我们去公园散步。\n明天继续。\n", "不是政府信息公开工作年度报告"},
		{"a.pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"},
		{"broken.docx", "PK\x03\x04" + strings.Repeat("\x00", 40) + "word/document.xml", ""},
		{"bin.txt", strings.Repeat("\xff\xfe\x00\x81\x00\xc3\x28", 200), ""},
		{"a.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "图片"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Check(tt.name, []byte(tt.src))
			if res.Status != StatusUnreadable || res.Reason == "" || res.ReasonEN == "" {
				t.Fatalf("status %q reason %q / %q", res.Status, res.Reason, res.ReasonEN)
			}
			if !strings.Contains(res.Reason, tt.want) {
				t.Errorf("reason %q does not say %q", res.Reason, tt.want)
			}
			if res.HTML != "" || res.Cells != nil || res.Findings == nil {
				t.Errorf("an unreadable file has content: %+v", res)
			}
			if _, err := json.Marshal(res); err != nil {
				t.Error(err)
			}
		})
	}
}

// Several files: each has its status, and one report given twice is a
// series finding.
func TestSeries(t *testing.T) {
	seed := readFile(t, "validate/004_broken_sums.txt")
	out := Series([]File{
		{Name: "a.txt", Data: seed},
		{Name: "b.txt", Data: seed},
		{Name: "c.txt", Data: []byte("not a report")},
	})
	if len(out.Files) != 3 {
		t.Fatalf("%d files", len(out.Files))
	}
	for i, want := range []string{StatusErrors, StatusErrors, StatusUnreadable} {
		if out.Files[i].Status != want {
			t.Errorf("file %d status %q, want %q", i, out.Files[i].Status, want)
		}
	}
	found := false
	for _, f := range out.Series {
		found = found || f.Code == "series-duplicate"
	}
	if !found {
		t.Errorf("no series-duplicate finding: %+v", out.Series)
	}
	if out.Counts.Errors != 8 {
		t.Errorf("counts %+v", out.Counts)
	}
	if out := Series(nil); out.Files == nil || out.Series == nil {
		t.Errorf("Series(nil) = %+v, want empty lists", out)
	}
}

func renderHTML(t *testing.T, name string) string {
	t.Helper()
	r, err := nianbao.Parse(readFile(t, name))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	_ = nianbao.RenderHTML(&b, r)
	return b.String()
}

// The source text is the file as read: every finding's line and column
// point into it at the cell the finding names first, and the whole page is
// RenderHTML's.
func TestCheckSource(t *testing.T) {
	src := readFile(t, "validate/004_broken_sums.txt")
	res := Check("004_broken_sums.txt", src)
	if res.Source != string(src) {
		t.Fatalf("the source text is not the file (%d bytes, want %d)", len(res.Source), len(src))
	}
	lines := strings.Split(res.Source, "\n")
	at := map[string]Cell{}
	for _, c := range res.Cells {
		at[c.Ref] = c
	}
	for _, f := range res.Findings {
		if f.Line < 1 || f.Line > len(lines) {
			t.Errorf("finding %s at line %d of %d", f.Code, f.Line, len(lines))
			continue
		}
		if c, ok := at[f.Cells[0]]; ok && c.Line == f.Line {
			if line := []rune(lines[f.Line-1]); f.Column < 1 || !strings.HasPrefix(string(line[f.Column-1:]), c.Value) {
				t.Errorf("finding %s at %d:%d: line %q does not hold %q there", f.Code, f.Line, f.Column, lines[f.Line-1], c.Value)
			}
		}
	}
	if !strings.HasPrefix(res.Page, "<!DOCTYPE html>") || !strings.Contains(res.Page, "芜湖市医疗保障局") {
		t.Errorf("the page is not RenderHTML's: %.80q", res.Page)
	}
	// CRLF and GB18030 become the text the positions count in.
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(strings.ReplaceAll(string(src), "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	if got := Check("gb.txt", gb); got.Source != string(src) {
		t.Errorf("GB18030 with CRLF: the source text is not the file's text")
	}
}

// The export of several files is what nianbao export prints for them.
func TestSeriesExport(t *testing.T) {
	names := []string{"027_pingtan_xzspj_2023_webflat.txt", "034_pingtan_xzspj_2024_html.txt"}
	var files []File
	for _, n := range names {
		files = append(files, File{Name: n, Data: readFile(t, "corpus/"+n)})
	}
	files = append(files, File{Name: "=empty.txt", Data: nil})
	out := Series(files)
	rows := strings.Split(strings.TrimSuffix(out.Export, "\n"), "\n")
	if len(rows) != 4 || !strings.HasPrefix(rows[0], "file,status,error,agency,year,edition,t2.") ||
		!strings.HasPrefix(rows[1], names[0]+",ok,,") || !strings.HasPrefix(rows[3], "'=empty.txt,error,") {
		t.Fatalf("export:\n%s", out.Export)
	}
	if testing.Short() {
		return
	}
	cmd := exec.Command("go", append([]string{"run", "../../cmd/nianbao", "export"}, names...)...)
	cmd.Dir = "../../testdata/corpus"
	want, err := cmd.Output()
	if err != nil {
		t.Fatalf("nianbao export: %v", err)
	}
	if got := strings.Join(rows[:3], "\n") + "\n"; got != string(want) {
		t.Errorf("export differs from nianbao export:\n%s\nwant\n%s", got, want)
	}
}
