package nianbao

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao/internal/htmltext"
	"github.com/opengovcn/nianbao/internal/posmap"
	"github.com/opengovcn/nianbao/schema"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestIsHTML(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"<!DOCTYPE html><html><body>x</body></html>", true},
		{"\ufeff  \n<html lang=zh>", true},
		{"<table><tr><td>1</td></tr></table>", true},
		{"<p>一、总体情况</p>", true},
		{"<!-- saved page -->\n<html>", true},
		{"<P ALIGN=center>", true},
		{"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>x</p></body></html>", true},
		{"一、总体情况\n本局收到申请 4 件。\n", false},
		{"| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 4<br> | | / |\n", false},
		{"<pre>", false},
		{"<parse> this", false},
		{"", false},
		{"\x89PNG\r\n\x1a\n", false},
		{strings.Repeat("<div><span>一、总体情况</span></div>\n", 12), true},
		{"一、总体情况\n" + strings.Repeat("正文<br>\n", 3) + strings.Repeat("正文\n", 20), false},
	}
	for _, tt := range tests {
		if got := htmltext.Is([]byte(tt.in)); got != tt.want {
			t.Errorf("htmltext.Is(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// htmlCases are small pages with the text htmltext.ToText must make of them; a
// TAB is written as → for readability.
var htmlCases = []struct {
	name string
	in   string
	want string
}{
	{"blocks become lines, white space collapses", `<html><body><h1>某局2023年
  政府信息公开工作年度报告</h1><p>一、总体情况</p><p>  本局&nbsp;全年 收到申请 <b>4</b> 件。<br>第二行</p></body></html>`,
		"# 某局2023年政府信息公开工作年度报告\n一、总体情况\n本局全年收到申请 4 件。\n第二行\n"},
	{"script, style, head, nav, noscript, comments and hidden elements are not text", `<html><head><title>标题</title>
<style>p{color:red}</style><script>document.write("<p>x</p>")</script></head><body>
<nav><a>首页</a></nav><!-- 注释 --><div style="display: none">隐藏</div><p hidden>也隐藏</p>
<noscript>请开启脚本</noscript><p>正文</p></body></html>`, "正文\n"},
	{"rowspan and colspan: one field per cell, a covering cell one empty field", `<table>
<tr><td rowspan="2" colspan="2">甲</td><td colspan="3">乙</td></tr>
<tr><td>丙</td><td rowspan=2>丁</td><td>戊</td></tr>
<tr><td>1</td><td>2</td><td>3</td><td>4</td></tr>
</table>`, "甲→乙\n→丙→丁→戊\n1→2→3→→4\n"},
	{"cells split over p, span and br are joined", `<table><tr>
<td><p><span>商业</span></p>
<p><span>企业</span></p></td><td>科研<br/>机构</td><td><span>法律服务</span> <span>机构</span></td>
<td>Total<br>3</td><td><p>（一）予以</p><p>公开</p></td></tr></table>`,
		"商业企业→科研机构→法律服务机构→Total 3→（一）予以公开\n"},
	{"entities decode", `<p>&lt;a&gt; &amp; &quot;x&quot; &#20013;&#x6587; &nbsp;&copy; &amp</p>`,
		"<a> & \"x\" 中文 © &\n"},
	{"a table whose cells hold tables is a layout table", `<table class="layout"><tr><td>&nbsp;</td><td>
<p>一、总体情况</p><p>正文</p>
<table><tr><td>规章</td><td>0</td></tr></table>
<p>五、存在的主要问题及改进情况</p></td></tr></table>`,
		"一、总体情况\n正文\n规章→0\n五、存在的主要问题及改进情况\n"},
	{"a one-column table is a frame", `<table><tr><td><p>第一段</p><p>第二段</p></td></tr><tr><td>第三段</td></tr></table>`,
		"第一段\n第二段\n第三段\n"},
	{"unclosed cells and rows", `<table><tr><td>规章<td>0<td>1<tr><td>行政规范性文件<td>2<td>3</table><p>后</p>`,
		"规章→0→1\n行政规范性文件→2→3\n后\n"},
	{"rows of empty cells keep their blanks", `<table><tr><td>规章</td><td>1</td><td></td><td>&nbsp;</td></tr></table>`,
		"规章→1→→\n"},
	{"rowspan 0 and oversized spans", `<table><tr><td rowspan=0>甲</td><td colspan=999>乙</td></tr><tr><td>丙</td></tr></table>`,
		"甲→乙\n→丙\n"},
	{"pre keeps its lines", "<pre>规章  0\n行政规范性文件  4\n</pre>", "规章  0\n行政规范性文件  4\n"},
	{"report in a script string", `<html><body><p>标题</p><script>
var content = "<table><tr><td>\u7b2c\u4e8c\u5341\u6761\u7b2c\uff08\u4e00\uff09\u9879<\/td><\/tr>" +
  '<tr><td>规章</td><td>1</td></tr></table>';
</script></body></html>`, "标题\n第二十条第（一）项\n规章→1\n"},
	{"report in an escaped textarea (CMS wrapper)", `<body><textarea id="c" style="display:none">&lt;table&gt;&lt;tr&gt;&lt;td&gt;未经复议直接起诉&lt;/td&gt;&lt;td&gt;0&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</textarea></body>`,
		"未经复议直接起诉→0\n"},
	{"scripts are not read when the DOM has the report", `<table><tr><td>第二十条第（一）项</td><td>1</td></tr></table>
<script>var x = "<table><tr><td>第二十条第（一）项</td><td>2</td></tr></table>";</script>`,
		"第二十条第（一）项→1\n"},
}

func TestHTMLToText(t *testing.T) {
	for _, tt := range htmlCases {
		t.Run(tt.name, func(t *testing.T) {
			got, m := htmltext.ToText([]byte(tt.in))
			want := strings.ReplaceAll(tt.want, "→", "\t")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("htmltext.ToText mismatch (-want +got):\n%s", diff)
			}
			checkHTMLPositions(t, tt.in, got, m)
		})
	}
}

// checkHTMLPositions checks that every visible character of the converted
// text maps to the same character in the source, or to the & of a character
// reference or the \ of a JavaScript escape that produced it.
func checkHTMLPositions(t *testing.T, src, text string, m *posmap.Map) {
	t.Helper()
	srcLines := strings.Split(src, "\n")
	bad := 0
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		marker := len([]rune(line)) - len([]rune(headingMarker.ReplaceAllString(line, "")))
		for j, r := range []rune(line) {
			if unicode.IsSpace(r) || j < marker {
				continue
			}
			p := srcPos(m, Position{Line: i + 1, Column: j + 1})
			var got rune = -1
			if p.Line >= 1 && p.Line <= len(srcLines) {
				if rs := []rune(srcLines[p.Line-1]); p.Column >= 1 && p.Column <= len(rs) {
					got = rs[p.Column-1]
				}
			}
			if got != r && got != '&' && got != '\\' {
				if bad++; bad <= 5 {
					t.Errorf("text %d:%d %q maps to source %v, which holds %q", i+1, j+1, r, p, got)
				}
			}
		}
	}
}

// visibleText is an independent oracle: the non-space text of the nodes
// html.Parse builds, outside the elements htmltext.ToText leaves out.
func visibleText(t *testing.T, src string) string {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if htmltext.Invisible(n.Data) || n.Data == "head" {
				return
			}
			for _, a := range n.Attr {
				if a.Key == "hidden" || a.Key == "style" && htmltext.HiddenStyle(a.Val) {
					return
				}
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return nonSpace(b.String())
}

// headingMarker is the Markdown marker htmltext.ToText puts before the text of
// an h1–h6 element; it is not in the source.
var headingMarker = regexp.MustCompile(`(?m)^#{1,6} `)

// nonSpace returns the text without white space and heading markers.
func nonSpace(s string) string {
	s = headingMarker.ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// The converted text holds exactly the page's visible characters: nothing
// visible is dropped and nothing invisible is added.
func TestHTMLToTextKeepsVisibleText(t *testing.T) {
	for _, tt := range htmlCases {
		if strings.Contains(tt.name, "script string") || strings.Contains(tt.name, "textarea") {
			continue // the report is read from markup the DOM keeps as script text
		}
		t.Run(tt.name, func(t *testing.T) {
			got, _ := htmltext.ToText([]byte(tt.in))
			if diff := cmp.Diff(visibleText(t, tt.in), nonSpace(got)); diff != "" {
				t.Errorf("visible text mismatch (-want +got):\n%s", diff)
			}
		})
	}
	for _, f := range htmlFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := htmltext.Decode(src)
			got, m := htmltext.ToText(src)
			if diff := cmp.Diff(visibleText(t, doc), nonSpace(got)); diff != "" {
				t.Errorf("visible text mismatch (-want +got):\n%s", diff)
			}
			checkHTMLPositions(t, doc, got, m)
		})
	}
}

func htmlFiles(t *testing.T) []string {
	var out []string
	for _, pat := range []string{"testdata/html/*.html", "testdata/corpus/*.html", "testdata/corpus/*/*.html", "testdata/corpus/*.htm"} {
		fs, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fs...)
	}
	return out
}

func TestHTMLCharset(t *testing.T) {
	page := "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head>\n" +
		"<body><table><tr><td>行政许可</td><td>１５</td></tr></table></body></html>"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		src  []byte
	}{
		{"meta http-equiv gb2312", []byte(gbk)},
		{"meta charset gbk", []byte(strings.Replace(gbk, `http-equiv="Content-Type" content="text/html; charset=gb2312"`, `charset="GBK"`, 1))},
		{"no declaration, not UTF-8", []byte(strings.Replace(gbk, "gb2312", "xxxxxx", 1))},
		{"declared gb2312 but saved as UTF-8", []byte(page)},
		{"UTF-8 with BOM", append([]byte("\ufeff"), strings.Replace(page, "gb2312", "utf-8", 1)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, m := htmltext.ToText(tt.src)
			if want := "行政许可\t１５\n"; got != want {
				t.Errorf("htmltext.ToText = %q, want %q", got, want)
			}
			// Rune columns are those of the original, whatever its bytes.
			if p := srcPos(m, Position{1, 6}); p != (Position{2, 35}) {
				t.Errorf("position of １５ = %v, want 2:35", p)
			}
		})
	}
}

func TestHTMLMapReport(t *testing.T) {
	src := "<table>\n<tr><td>规章</td><td>12</td></tr>\n<tr><td>行政规范性文件</td>\n<td>4</td></tr></table>\n"
	text, m := htmltext.ToText([]byte(src))
	if text != "规章\t12\n行政规范性文件\t4\n" {
		t.Fatalf("htmltext.ToText = %q", text)
	}
	r := NewReport(E2021)
	r.Active.Regulations.Issued = Cell{Kind: Number, Value: "12", Pos: Position{1, 4}}
	r.Active.NormativeDocs.Issued = Cell{Kind: Number, Value: "4", Pos: Position{2, 9}}
	r.Sections = []Section{{Number: 2, Heading: "x", Pos: Position{2, 1}}}
	r.Unrecognized = []Fragment{{Text: "行政规范性文件", Pos: Position{2, 1}}}
	d := &Diagnostic{Pos: Position{1, 1}, Msg: "x"}
	r.Warnings = []*Diagnostic{d}
	mapReport(m, r, d) // listed twice, mapped once
	checks := []struct {
		name      string
		got, want Position
	}{
		{"t2.regulations.issued", r.Active.Regulations.Issued.Pos, Position{2, 20}},
		{"t2.normative_docs.issued", r.Active.NormativeDocs.Issued.Pos, Position{4, 5}},
		{"section", r.Sections[0].Pos, Position{3, 9}},
		{"unrecognized", r.Unrecognized[0].Pos, Position{3, 9}},
		{"warning", d.Pos, Position{2, 9}},
		{"blank cell without a position", r.Active.Regulations.Repealed.Pos, Position{}},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s at %v, want %v", c.name, c.got, c.want)
		}
	}
	if p := srcPos(m, Position{9, 1}); !p.IsValid() {
		t.Errorf("a position past the end maps to %v, want a valid one", p)
	}
}

// Hand-made pages: the official layouts with rowspan and colspan, in a CMS
// page with navigation, scripts, a hidden block and a layout table.
func TestHTMLPages(t *testing.T) {
	tests := []struct {
		file  string
		lines []string // lines that must appear in the text, → for TAB
	}{
		{"report2021.html", []string{
			"某某市医疗保障局2023年政府信息公开工作年度报告",
			"第二十条第（一）项",
			"行政规范性文件→2→1→29",
			"行政许可→15",
			"→→商业企业→科研机构→社会公益组织→法律服务机构→其他→",
			"一、本年新收政府信息公开申请数量→12→3→0→1→0→0→16",
			"→（三）不予公开→1.属于国家秘密→0→0→0→0→0→0→0",
			"→（七）总计→11→3→0→1→0→0→15",
			"1→0→0→0→1→0→0→0→0→0→0→0→0→0→0",
			"2024年1月18日",
		}},
		{"report2019_gbk.html", []string{
			"某某县卫生健康局2019年政府信息公开工作年度报告",
			"行政许可→12→-2→340",
			"政府集中采购→2→35.5",
			"→（六）其他处理→1→0→0→0→0→0→1",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata/html", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if !htmltext.Is(src) {
				t.Fatal("htmltext.Is = false")
			}
			text, _ := htmltext.ToText(src)
			lines := strings.Split(text, "\n")
			for _, want := range tt.lines {
				want = strings.ReplaceAll(want, "→", "\t")
				found := false
				for _, l := range lines {
					found = found || l == want
				}
				if !found {
					t.Errorf("no line %q in:\n%s", want, text)
				}
			}
			for _, invisible := range []string{"统计代码", "首页", "隐藏的内容", "请开启JavaScript", "正文开始"} {
				if strings.Contains(text, invisible) {
					t.Errorf("text holds invisible %q", invisible)
				}
			}
		})
	}
}

func FuzzHTMLToText(f *testing.F) {
	for _, c := range htmlCases {
		f.Add([]byte(c.in))
	}
	// The whole pages under testdata/html are not seeds: minimizing
	// mutants of large inputs outlasts CI's short fuzzing runs.
	f.Fuzz(func(t *testing.T, src []byte) {
		text, m := htmltext.ToText(src)
		// The front end's text is clean (frontEnd.clean): the parser
		// does not decode it.
		if !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 || strings.IndexByte(text, '\r') >= 0 {
			t.Fatalf("text not clean (valid UTF-8, no NUL, no CR): %q", text)
		}
		n := strings.Count(text, "\n")
		if len(m.Lines) != n {
			t.Fatalf("%d lines of text, %d mapped", n, len(m.Lines))
		}
		for i := range m.Lines {
			if p := srcPos(m, Position{Line: i + 1, Column: 1}); !p.IsValid() {
				t.Fatalf("line %d maps to %v", i+1, p)
			}
		}
	})
}

// pageCells builds the cells of a report of edition e: every official cell
// 0, then the given values.
func pageCells(t *testing.T, e Edition, values map[string]string) *Report {
	t.Helper()
	r := NewReport(e)
	for _, rc := range r.Cells() {
		*r.CellPtr(rc.Ref) = IntCell(0)
	}
	for ref, v := range values {
		p := r.CellPtr(ref)
		if p == nil {
			t.Fatalf("no cell %s", ref)
		}
		*p = ParseValue(v)
	}
	return r
}

func rowValues(m map[string]string, block, row, values string) {
	b, _ := schema.LookupBlock(E2021, block)
	if row == "other" {
		b, _ = schema.LookupBlock(E2019, block)
	}
	for i, v := range strings.Fields(values) {
		m[b.Ref(row, b.Columns[i].Name)] = v
	}
}

// The hand-made pages parse to exactly the cells written in them (checked
// by hand against the generator script's values), with their metadata, no
// warnings and nothing unrecognized; every position points into the page.
func TestParseHTMLPages(t *testing.T) {
	v21 := map[string]string{
		"t2.regulations.in_force": "3", "t2.normative_docs.issued": "2", "t2.normative_docs.repealed": "1",
		"t2.normative_docs.in_force": "29", "t2.licensing.decisions": "15", "t2.penalty.decisions": "6",
		"t4.review.upheld": "1", "t4.review.total": "1",
	}
	rowValues(v21, "t3", "new", "12 3 0 1 0 0 16")
	rowValues(v21, "t3", "carried_over", "1 0 0 0 0 0 1")
	rowValues(v21, "t3", "granted", "6 2 0 1 0 0 9")
	rowValues(v21, "t3", "partial", "2 0 0 0 0 0 2")
	rowValues(v21, "t3", "unavailable_not_held", "3 1 0 0 0 0 4")
	rowValues(v21, "t3", "total", "11 3 0 1 0 0 15")
	rowValues(v21, "t3", "carried_forward", "2 0 0 0 0 0 2")
	v19 := map[string]string{
		"t2.normative_docs.new_made": "1", "t2.normative_docs.new_published": "1", "t2.normative_docs.published_total": "5",
		"t2.licensing.prev_items": "12", "t2.licensing.change": "-2", "t2.licensing.decisions": "340",
		"t2.other_services.prev_items": "3", "t2.other_services.decisions": "8",
		"t2.penalty.prev_items": "20", "t2.penalty.change": "1", "t2.penalty.decisions": "57",
		"t2.coercion.prev_items": "4", "t2.coercion.decisions": "2", "t2.fees.prev_items": "6",
		"t2.procurement.items": "2", "t2.procurement.amount": "35.5",
	}
	rowValues(v19, "t3", "new", "5 0 0 0 0 1 6")
	rowValues(v19, "t3", "granted", "4 0 0 0 0 1 5")
	rowValues(v19, "t3", "other", "1 0 0 0 0 0 1")
	rowValues(v19, "t3", "total", "5 0 0 0 0 1 6")
	tests := []struct {
		file                               string
		edition                            Edition
		values                             map[string]string
		agency, period, published, heading string
		year                               int
	}{
		{"report2021.html", E2021, v21, "某某市医疗保障局", "2023年1月1日至2023年12月31日", "2024年1月18日", "一、总体情况", 2023},
		{"report2019_gbk.html", E2019, v19, "某某县卫生健康局", "2019年1月1日至2019年12月31日", "2020年1月18日", "一、总体情况", 2019},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata/html", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			r, err := (&Parser{Strict: true}).Parse(src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			want := pageCells(t, tt.edition, tt.values)
			if diff := cmp.Diff(want.Cells(), r.Cells()); diff != "" {
				t.Errorf("cells mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(want.Editions, r.Editions); diff != "" {
				t.Errorf("editions mismatch (-want +got):\n%s", diff)
			}
			got := []any{r.Agency, r.Year, r.Period, r.Published, len(r.Sections)}
			if diff := cmp.Diff([]any{tt.agency, tt.year, tt.period, tt.published, 6}, got); diff != "" {
				t.Errorf("metadata (agency, year, period, published, sections) mismatch (-want +got):\n%s", diff)
			}
			if len(r.Unrecognized) > 0 || len(r.Warnings) > 0 {
				t.Errorf("unrecognized %v, warnings %v; want none", r.Unrecognized, r.Warnings)
			}
			doc := strings.Split(htmltext.Decode(src), "\n")
			at := func(p Position) string {
				if p.Line < 1 || p.Line > len(doc) {
					return ""
				}
				rs := []rune(doc[p.Line-1])
				if p.Column < 1 || p.Column > len(rs) {
					return ""
				}
				return string(rs[p.Column-1:])
			}
			for _, rc := range r.Cells() {
				if s := at(rc.Pos); !strings.HasPrefix(s, rc.Value) {
					t.Errorf("%s = %s at %v, where the page has %.20q", rc.Ref, rc.Value, rc.Pos, s)
				}
			}
			for _, s := range r.Sections {
				if src := at(s.Pos); !strings.HasPrefix(src, s.Heading) {
					t.Errorf("section %q at %v, where the page has %.20q", s.Heading, s.Pos, src)
				}
			}
		})
	}
}

// Lossless accounting for web pages: the converted text holds every visible
// character of the page (TestHTMLToTextKeepsVisibleText), and every
// character of the converted text lands in the report or in Unrecognized.
func TestParseHTMLAccounting(t *testing.T) {
	for _, f := range htmlFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text, _ := htmltext.ToText(src)
			r, s, err := (&Parser{}).parse([]byte(text))
			if r == nil {
				t.Skipf("not a report: %v", err)
			}
			checkAccounting(t, r, s)
		})
	}
}

func TestParseHTMLNotAReport(t *testing.T) {
	pages := map[string]string{
		"empty page":      "<html><head><title>年报</title></head><body></body></html>",
		"navigation only": `<html><body><nav><a href="/">首页</a></nav><script>var a = "<table><tr><td>x</td></tr></table>";</script></body></html>`,
		"news article": `<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻</title></head><body>
<div class="nav">首页 &gt; 新闻动态</div><h1>我市召开政务公开工作推进会</h1>
<p>11月20日，我市召开政务公开工作推进会，总结今年以来政务公开工作情况。</p>
<table><tr><td>发布时间</td><td>2023-11-20</td></tr></table></body></html>`,
	}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			r, err := Parse([]byte(page))
			if !errors.Is(err, ErrNotAReport) || r != nil {
				t.Errorf("Parse = %v, %v; want nil, ErrNotAReport", r, err)
			}
		})
	}
}

// In strict mode the diagnostics returned as an error point into the page
// too.
func TestParseHTMLStrictPositions(t *testing.T) {
	page := "<html><body>\n<p>一、总体情况</p>\n<p>二、主动公开政府信息情况</p>\n<table>\n" +
		"<tr><td>第二十条第（一）项</td></tr>\n<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>\n" +
		"<tr><td>规章</td><td>1</td><td>无</td><td>3</td></tr>\n</table>\n<p>三、收到和处理政府信息公开申请情况</p></body></html>"
	r, err := (&Parser{Strict: true}).Parse([]byte(page))
	var list ErrorList
	if !errors.As(err, &list) || r == nil {
		t.Fatalf("Parse = %v, %v; want a report and an ErrorList", r, err)
	}
	found := false
	for _, d := range list {
		if d.Ref == "t2.regulations.repealed" {
			found = true
			if d.Pos != (Position{7, 30}) {
				t.Errorf("diagnostic %q at %v, want 7:30 (the 无 in the page)", d.Msg, d.Pos)
			}
		}
	}
	if !found {
		t.Errorf("no diagnostic about t2.regulations.repealed in %v", list)
	}
	if c := r.Active.Regulations.Repealed; c.Pos != (Position{7, 30}) {
		t.Errorf("t2.regulations.repealed at %v, want 7:30", c.Pos)
	}
}

func FuzzParseHTML(f *testing.F) {
	for _, c := range htmlCases {
		f.Add([]byte(c.in))
	}
	f.Add([]byte("<p>一、总体情况</p><p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr></table>"))
	f.Fuzz(func(t *testing.T, src []byte) {
		r, err := Parse(src)
		if r == nil && err == nil {
			t.Fatal("Parse returned neither a report nor an error")
		}
		if r == nil || !htmltext.Is(src) {
			return
		}
		lines := strings.Count(htmltext.Decode(src), "\n") + 1
		for _, rc := range r.Cells() {
			if rc.Pos.Line > lines {
				t.Fatalf("%s at %v, past the page's %d lines", rc.Ref, rc.Pos, lines)
			}
		}
	})
}

// BenchmarkHTMLToText converts pages of 1, 10 and 100 reports' tables: the
// time per byte stays flat (linear in the input).
func BenchmarkHTMLToText(b *testing.B) {
	src, err := os.ReadFile("testdata/html/report2021.html")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 10, 100} {
		page := bytes.Repeat(src, n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			for b.Loop() {
				htmltext.ToText(page)
			}
		})
	}
}
