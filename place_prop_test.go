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
