package nianbao_test

import (
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/gen"
	"github.com/opengovcn/nianbao/schema"
)

// PDF text without -layout (corpus shape pdfraw) of every table: each cell
// on a line of its own, a blank line between, a blank cell leaving no line,
// and each row's label where pdftotext's order puts it: before its values,
// right after them, or with the block's other labels at its end. Reports
// of both editions, their arithmetic holding or one count changed, and
// some with cells blanked. Property: never a wrong number in any table.
//
// go test -run TestPDFRawLabelsApart -rapid.checks 10000 runs 10,000 reports.
func TestPDFRawLabelsApart(t *testing.T) {
	var reports, cells, read int
	rapid.Check(t, func(t *rapid.T) {
		e := rapid.SampledFrom([]nianbao.Edition{nianbao.E2019, nianbao.E2021}).Draw(t, "edition")
		o := gen.Options{Edition: e, NumbersOnly: true}
		var r *nianbao.Report
		if rapid.Bool().Draw(t, "broken") {
			r = gen.Broken(o).Draw(t, "report").Report
		} else {
			r = gen.Custom(o).Draw(t, "report")
		}
		pBlank := rapid.SampledFrom([]int{0, 0, 5, 30}).Draw(t, "blank %")
		want := map[string]string{}
		var sb strings.Builder
		sb.WriteString("某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度工作平稳有序。\n\n")
		for _, sec := range []struct{ heading, table string }{
			{"二、主动公开政府信息情况", "t2"},
			{"三、收到和处理政府信息公开申请情况", "t3"},
			{"四、政府信息公开行政复议、行政诉讼情况", "t4"},
		} {
			sb.WriteString(sec.heading + "\n\n")
			for _, id := range schema.BlockIDs {
				if !strings.HasPrefix(id, sec.table) {
					continue
				}
				b, ok := schema.LookupBlock(r.Editions[id], id)
				if !ok {
					continue
				}
				if b.Caption != "" {
					sb.WriteString(b.Caption + "\n\n")
				}
				for _, c := range b.Columns {
					sb.WriteString(c.Label + "\n\n")
				}
				var later []string
				for _, row := range b.Rows {
					where := rapid.IntRange(0, 2).Draw(t, "label") // 0 before its values, 1 after, 2 at the block's end
					if where == 0 {
						sb.WriteString(row.Label + "\n\n")
					}
					for _, c := range b.Columns {
						ref := b.Ref(row.Name, c.Name)
						cell, _ := r.Cell(ref)
						v := cell.Value
						if pBlank > 0 && rapid.IntRange(0, 99).Draw(t, "blank?") < pBlank {
							v = ""
						}
						want[ref] = v
						if v != "" {
							sb.WriteString(v + "\n\n")
						}
					}
					switch where {
					case 1:
						sb.WriteString(row.Label + "\n\n")
					case 2:
						later = append(later, row.Label)
					}
				}
				for _, l := range later {
					sb.WriteString(l + "\n\n")
				}
			}
		}
		sb.WriteString("五、存在的主要问题及改进情况\n\n无。\n\n六、其他需要报告的事项\n\n无。\n")
		text := sb.String()
		got, _ := nianbao.Parse([]byte(text))
		if got == nil {
			t.Fatalf("Parse returned no report:\n%s", text)
		}
		reports++
		for ref, w := range want {
			c, _ := got.Cell(ref)
			cells++
			switch {
			case c.Kind == nianbao.Blank || c.Kind == nianbao.Absent:
			case w == "" || c.Value != w:
				t.Fatalf("%s = %q, want %q: a WRONG number\n%s", ref, c.Value, w, text)
			default:
				read++
			}
		}
	})
	t.Logf("%d reports, %d of %d cells read, none wrong", reports, read, cells)
}
