package nianbao

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao/schema"
)

// set sets cells by reference and fails the test on an unknown one.
func set(t testing.TB, r *Report, cells map[string]Cell) {
	t.Helper()
	for ref, c := range cells {
		if err := r.SetCell(ref, c); err != nil {
			t.Fatal(err)
		}
	}
}

// fillCounts sets every official cell of r's blocks to a distinct small
// count, so that a cell written in the wrong place shows in a golden diff.
func fillCounts(r *Report) {
	n := int64(0)
	for _, id := range schema.BlockIDs {
		e, ok := r.Editions[id]
		if !ok {
			continue
		}
		b, _ := schema.LookupBlock(e, id)
		for _, c := range b.Cells() {
			n++
			*r.CellPtr(c.Ref) = IntCell(n)
		}
	}
}

// The hand-built reports of the golden tests, each made to exercise part of
// the canonical form.
func renderCases(t testing.TB) map[string]*Report {
	full2021 := NewReport(E2021)
	full2021.Title = "芜湖市医疗保障局2023年政府信息公开工作年度报告"
	full2021.Agency = "芜湖市医疗保障局"
	full2021.Year = 2023
	full2021.Period = "2023年1月1日至2023年12月31日"
	full2021.Published = "2024年1月20日"
	full2021.Preamble = "本报告由芜湖市医疗保障局编制。\n本报告中所列数据的统计期限为2023年1月1日至2023年12月31日。"
	full2021.Sections = []Section{
		{Number: 1, Heading: "一、总体情况", Text: "2023年，我局认真贯彻《条例》。\n（一）主动公开：全年公开信息2001条。\n一、这一行看起来像标题。\n| 这一行看起来像表格 |\n规章制度建设\t持续加强。\n#话题 与 **强调**\n\\反斜杠开头"},
		{Number: 2, Heading: "二、主动公开政府信息情况"},
		{Number: 3, Heading: "三、收到和处理政府信息公开申请情况", Text: "  本年度共收到申请4件。  \n\n"},
		{Number: 4, Heading: "四、政府信息公开行政复议、行政诉讼情况"},
		{Number: 5, Heading: "五、存在的主要问题及改进情况", Text: "一是公开不够深入；二是更新不及时。\n2024年1月1日"},
		{Number: 6, Heading: "六、其他需要报告的事项", Text: "本年度收取信息处理费0元。"},
	}
	full2021.Signature = "芜湖市医疗保障局\n2024年1月20日"
	fillCounts(full2021)
	set(t, full2021, map[string]Cell{
		"t2.fees.amount":                       MustNum("96171.6"),
		"t2.regulations.repealed":              BlankCell(),
		"t2.normative_docs.in_force":           NACell(),
		"t3.denied_query.research":             TextCell("无"),
		"t3.denied_query.legal_services":       TextCell(`a|b\c`),
		"t3.carried_forward.total":             BlankCell(),
		"t4.suit_after_review.pending":         NACell(),
		"t3.unavailable_not_held.commercial":   MustNum("0012"),
		"t3.rejected_petition.public_interest": TextCell("不适用"),
	})

	full2019 := NewReport(E2019)
	full2019.Title = "盐池县医疗保障局2019年政府信息公开工作年度报告"
	full2019.Sections = []Section{
		{Number: 1, Heading: "一、总体情况", Text: "我局自2月份成立以来，高度重视政务公开工作。"},
		{Number: 2, Heading: "二、主动公开政府信息情况"},
		{Number: 3, Heading: "三、收到和处理政府信息公开申请情况"},
		{Number: 4, Heading: "四、政府信息公开行政复议、行政诉讼情况"},
		{Number: 5, Heading: "五、存在问题", Text: "（一）政务公开平台建设还需要加强。"},
		{Number: 0, Heading: "六、下一步工作重点和整改措施", Text: "(一)全面做好政府信息公开工作。"},
	}
	fillCounts(full2019)
	set(t, full2019, map[string]Cell{
		"t2.licensing.change":   IntCell(-3),
		"t2.fees.prev_items":    NACell(),
		"t2.procurement.amount": MustNum("251000.50"),
	})

	// A hybrid like seed 000 (2019 block （一） and table 3 in a 2023
	// report), with every extra subtotal row and the 法人或其他组织 column.
	hybrid := NewReport(E2021)
	hybrid.Title = "某县医疗保障局2023年政府信息公开工作年度报告"
	delete(hybrid.Editions, "t2.1")
	for _, id := range []string{"t2.1", "t3"} {
		b, _ := schema.LookupBlock(E2021, id)
		for _, c := range b.Cells() {
			*hybrid.CellPtr(c.Ref) = Cell{}
		}
		hybrid.Editions[id] = E2019
		b19, _ := schema.LookupBlock(E2019, id)
		for _, c := range b19.Cells() {
			*hybrid.CellPtr(c.Ref) = BlankCell()
		}
	}
	hybrid.Sections = []Section{
		{Number: 2, Heading: "二、主动公开政府信息情况"},
		{Number: 3, Heading: "三、收到和处理政府信息公开申请情况"},
		{Number: 4, Heading: "四、政府信息公开行政复议、行政诉讼情况"},
	}
	fillCounts(hybrid)
	b3, _ := schema.LookupBlock(E2019, "t3")
	for _, row := range append(append([]schema.Row(nil), b3.Rows...), b3.ExtraRows...) {
		for _, c := range append(append([]schema.Column(nil), b3.Columns...), b3.ExtraColumns...) {
			if cell := hybrid.CellPtr(b3.Ref(row.Name, c.Name)); cell.Kind == Absent {
				*cell = IntCell(0)
			}
		}
	}

	// Subtotal rows of 2021, including （六）其他处理 over its three rows.
	extras2021 := NewReport(E2021)
	extras2021.Sections = []Section{{Number: 3, Heading: "三、收到和处理政府信息公开申请情况"}}
	for id := range extras2021.Editions {
		if id != "t3" {
			delete(extras2021.Editions, id)
			b, _ := schema.LookupBlock(E2021, id)
			for _, c := range b.Cells() {
				*extras2021.CellPtr(c.Ref) = Cell{}
			}
		}
	}
	b21, _ := schema.LookupBlock(E2021, "t3")
	for _, row := range b21.ExtraRows {
		for _, c := range b21.Columns {
			*extras2021.CellPtr(b21.Ref(row.Name, c.Name)) = IntCell(7)
		}
	}

	// Tables whose sections are missing get sections with the official
	// headings, in template order, around the sections the report has.
	missing := NewReport(E2021)
	missing.Sections = []Section{
		{Number: 1, Heading: "一、总体情况", Text: "总体情况良好。"},
		{Number: 5, Heading: "五、存在问题及改进情况", Text: "无。"},
		{Number: 0, Heading: "七、附件"},
	}
	missing.Signature = "某市人民政府办公室\n2022年1月28日"

	return map[string]*Report{
		"full2021":   full2021,
		"full2019":   full2019,
		"hybrid":     hybrid,
		"extras2021": extras2021,
		"missing":    missing,
	}
}

func TestRenderGolden(t *testing.T) {
	for name, r := range renderCases(t) {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, r); err != nil {
				t.Fatalf("Render: %v", err)
			}
			got := buf.Bytes()
			if f := Format(r); !bytes.Equal(f, got) {
				t.Errorf("Format and Render differ:\n%s", cmp.Diff(string(got), string(f)))
			}
			checkTextForm(t, got)
			golden := filepath.Join("testdata", "render", name+".golden.md")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Render mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// checkTextForm checks the layout rules of the canonical text form: LF only,
// no trailing spaces, blocks separated by exactly one blank line, exactly one
// newline at the end.
func checkTextForm(t *testing.T, out []byte) {
	t.Helper()
	s := string(out)
	if s == "" {
		return
	}
	if !strings.HasSuffix(s, "\n") || strings.HasSuffix(s, "\n\n") {
		t.Errorf("output does not end with exactly one newline: ...%q", s[max(0, len(s)-20):])
	}
	if strings.HasPrefix(s, "\n") {
		t.Error("output starts with a blank line")
	}
	if strings.Contains(s, "\r") {
		t.Error("output contains a carriage return")
	}
	if strings.Contains(s, "\n\n\n") {
		t.Error("output contains two blank lines in a row")
	}
	for i, l := range strings.Split(s, "\n") {
		if strings.TrimRight(l, " \t\u3000") != l {
			t.Errorf("line %d has trailing white space: %q", i+1, l)
		}
	}
}

func TestRenderTableLabels(t *testing.T) {
	r := renderCases(t)["full2021"]
	out := string(Format(r))
	for _, prefix := range []string{
		"| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| --- | --- | --- | --- |\n| 规章 | 1 |  | 3 |\n",
		"| 行政规范性文件 | 4 | 5 | / |\n",
		"| 行政事业性收费 | 96171.6 |\n",
		"| " + schema.T3Note + " | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n",
		"| 三、本年度办理结果 （一）予以公开 |",
		"| （二）部分公开（区分处理的，只计这一情形，不计其他情形） |",
		"| （三）不予公开 1.属于国家秘密 |",
		"| 2.其他法律行政法规禁止公开 |",
		"| 8.属于行政查询事项 | 88 | 89 | 无 | 91 | a\\|b\\\\c | 93 | 94 |\n",
		"| （四）无法提供 1.本机关不掌握相关政府信息 | 95 | 0012 |",
		"| （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |",
		"| 四、结转下年度继续办理 | 179 | 180 | 181 | 182 | 183 | 184 |  |\n",
		"| 行政复议、行政诉讼 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n",
		"| 行政复议 | 186 |",
		"| 行政诉讼 未经复议直接起诉 | 191 |",
		"| 复议后起诉 | 196 | 197 | 198 | / | 200 |\n",
		"\\一、这一行看起来像标题。\n",
		"\\| 这一行看起来像表格 |\n",
		"\\\\反斜杠开头\n",
		"## 二、主动公开政府信息情况\n\n**第二十条第（一）项**\n\n| 信息内容 |",
		"\\2024年1月1日\n\n## 六、",
		"本年度共收到申请4件。\n\n| （本列",
		"本年度收取信息处理费0元。\n\n芜湖市医疗保障局\n\n2024年1月20日\n",
	} {
		if !strings.Contains(out, prefix) {
			t.Errorf("Format(full2021) lacks %q", prefix)
		}
	}
	if strings.Contains(out, "（三）不予公开 2.") {
		t.Error("group label repeated on the second row of its group")
	}
}

func TestRenderExtraRows(t *testing.T) {
	out := string(Format(renderCases(t)["extras2021"]))
	for _, want := range []string{
		"| 三、本年度办理结果 （一）予以公开 |",
		"| （三）不予公开 | 7 | 7 | 7 | 7 | 7 | 7 | 7 |\n| 1.属于国家秘密 |",
		"| （四）无法提供 | 7 |",
		"| （五）不予处理 | 7 |",
		"| （六）其他处理 | 7 | 7 | 7 | 7 | 7 | 7 | 7 |\n| 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Format(extras2021) lacks %q", want)
		}
	}
	if strings.Contains(out, "法人或其他组织") {
		t.Error("the 法人或其他组织 column is written though no row has it")
	}
	hybrid := string(Format(renderCases(t)["hybrid"]))
	if !strings.Contains(hybrid, " | 其他 | 总计 | 法人或其他组织 |\n") {
		t.Error("the 法人或其他组织 column is not written after 总计")
	}
}

func TestRenderEmpty(t *testing.T) {
	if got := Format(&Report{}); len(got) != 0 {
		t.Errorf("Format(empty report) = %q, want nothing", got)
	}
	if got := Format(nil); len(got) != 0 {
		t.Errorf("Format(nil) = %q, want nothing", got)
	}
}

// Positions, warnings, unrecognized text and map order do not change the
// output.
func TestRenderDeterministic(t *testing.T) {
	r := renderCases(t)["full2021"]
	want := Format(r)
	for i := range 20 {
		r2 := *r
		r2.Editions = map[string]Edition{}
		for k, v := range r.Editions {
			r2.Editions[k] = v
		}
		r2.Sections = append([]Section(nil), r.Sections...)
		for j := range r2.Sections {
			r2.Sections[j].Pos = Position{Line: i + j + 1, Column: 3}
		}
		r2.Requests.New.Total.Pos = Position{Line: 40 + i, Column: 9}
		r2.Warnings = []*Diagnostic{{Msg: "x", Err: ErrRepaired}}
		r2.Unrecognized = []Fragment{{Text: "- 3 -"}}
		if got := Format(&r2); !bytes.Equal(got, want) {
			t.Fatalf("run %d differs (-want +got):\n%s", i, cmp.Diff(string(want), string(got)))
		}
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name   string
		modify func(r *Report)
		want   string // in the output all the same
	}{
		{"block without layout in its edition", func(r *Report) { r.Editions["t2.9"] = E2021 }, "| 规章 |"},
		{"cell of the other edition", func(r *Report) { r.Active.Procurement.Items = IntCell(3) }, "| 规章 |"},
		{"cell of a block the report lacks", func(r *Report) {
			delete(r.Editions, "t4")
		}, "| 规章 |"},
		{"text cell that reads as a number", func(r *Report) { r.Requests.New.Total = TextCell("12") }, "| 一、本年新收政府信息公开申请数量 |"},
		{"absent cell inside the layout", func(r *Report) { r.Requests.New.Total = Cell{} }, "| 一、本年新收政府信息公开申请数量 |"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReport(E2021)
			tt.modify(r)
			var buf bytes.Buffer
			err := Render(&buf, r)
			if !errors.Is(err, ErrNotRenderable) {
				t.Errorf("Render error = %v, want ErrNotRenderable", err)
			}
			if !strings.Contains(buf.String(), tt.want) {
				t.Errorf("output lacks %q", tt.want)
			}
		})
	}
	if err := Render(&bytes.Buffer{}, NewReport(E2019)); err != nil {
		t.Errorf("Render(NewReport(E2019)) = %v", err)
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }

func TestRenderWriteError(t *testing.T) {
	boom := errors.New("disk full")
	r := renderCases(t)["full2021"]
	if err := Render(failWriter{boom}, r); !errors.Is(err, boom) {
		t.Errorf("Render = %v, want %v", err, boom)
	}
	if err := WriteCSV(failWriter{boom}, r); !errors.Is(err, boom) {
		t.Errorf("WriteCSV = %v, want %v", err, boom)
	}
	if err := RenderHTML(failWriter{boom}, r); !errors.Is(err, boom) {
		t.Errorf("RenderHTML = %v, want %v", err, boom)
	}
}

func TestWriteCSV(t *testing.T) {
	for name, r := range renderCases(t) {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCSV(&buf, r); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(buf.String(), "\r") {
				t.Error("CSV has CR line ends")
			}
			recs, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatalf("reading the CSV back: %v", err)
			}
			want := [][]string{{"table", "row", "column", "value"}}
			for _, rc := range r.Cells() {
				parts := strings.SplitN(rc.Ref, ".", 3)
				want = append(want, append(parts, rc.Cell.String()))
			}
			if diff := cmp.Diff(want, recs); diff != "" {
				t.Errorf("CSV mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWriteCSVValues(t *testing.T) {
	r := &Report{Editions: map[string]Edition{"t4": E2021}}
	r.Reviews.Review.Upheld = IntCell(3)
	r.Reviews.Review.Corrected = BlankCell()
	r.Reviews.Review.Other = NACell()
	r.Reviews.Review.Pending = TextCell(`见"附注",第2条`)
	r.Reviews.Review.Total = MustNum("1.50")
	var buf bytes.Buffer
	if err := WriteCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	want := "table,row,column,value\n" +
		"t4,review,upheld,3\n" +
		"t4,review,corrected,\n" +
		"t4,review,other,/\n" +
		"t4,review,pending,\"见\"\"附注\"\",第2条\"\n" +
		"t4,review,total,1.50\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("WriteCSV mismatch (-want +got):\n%s", diff)
	}
}

func TestNeedsEscape(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"2023年，我局认真贯彻《条例》。", false},
		{"我局共收到申请4件。", false},
		{"芜湖市医疗保障局", false},
		{"一、总体情况", true},
		{"（一）主动公开", true},
		{"(二)依申请公开", true},
		{"1.属于国家秘密", true},
		{"3、加强培训", true},
		{"第二十条第（一）项", true},
		{"规章制度建设", true},
		{"自 然 人", true},
		{"| a | b |", true},
		{"a|b", true},
		{"a\tb", true},
		{"# 标题", true},
		{"**强调**", true},
		{"- 3 -", true},
		{"——破折号", true},
		{`\反斜杠`, true},
		{"12", true},
		{"/", true},
		{"2024年1月20日", true},
		{"2024年1月20日发布", false},
	}
	for _, tt := range tests {
		if got := needsEscape(tt.line); got != tt.want {
			t.Errorf("needsEscape(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestSeedsCanonicalGolden keeps the canonical form of every seed, and the
// HTML page of one, as golden files (rewritten with -update).
func TestSeedsCanonicalGolden(t *testing.T) {
	forEachSeedReport(t, func(t *testing.T, base string, r *Report) {
		var md bytes.Buffer
		if err := Render(&md, r); err != nil {
			t.Errorf("Render: %v", err)
		}
		checkTextForm(t, md.Bytes())
		compareGolden(t, base+".golden.md", md.Bytes())
		if strings.HasPrefix(filepath.Base(base), "004_") {
			var page bytes.Buffer
			if err := RenderHTML(&page, r); err != nil {
				t.Errorf("RenderHTML: %v", err)
			}
			checkPage(t, page.Bytes())
			if diff := cmp.Diff(wantCells(r), htmlCells(t, r, page.Bytes())); diff != "" {
				t.Errorf("cells of the HTML page mismatch (-want +got):\n%s", diff)
			}
			compareGolden(t, base+".golden.html", page.Bytes())
		}
	})
}

// forEachSeedReport runs f in a subtest for each seed, with its report and
// the base name of its golden files. The goldens live outside
// testdata/seeds, whose every .md and .html file the CLI's directory walk
// reads as a report.
func forEachSeedReport(t *testing.T, f func(t *testing.T, base string, r *Report)) {
	t.Helper()
	seeds, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*.txt"))
	if len(seeds) == 0 {
		t.Fatal("no seeds")
	}
	for _, path := range seeds {
		base := filepath.Join("testdata", "render", "seeds", strings.TrimSuffix(filepath.Base(path), ".txt"))
		t.Run(filepath.Base(base), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parse(src)
			if r == nil {
				t.Fatalf("Parse: %v", err)
			}
			f(t, base, r)
		})
	}
}

// compareGolden compares got with the golden file, rewriting it first under
// -update.
func compareGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
	}
}

// A report whose sections stand out of order keeps each table with its own
// section: the tables of sections 2–4 are not written a second time, under
// made-up headings, before section 5 (a FuzzRoundTrip finding). A table
// whose section is missing still gets one, before the next higher section.
func TestRenderSectionsOutOfOrder(t *testing.T) {
	headings := map[int]string{}
	for _, s := range schema.Sections {
		headings[s.Number] = s.Heading
	}
	sections := func(nums ...int) []Section {
		var out []Section
		for _, n := range nums {
			out = append(out, Section{Number: n, Heading: headings[n], Text: "正文。"})
		}
		return out
	}
	for _, tc := range []struct {
		have []int
		want []int
	}{
		{[]int{1, 5, 2, 3, 4, 6}, []int{1, 5, 2, 3, 4, 6}},
		{[]int{5, 2, 3, 4}, []int{5, 2, 3, 4}},
		{[]int{1, 3, 5, 6}, []int{1, 2, 3, 4, 5, 6}}, // tables 2 and 4 get their sections
		{[]int{5, 3}, []int{2, 4, 5, 3}},             // both missing sections before the first higher one
	} {
		r := NewReport(Edition(schema.E2021))
		r.Sections = sections(tc.have...)
		r2, err := Parse(Format(r))
		if r2 == nil {
			t.Fatalf("%v: %v", tc.have, err)
		}
		var got []int
		for _, s := range r2.Sections {
			got = append(got, s.Number)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("sections %v: after Format and Parse (-want +got):\n%s", tc.have, diff)
		}
		if !bytes.Equal(Format(r2), Format(r)) {
			t.Errorf("sections %v: Format(Parse(Format(r))) differs from Format(r)", tc.have)
		}
	}
}
