package nianbao

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao/schema"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// gridCell is a table cell placed in the grid its table's rowspans and
// colspans describe; a merged cell occupies several grid positions.
type gridCell struct {
	text  string
	tag   string
	class string
}

// tableGrid resolves the rows of a <table> into a grid. It reports an error
// if cells overlap, leave holes, or rows differ in width. head is the number
// of rows that are in <thead>.
func tableGrid(table *html.Node) (grid [][]*gridCell, head int, err error) {
	var rows []*html.Node
	var walk func(n *html.Node, inHead bool)
	walk = func(n *html.Node, inHead bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Thead:
				walk(c, true)
			case atom.Tbody, atom.Tfoot:
				walk(c, false)
			case atom.Tr:
				rows = append(rows, c)
				if inHead {
					head++
				}
			}
		}
	}
	walk(table, false)
	grid = make([][]*gridCell, len(rows))
	for i, tr := range rows {
		col := 0
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom != atom.Td && c.DataAtom != atom.Th {
				return nil, 0, fmt.Errorf("row %d has a <%s> element", i+1, c.Data)
			}
			gc := &gridCell{text: nodeText(c), tag: c.Data, class: attr(c, "class")}
			rs, cs := span(c, "rowspan"), span(c, "colspan")
			for col < len(grid[i]) && grid[i][col] != nil {
				col++
			}
			if i+rs > len(rows) {
				return nil, 0, fmt.Errorf("row %d: cell %q spans %d rows past the table's end", i+1, gc.text, rs)
			}
			for y := i; y < i+rs; y++ {
				for x := col; x < col+cs; x++ {
					for len(grid[y]) <= x {
						grid[y] = append(grid[y], nil)
					}
					if grid[y][x] != nil {
						return nil, 0, fmt.Errorf("cell %q overlaps cell %q at row %d, column %d", gc.text, grid[y][x].text, y+1, x+1)
					}
					grid[y][x] = gc
				}
			}
			col += cs
		}
	}
	for i, row := range grid {
		if len(row) != len(grid[0]) {
			return nil, 0, fmt.Errorf("row %d is %d columns wide, row 1 is %d", i+1, len(row), len(grid[0]))
		}
		for j, c := range row {
			if c == nil {
				return nil, 0, fmt.Errorf("hole at row %d, column %d", i+1, j+1)
			}
		}
	}
	return grid, head, nil
}

func span(n *html.Node, name string) int {
	if v := attr(n, name); v != "" {
		if k, err := strconv.Atoi(v); err == nil && k > 0 {
			return k
		}
	}
	return 1
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func findAll(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	if n.Type == html.ElementNode && n.DataAtom == a {
		out = append(out, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, findAll(c, a)...)
	}
	return out
}

// distinct drops repeated grid cells (a merged cell seen again).
func distinct(cells []*gridCell) []string {
	var out []string
	var last *gridCell
	for _, c := range cells {
		if c != last {
			out = append(out, c.text)
		}
		last = c
	}
	return out
}

// htmlCells reads the value cells of a page RenderHTML wrote for r back by
// their place in the grid: each <td> is named by the labels to its left and
// above it, matched against the catalog block of r's edition. Labels that
// match nothing are errors.
func htmlCells(t *testing.T, r *Report, page []byte) map[string]string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("html.Parse: %v", err)
	}
	got := map[string]string{}
	record := func(ref, text string) {
		if _, dup := got[ref]; dup {
			t.Errorf("cell %s appears twice", ref)
		}
		got[ref] = text
	}
	for _, table := range findAll(doc, atom.Table) {
		grid, head, err := tableGrid(table)
		if err != nil {
			t.Errorf("table %s: %v", attr(table, "class"), err)
			continue
		}
		switch class := attr(table, "class"); class {
		case "nianbao-t2":
			var b schema.Block
			var header []*gridCell
			for _, row := range grid {
				switch {
				case row[0].class == "caption":
					header = nil
					found := false
					for _, id := range schema.BlockIDs {
						if x, ok := schema.LookupBlock(r.Editions[id], id); ok && x.Table == "t2" && x.Caption == row[0].text {
							b, found = x, true
						}
					}
					if !found || len(distinct(row)) != 1 {
						t.Errorf("table 2: unexpected caption row %q", distinct(row))
					}
				case header == nil:
					header = row
					if row[0].text != b.Corner {
						t.Errorf("table 2 block %s: header starts with %q, want %q", b.ID, row[0].text, b.Corner)
					}
				default:
					rowName := matchRow(b, []string{row[0].text})
					var last *gridCell
					for j, c := range row {
						if c.tag != "td" || c == last {
							last = c
							continue
						}
						last = c
						col := matchColumn(b, []string{header[j].text})
						if rowName == "" || col == "" {
							t.Errorf("table 2 block %s: value %q under %q × %q matches no cell", b.ID, c.text, row[0].text, header[j].text)
							continue
						}
						record(b.Ref(rowName, col), c.text)
					}
				}
			}
		case "nianbao-t3", "nianbao-t4":
			id := strings.TrimPrefix(class, "nianbao-")
			b, ok := schema.LookupBlock(r.Editions[id], id)
			if !ok {
				t.Errorf("table %s: the report has no such block", id)
				continue
			}
			if id == "t3" && grid[0][0].text != b.Corner { // table 4 has no corner cell
				t.Errorf("table %s: corner %q, want %q", id, grid[0][0].text, b.Corner)
			}
			for i := head; i < len(grid); i++ {
				var last *gridCell
				for j, c := range grid[i] {
					if c.tag != "td" || c == last {
						last = c
						continue
					}
					last = c
					var above []*gridCell
					for y := range head {
						above = append(above, grid[y][j])
					}
					colChain := distinct(above)
					var labels []string
					if id == "t3" {
						if colChain[0] != schema.T3Applicants {
							t.Errorf("table 3: column %d is not under %s: %q", j+1, schema.T3Applicants, colChain)
						}
						colChain = colChain[1:]
						labels = rowLabels(grid[i][:j])
					} else { // the rows of table 4 stand side by side above its one row of values
						labels = colChain[:len(colChain)-1]
						colChain = colChain[len(colChain)-1:]
					}
					rowName, col := matchRow(b, labels), matchColumn(b, colChain)
					if rowName == "" || col == "" {
						t.Errorf("table %s: value %q at row %v, column %v matches no cell", id, c.text, labels, colChain)
						continue
					}
					record(b.Ref(rowName, col), c.text)
				}
			}
		default:
			t.Errorf("unexpected table of class %q", class)
		}
	}
	return got
}

// rowLabels returns the distinct label cells (th) of a row of table 3.
func rowLabels(cells []*gridCell) []string {
	var th []*gridCell
	for _, c := range cells {
		if c.tag == "th" {
			th = append(th, c)
		}
	}
	return distinct(th)
}

// matchRow finds the row of b whose group labels and label are chain; an
// extra subtotal row is labelled with its group and 小计.
func matchRow(b schema.Block, chain []string) string {
	for _, row := range b.Rows {
		if slices.Equal(append(slices.Clone(row.Groups), row.Label), chain) {
			return row.Name
		}
	}
	for _, row := range b.ExtraRows {
		if slices.Equal(append(slices.Clone(row.Groups), row.Label, htmlSubtotal), chain) {
			return row.Name
		}
	}
	return ""
}

// matchColumn finds the column of b named by the last label of chain; the
// subtotal column is 小计 under its group's label.
func matchColumn(b schema.Block, chain []string) string {
	last := chain[len(chain)-1]
	if last == htmlSubtotal && len(chain) >= 2 {
		for _, c := range b.ExtraColumns {
			if c.Label == chain[len(chain)-2] {
				return c.Name
			}
		}
		return ""
	}
	for _, c := range b.Columns {
		if c.Label == last {
			return c.Name
		}
	}
	return ""
}

// checkPage checks that page is a complete, well-formed HTML5 page in UTF-8
// without external assets: a doctype, html/head/body, a charset, every
// non-void element closed in order, no scripts, links, images or URLs.
func checkPage(t *testing.T, page []byte) {
	t.Helper()
	if !bytes.HasPrefix(page, []byte("<!DOCTYPE html>\n")) {
		t.Error("page does not start with <!DOCTYPE html>")
	}
	void := map[string]bool{"meta": true, "br": true, "hr": true, "img": true, "input": true, "link": true, "col": true, "wbr": true}
	z := html.NewTokenizer(bytes.NewReader(page))
	var stack []string
	charset := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.Data {
			case "script", "link", "img", "iframe", "object", "embed", "base", "audio", "video", "source":
				t.Errorf("page has a <%s> element", tok.Data)
			}
			for _, a := range tok.Attr {
				if a.Key == "src" || a.Key == "href" || strings.HasPrefix(a.Key, "on") {
					t.Errorf("page has a %s attribute on <%s>", a.Key, tok.Data)
				}
				if tok.Data == "meta" && a.Key == "charset" && strings.EqualFold(a.Val, "utf-8") {
					charset = true
				}
			}
			if !void[tok.Data] && tt == html.StartTagToken {
				stack = append(stack, tok.Data)
			}
		case html.EndTagToken:
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				t.Errorf("end tag </%s> does not close the open element (open: %v)", tok.Data, stack)
				return
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		t.Errorf("elements left open: %v", stack)
	}
	if !charset {
		t.Error(`page has no <meta charset="utf-8">`)
	}
	if bytes.Contains(page, []byte("url(")) || bytes.Contains(page, []byte("@import")) {
		t.Error("style sheet refers to an external resource")
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(findAll(doc, atom.Body)); n != 1 {
		t.Errorf("page has %d bodies", n)
	}
	if n := len(findAll(doc, atom.Title)); n != 1 {
		t.Errorf("page has %d titles", n)
	}
}

// wantCells lists the cells of r as the HTML should show them.
func wantCells(r *Report) map[string]string {
	want := map[string]string{}
	for _, rc := range r.Cells() {
		want[rc.Ref] = rc.Cell.String()
	}
	return want
}

func TestRenderHTML(t *testing.T) {
	for name, r := range renderCases(t) {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := RenderHTML(&buf, r); err != nil {
				t.Fatalf("RenderHTML: %v", err)
			}
			checkPage(t, buf.Bytes())
			if diff := cmp.Diff(wantCells(r), htmlCells(t, r, buf.Bytes())); diff != "" {
				t.Errorf("cells of the HTML page mismatch (-want +got):\n%s", diff)
			}
			var again bytes.Buffer
			RenderHTML(&again, r)
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Error("RenderHTML is not deterministic")
			}
		})
	}
}

// The merged header cells of the official layout.
func TestRenderHTMLLayout(t *testing.T) {
	var buf bytes.Buffer
	r := renderCases(t)["hybrid"]
	if err := RenderHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		`<th rowspan="3" colspan="3">` + schema.T3Note + `</th><th colspan="8">申请人情况</th>`,
		`<th rowspan="2">自然人</th><th colspan="6">法人或其他组织</th><th rowspan="2">总计</th>`,
		`<th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th><th>小计</th>`,
		`<th class="label" rowspan="23">三、本年度办理结果</th><th class="label" colspan="2">（一）予以公开</th>`,
		`<th class="label" rowspan="9">（三）不予公开</th><th class="label">小计</th>`,
		`<th class="label" colspan="2">（六）其他处理</th>`,
		`<th class="label" colspan="3">四、结转下年度继续办理</th>`,
		`<tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr>`,
		`<tr><th rowspan="2">结果维持</th><th rowspan="2">结果纠正</th><th rowspan="2">其他结果</th><th rowspan="2">尚未审结</th><th rowspan="2">总计</th><th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>`,
		`<tr><th class="caption" colspan="4">第二十条第（五）项</th></tr>`,
		`<tr><th>信息内容</th><th colspan="3">本年处理决定数量</th></tr>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

func TestRenderHTMLEscapes(t *testing.T) {
	r := NewReport(E2021)
	r.Title = `<script>alert("x")</script>&年报`
	r.Sections = []Section{{Number: 1, Heading: "一、<b>总体</b>", Text: "a < b & c > d\n\"quoted\" 'single'"}}
	r.Requests.New.Total = TextCell("<td>1</td>")
	var buf bytes.Buffer
	if err := RenderHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	checkPage(t, buf.Bytes())
	page := buf.String()
	for _, bad := range []string{"<script>", "<b>", "<td>1</td>", "a < b"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains unescaped %q", bad)
		}
	}
	doc, _ := html.Parse(strings.NewReader(page))
	if h1 := findAll(doc, atom.H1); len(h1) != 1 || nodeText(h1[0]) != r.Title {
		t.Errorf("h1 does not read back as the title %q", r.Title)
	}
	if diff := cmp.Diff(wantCells(r), htmlCells(t, r, buf.Bytes())); diff != "" {
		t.Errorf("cells mismatch (-want +got):\n%s", diff)
	}
}
