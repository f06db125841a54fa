package nianbao_test

import (
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/gen"
	"github.com/opengovcn/nianbao/schema"
)

// Table 3 as pdftotext writes WPS's PDFs without -layout (corpus 004, 006):
// the values one a line in groups a blank line apart, each group a
// column's cells of a band of consecutive rows, the bands in the
// template's order and the labels elsewhere (before or after their band,
// in order or not). The rule (pdfraw.go readColumnMajor) reads them when
// the template's arithmetic proves the reading. Properties: never a wrong
// number; on a report whose arithmetic holds, every cell is read unless a
// band reads as well row by row to other numbers (then it may stay blank).
//
// go test -run TestColumnMajor -rapid.checks 10000 runs 10,000 reports.
func TestColumnMajor(t *testing.T) {
	for _, broken := range []bool{false, true} {
		name := map[bool]string{false: "arithmetic holds", true: "one count changed"}[broken]
		t.Run(name, func(t *testing.T) {
			var reports, cells, read, fullyRead, noTable int
			rapid.Check(t, func(t *rapid.T) {
				e := rapid.SampledFrom([]nianbao.Edition{nianbao.E2019, nianbao.E2021}).Draw(t, "edition")
				var r *nianbao.Report
				if broken {
					r = gen.Broken(gen.Options{Edition: e, NumbersOnly: true}).Draw(t, "report").Report
				} else {
					r = gen.ValidReport(e).Draw(t, "report")
				}
				b, _ := schema.LookupBlock(e, "t3")
				text, want := columnMajorText(t, b, r)
				got, _ := nianbao.Parse([]byte(text))
				if got == nil {
					t.Fatalf("Parse returned no report:\n%s", text)
				}
				reports++
				if c, _ := got.Cell("t3.new.total"); c.Kind == nianbao.Absent {
					noTable++ // no row label before the table's values: the parser found no table 3
				}
				all := true
				for ref, w := range want {
					c, _ := got.Cell(ref)
					cells++
					switch {
					case c.Kind == nianbao.Blank || c.Kind == nianbao.Absent:
						all = false
					case c.Value != w:
						t.Fatalf("%s = %q, want %q: a WRONG number\n%s", ref, c.Value, w, text)
					default:
						read++
					}
				}
				if all {
					fullyRead++
				} else if c, _ := got.Cell("t3.new.total"); !broken && c.Kind != nianbao.Absent && !rowMajorToo(b, want, text) {
					t.Fatalf("a report whose arithmetic holds, written column by column, was not read whole:\n%s", text)
				}
			})
			t.Logf("%s: %d reports, %d read whole, %d without table 3; %d of %d cells read, none wrong",
				name, reports, fullyRead, noTable, read, cells)
		})
	}
}

// columnMajorText writes report r's table 3 (block b) as pdftotext does
// without -layout, in bands of rows written column by column, and returns
// the text with the cells it holds.
func columnMajorText(t *rapid.T, b schema.Block, r *nianbao.Report) (string, map[string]string) {
	want := map[string]string{}
	var sb strings.Builder
	sb.WriteString("某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度工作平稳有序。\n\n三、收到和处理政府信息公开申请情况\n\n申请人情况\n\n")
	for _, c := range b.Columns {
		sb.WriteString(c.Label + "\n")
	}
	sb.WriteString("\n")
	var later []string // labels written after their band
	for from := 0; from < len(b.Rows); {
		k := rapid.IntRange(1, min(12, len(b.Rows)-from)).Draw(t, "band rows")
		rows := b.Rows[from : from+k]
		where := rapid.IntRange(0, 2).Draw(t, "labels") // 0 before, 1 right after, 2 at the table's end
		if where == 0 {
			for _, row := range rows {
				sb.WriteString(row.Label + "\n")
			}
			sb.WriteString("\n")
		}
		for _, c := range b.Columns {
			for _, row := range rows {
				cell, _ := r.Cell(b.Ref(row.Name, c.Name))
				want[b.Ref(row.Name, c.Name)] = cell.Value
				sb.WriteString(cell.Value + "\n")
			}
			sb.WriteString("\n")
		}
		for _, row := range rows {
			switch where {
			case 1:
				sb.WriteString(row.Label + "\n\n")
			case 2:
				later = append(later, row.Label)
			}
		}
		from += k
	}
	for _, l := range later {
		sb.WriteString(l + "\n\n")
	}
	sb.WriteString("五、存在的主要问题及改进情况\n\n无。\n\n六、其他需要报告的事项\n\n无。\n")
	return sb.String(), want
}

// rowMajorToo reports whether some band of the text (groups of more than
// one line) also reads row by row, its values in text order, to rows that
// each add up: then the reading is not proven and cells may stay blank.
// (A rough check, for the test's message: any band of k > 1 rows whose
// values read in text order give rows adding up.)
func rowMajorToo(b schema.Block, want map[string]string, text string) bool {
	var groups [][]string
	var cur []string
	for _, l := range strings.Split(text, "\n") {
		if l != "" && strings.Trim(l, "0123456789") == "" {
			cur = append(cur, l)
			continue
		}
		if len(cur) > 0 {
			groups = append(groups, cur)
			cur = nil
		}
	}
	n := len(b.Columns)
	for i := 0; i+n <= len(groups); i += n {
		k := len(groups[i])
		if k < 2 {
			continue
		}
		var flat []string
		for _, g := range groups[i : i+n] {
			flat = append(flat, g...)
		}
		adds := true
		for r := 0; r+n <= len(flat); r += n {
			var sum, total int
			for j, v := range flat[r : r+n] {
				x := atoi(v)
				if j == n-1 {
					total = x
				} else {
					sum += x
				}
			}
			adds = adds && sum == total
		}
		if adds {
			return true
		}
	}
	return false
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}
