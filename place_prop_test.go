package nianbao

import (
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/opengovcn/nianbao/schema"
)

// The property of issue 14 for space-aligned tables (pdftotext -layout, a
// table pasted from a viewer): table 3 is laid out in columns of spaces,
// every cell blank at random, numbers aligned in their column to the
// right, the left or the centre, positions counted in characters (as
// pdftotext writes them) or in display width (a monospaced editor, CJK two
// columns). Parsing never yields a wrong number; when at least one row of
// the table is full, every cell is read, blanks kept blank.
//
// go test -run TestPlaceSpaceAligned -rapid.checks 10000 runs 10,000 tables
// (go test runs rapid's default, 100).

// spaceTable is a generated table 3 and the text it was laid out as.
type spaceTable struct {
	cells map[string]string // ref → value, "" for blank
	full  bool              // some row has all its values
	text  string
}

func genSpaceTable(t *rapid.T) spaceTable {
	b, _ := schema.LookupBlock(schema.E2021, "t3")
	m := metricRunes
	if rapid.Bool().Draw(t, "display width") {
		m = metricWidth
	}
	align := rapid.IntRange(0, 2).Draw(t, "align") // 0 right, 1 left, 2 centre
	pBlank := rapid.IntRange(0, 40).Draw(t, "blank %")
	widths := make([]int, len(b.Columns))
	for j := range widths {
		widths[j] = rapid.IntRange(6, 12).Draw(t, "width")
	}
	textW := func(s string) int {
		n := 0
		for _, r := range s {
			n += runeCols(r, m)
		}
		return n
	}
	labelW := 0 // the label column holds the longest label
	for _, row := range b.Rows {
		labelW = max(labelW, textW(row.Label)+2)
	}
	pad := func(s string, w int) string { return s + strings.Repeat(" ", max(1, w-textW(s))) }
	var sb strings.Builder
	sb.WriteString("某某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳有序。\n三、收到和处理政府信息公开申请情况\n")
	// The header: each column's label at its column.
	sb.WriteString(pad("", labelW))
	for j, c := range b.Columns {
		sb.WriteString(pad(c.Label, widths[j]))
	}
	sb.WriteString("\n\n")
	st := spaceTable{cells: map[string]string{}}
	for _, row := range b.Rows {
		sb.WriteString(pad(row.Label, labelW))
		full := true
		for j, c := range b.Columns {
			v := ""
			if rapid.IntRange(0, 99).Draw(t, "blank?") >= pBlank {
				v = strconv.Itoa(rapid.IntRange(0, 3000).Draw(t, "value"))
			} else {
				full = false
			}
			st.cells[b.Ref(row.Name, c.Name)] = v
			w := widths[j]
			field := strings.Repeat(" ", w)
			if v != "" {
				left := 0
				switch align {
				case 0:
					left = w - 1 - len(v)
				case 2:
					left = (w - 1 - len(v)) / 2
				}
				field = strings.Repeat(" ", left) + v + strings.Repeat(" ", w-left-len(v))
			}
			sb.WriteString(field)
		}
		st.full = st.full || full
		sb.WriteString("\n\n")
	}
	sb.WriteString("五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n")
	st.text = sb.String()
	return st
}

func TestPlaceSpaceAligned(t *testing.T) {
	var tables, cells, read, fullTables, missedFull int
	rapid.Check(t, func(t *rapid.T) {
		st := genSpaceTable(t)
		r, err := Parse([]byte(st.text))
		if r == nil {
			t.Fatalf("Parse: %v\n%s", err, st.text)
		}
		tables++
		if st.full {
			fullTables++
		}
		for ref, want := range st.cells {
			c, _ := r.Cell(ref)
			got := corpusValue(c)
			cells++
			switch {
			case c.Kind == Blank && want != "" && st.full:
				missedFull++
			case c.Kind == Blank:
			case got != want:
				t.Fatalf("%s = %q, want %q: a WRONG number\n%s", ref, got, want, st.text)
			default:
				read++
			}
		}
	})
	t.Logf("%d tables (%d with a full row), %d of %d cells read, none wrong; %d cells left blank in tables with a full row",
		tables, fullTables, read, cells, missedFull)
}

// lineTable lays table 3 out one value a line. blankLine is true for a
// text export (a blank cell is a line of its own: empty, spaces, a no-break
// space, a tab or a pipe; empty lines may follow a row); false for PDF
// text without -layout (a blank cell leaves no line, an empty line follows
// every value).
func genLineTable(t *rapid.T, blankLine bool) spaceTable {
	b, _ := schema.LookupBlock(schema.E2021, "t3")
	pBlank := rapid.IntRange(0, 40).Draw(t, "blank %")
	// (A line of only "|" makes the table a pipe table, where it closes
	// a cell: seed 002.)
	blanks := []string{"", " ", "\u00a0", "\t", "\u3000"}
	var sb strings.Builder
	sb.WriteString("某某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳有序。\n三、收到和处理政府信息公开申请情况\n")
	for _, c := range b.Columns {
		sb.WriteString(c.Label + "\n")
	}
	st := spaceTable{cells: map[string]string{}}
	for _, row := range b.Rows {
		sb.WriteString(row.Label + "\n")
		full := true
		for _, c := range b.Columns {
			v := ""
			if rapid.IntRange(0, 99).Draw(t, "blank?") >= pBlank {
				v = strconv.Itoa(rapid.IntRange(0, 3000).Draw(t, "value"))
			} else {
				full = false
			}
			st.cells[b.Ref(row.Name, c.Name)] = v
			switch {
			case v != "" && blankLine:
				sb.WriteString(v + "\n")
			case v != "":
				sb.WriteString(v + "\n\n")
			case blankLine:
				sb.WriteString(rapid.SampledFrom(blanks).Draw(t, "blank line") + "\n")
			}
		}
		if blankLine {
			sb.WriteString(strings.Repeat("\n", rapid.IntRange(0, 2).Draw(t, "empty lines after")))
		}
		st.full = st.full || full
	}
	sb.WriteString("五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n")
	st.text = sb.String()
	return st
}

// TestPlaceOneALine: table 3 one value a line, as a text export writes it
// (blank cells as lines of their own) and as PDF text without -layout
// writes it (blank cells leave no line). Never a wrong number; in the text
// export with a full row, every cell is read.
func TestPlaceOneALine(t *testing.T) {
	for _, blankLine := range []bool{true, false} {
		name := map[bool]string{true: "text export", false: "pdf raw"}[blankLine]
		t.Run(name, func(t *testing.T) {
			var tables, cells, read, missedFull int
			rapid.Check(t, func(t *rapid.T) {
				st := genLineTable(t, blankLine)
				r, err := Parse([]byte(st.text))
				if r == nil {
					t.Fatalf("Parse: %v\n%s", err, st.text)
				}
				tables++
				for ref, want := range st.cells {
					c, _ := r.Cell(ref)
					got := corpusValue(c)
					cells++
					switch {
					case c.Kind == Blank && want != "" && st.full:
						missedFull++
						if blankLine {
							t.Fatalf("%s blank, want %q, though a row of the table is full:\n%s", ref, want, st.text)
						}
					case c.Kind == Blank:
					case got != want:
						t.Fatalf("%s = %q, want %q: a WRONG number\n%s", ref, got, want, st.text)
					default:
						read++
					}
				}
			})
			t.Logf("%s: %d tables, %d of %d cells read, none wrong; %d left blank in tables with a full row", name, tables, read, cells, missedFull)
		})
	}
}

// TestPlaceTable4Run: table 4 written as a run of its 15 values after its
// header, blank cells leaving nothing (one line, spaces between), or one
// value a line (a blank an empty line, or no line at all). Never a wrong
// number.
func TestPlaceTable4Run(t *testing.T) {
	b, _ := schema.LookupBlock(schema.E2021, "t4")
	var tables, cells, read int
	rapid.Check(t, func(t *rapid.T) {
		shape := rapid.IntRange(0, 2).Draw(t, "shape") // 0 one line, 1 a line each with blank lines, 2 a line each, blanks leave none
		pBlank := rapid.IntRange(0, 40).Draw(t, "blank %")
		var sb strings.Builder
		sb.WriteString("某某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳有序。\n四、政府信息公开行政复议、行政诉讼情况\n" +
			"行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n" +
			strings.Repeat("结果维持 结果纠正 其他结果 尚未审结 总计 ", 3) + "\n")
		want := map[string]string{}
		var vals []string
		for _, row := range b.Rows {
			for _, c := range b.Columns {
				v := ""
				if rapid.IntRange(0, 99).Draw(t, "blank?") >= pBlank {
					v = strconv.Itoa(rapid.IntRange(0, 300).Draw(t, "value"))
				}
				want[b.Ref(row.Name, c.Name)] = v
				vals = append(vals, v)
			}
		}
		switch shape {
		case 0:
			var nonBlank []string
			for _, v := range vals {
				if v != "" {
					nonBlank = append(nonBlank, v)
				}
			}
			sb.WriteString(strings.Join(nonBlank, "   ") + "\n")
		case 1:
			sb.WriteString(strings.Join(vals, "\n") + "\n")
		case 2:
			for _, v := range vals {
				if v != "" {
					sb.WriteString(v + "\n")
				}
			}
		}
		sb.WriteString("五、存在的主要问题及改进情况\n无。\n")
		r, err := Parse([]byte(sb.String()))
		if r == nil {
			t.Fatalf("Parse: %v", err)
		}
		tables++
		for ref, w := range want {
			c, _ := r.Cell(ref)
			cells++
			switch got := corpusValue(c); {
			case c.Kind == Blank || c.Kind == Absent:
			case got != w:
				t.Fatalf("%s = %q, want %q: a WRONG number\n%s", ref, got, w, sb.String())
			default:
				read++
			}
		}
	})
	t.Logf("%d tables, %d of %d cells read, none wrong", tables, read, cells)
}
