package nianbao_test

import (
	"os"
	"strings"
	"testing"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/gen"
	"github.com/opengovcn/nianbao/schema"
	"pgregory.net/rapid"
)

// flatten writes a report the way a crawler stores a web page: the whole
// body on one line, the cells of every table row run together.
func flatten(r *nianbao.Report) string { return flattenSep(r, nil) }

// flattenSep is flatten with sep() written before each cell of a row but
// its first (corpus 036's "行政许可 17 0 2"); a nil sep writes nothing.
func flattenSep(r *nianbao.Report, sep func() string) string {
	var b strings.Builder
	b.WriteString(r.Title + "\n")
	b.WriteString("本报告中所列数据的统计期限为" + r.Period + "。 一、总体情况 本年度工作平稳有序。 ")
	val := func(ref string) string { c, _ := r.Cell(ref); return c.String() }
	cell := func(i int, ref string) string {
		if i > 0 && sep != nil {
			return sep() + val(ref)
		}
		return val(ref)
	}
	for _, s := range schema.Sections[1:4] {
		b.WriteString(s.Heading)
		for _, id := range schema.BlockIDs {
			e, ok := r.Editions[id]
			blk, _ := schema.LookupBlock(e, id)
			if !ok || blk.Table != s.Table {
				continue
			}
			switch blk.Table {
			case "t2":
				b.WriteString(blk.Caption + blk.Corner)
				for _, c := range blk.Columns {
					b.WriteString(c.Label)
				}
				for _, row := range blk.Rows {
					b.WriteString(row.Label)
					for i, c := range blk.Columns {
						b.WriteString(cell(i, blk.Ref(row.Name, c.Name)))
					}
				}
			case "t3":
				b.WriteString(schema.T3Note + schema.T3Applicants + "自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他")
				written := map[string]bool{}
				for _, row := range blk.Rows {
					for _, g := range row.Groups {
						if !written[g] {
							written[g] = true
							b.WriteString(g)
						}
					}
					b.WriteString(row.Label)
					for i, c := range blk.Columns {
						b.WriteString(cell(i, blk.Ref(row.Name, c.Name)))
					}
				}
			case "t4":
				b.WriteString("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉" +
					"结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计")
				for k, row := range blk.Rows {
					for i, c := range blk.Columns {
						b.WriteString(cell(k+i, blk.Ref(row.Name, c.Name)))
					}
				}
			}
		}
	}
	b.WriteString("五、存在的主要问题及改进情况公开内容还需更加及时。六、其他需要报告的事项本年度未收取信息处理费。\n")
	return b.String()
}

// TestParseFlattenedProperty: a generated report stored flat reads back
// with no cell ever a wrong number. A cell whose digits can be cut in
// several ways that fit the arithmetic stays blank (or keeps its run as
// text), with a warning; the others come back exactly.
func TestParseFlattenedProperty(t *testing.T) {
	var cells, recoveredAll int
	defer func() { t.Logf("flattened reports: %d of %d cells recovered", recoveredAll, cells) }()
	checkN(t, propertyChecks(), func(t *rapid.T) {
		want := gen.Custom(gen.Options{Edition: rapid.SampledFrom([]nianbao.Edition{"2019", "2021"}).Draw(t, "edition"),
			NumbersOnly: true, NoExtras: true}).Draw(t, "report")
		src := flatten(want)
		got, err := nianbao.Parse([]byte(src))
		if err != nil {
			t.Fatalf("Parse: %v\n%s", err, src)
		}
		if got.Year != want.Year || got.Edition() != want.Edition() {
			t.Fatalf("year %d edition %q, want %d %q\n%s", got.Year, got.Edition(), want.Year, want.Edition(), src)
		}
		recovered, blank := 0, 0
		for _, rc := range want.Cells() {
			if strings.HasPrefix(rc.Ref, "t2.procurement.") {
				// Known gap: glue.go cuts runs of digits only, so a count
				// run together with a decimal amount ("00.5" for 0 and
				// 0.5) is read as one value.
				continue
			}
			c, _ := got.Cell(rc.Ref)
			switch {
			case c.Equal(rc.Cell):
				recovered++
			case c.Kind == nianbao.Blank || c.Kind == nianbao.Text:
				blank++ // not recovered: blank, or the run kept as text ("0-10", a signed 2019 change)
			default:
				t.Fatalf("%s = %s %q, want %q, blank or text\n%s", rc.Ref, c.Kind, c.Value, rc.Cell.Value, src)
			}
		}
		cells += recovered + blank
		recoveredAll += recovered
		if blank > 0 && len(got.Warnings) == 0 {
			t.Fatalf("%d cells left blank without a warning", blank)
		}
		// Rows of zeros are always recovered: t3 of a report with no request.
		if n, _ := want.Requests.Total.Total.Int64(); n == 0 {
			if c := got.Requests.Total.Total; c.Kind != nianbao.Number || c.Value != "0" {
				t.Fatalf("t3.total.total = %v, want 0", c)
			}
		}
	})
}

// TestParseFlattenedBlanks: as TestParseFlattenedProperty, with cells
// blanked at random before the report is stored flat. A blank cell leaves
// no digit, so a run may hide blank cells (corpus 024, an HTML page with
// blank cells, flattened, had 予以公开 "2581211" for 258 12 _ _ 1 1 _, once
// read as one digit a cell); once a row shows it (a run shorter than its
// cells), runs are cut allowing for blank cells (glue.go, splitGluedLost).
// No cell is ever a wrong number.
func TestParseFlattenedBlanks(t *testing.T) {
	var cells, read int
	defer func() { t.Logf("flattened reports with blank cells: %d of %d cells read, none wrong", read, cells) }()
	checkN(t, propertyChecks(), func(t *rapid.T) {
		want := gen.Custom(gen.Options{Edition: rapid.SampledFrom([]nianbao.Edition{"2019", "2021"}).Draw(t, "edition"),
			NumbersOnly: true, NoExtras: true}).Draw(t, "report")
		pBlank := rapid.IntRange(20, 60).Draw(t, "blank %")
		for _, rc := range want.Cells() {
			if rapid.IntRange(0, 99).Draw(t, "blank?") < pBlank {
				want.SetCell(rc.Ref, nianbao.BlankCell())
			}
		}
		src := flatten(want)
		checkFlattened(t, want, src, &cells, &read)
	})
}

// TestParseFlattenedSpaced: as TestParseFlattenedBlanks, with a space
// between some cells of a row, as crawlers that join a row's cells with
// spaces store a page (corpus 036: "行政许可 17 0 2"; 007: "230 000023").
// The front end drops those spaces and the parser cuts a row's run at each
// of them (spaced cuts): no cell is ever a wrong number, and a row of table 3
// written with a space between every two cells, with no blank cell in the
// report, is read exactly whatever its sums.
func TestParseFlattenedSpaced(t *testing.T) {
	var cells, read int
	defer func() { t.Logf("flattened reports with spaces: %d of %d cells read, none wrong", read, cells) }()
	checkN(t, propertyChecks(), func(t *rapid.T) {
		want := gen.Custom(gen.Options{Edition: rapid.SampledFrom([]nianbao.Edition{"2019", "2021"}).Draw(t, "edition"),
			NumbersOnly: true, NoExtras: true}).Draw(t, "report")
		pBlank := rapid.SampledFrom([]int{0, 0, 10, 40}).Draw(t, "blank %")
		for _, rc := range want.Cells() {
			if rapid.IntRange(0, 99).Draw(t, "blank?") < pBlank {
				want.SetCell(rc.Ref, nianbao.BlankCell())
			}
		}
		pSpace := rapid.SampledFrom([]int{30, 80, 100}).Draw(t, "space %")
		src := flattenSep(want, func() string {
			if rapid.IntRange(0, 99).Draw(t, "space?") < pSpace {
				return " "
			}
			return ""
		})
		got := checkFlattened(t, want, src, &cells, &read)
		if pBlank > 0 || pSpace < 100 {
			return
		}
		for _, rc := range want.Cells() {
			if !strings.HasPrefix(rc.Ref, "t3.") {
				continue
			}
			if c, _ := got.Cell(rc.Ref); !c.Equal(rc.Cell) {
				t.Fatalf("%s = %s %q, want %q: every cell of its row written apart\n%s", rc.Ref, c.Kind, c.Value, rc.Cell.Value, src)
			}
		}
	})
}

// A blank cell between two values of a flattened page leaves two spaces
// ("规章0  10" for 0, blank, 10): that is evidence that blank cells leave
// no digit, so "010" is not cut one digit a cell (0 1 0, a wrong 1 in the
// blank cell); found by TestParseFlattenedSpaced.
func TestFlattenedDoubleSpaceBlank(t *testing.T) {
	src, err := os.ReadFile("testdata/seeds/004_a48343d0f3c95c5a.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := nianbao.Parse(src)
	want.SetCell("t2.regulations.issued", nianbao.IntCell(0))
	want.SetCell("t2.regulations.repealed", nianbao.BlankCell())
	want.SetCell("t2.regulations.in_force", nianbao.IntCell(10))
	got, _ := nianbao.Parse([]byte(flattenSep(want, func() string { return " " })))
	for _, ref := range []string{"t2.regulations.issued", "t2.regulations.repealed", "t2.regulations.in_force"} {
		w, _ := want.Cell(ref)
		c, _ := got.Cell(ref)
		if c.Kind != nianbao.Blank && !c.Equal(w) {
			t.Errorf("%s = %s %q, want %s %q: a WRONG number", ref, c.Kind, c.Value, w.Kind, w.Value)
		}
	}
}

// checkFlattened parses src, a flattening of want, and fails on any cell
// that holds a number want does not (a cell not read is no failure);
// it counts the cells and those read, and returns the parse.
func checkFlattened(t *rapid.T, want *nianbao.Report, src string, cells, read *int) *nianbao.Report {
	got, err := nianbao.Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, src)
	}
	for _, rc := range want.Cells() {
		if strings.HasPrefix(rc.Ref, "t2.procurement.") {
			continue // a count run together with a decimal amount: see TestParseFlattenedProperty
		}
		c, _ := got.Cell(rc.Ref)
		*cells++
		switch {
		case c.Equal(rc.Cell):
			if rc.Cell.Kind != nianbao.Blank {
				*read++
			}
		case c.Kind == nianbao.Blank || c.Kind == nianbao.Text || c.Kind == nianbao.Absent:
			// not read (a table of blank cells only may not be found at all)
		default:
			t.Fatalf("%s = %s %q, want %s %q: a WRONG number\n%s", rc.Ref, c.Kind, c.Value, rc.Cell.Kind, rc.Cell.Value, src)
		}
	}
	return got
}
