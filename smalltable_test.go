package nianbao

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Tables rebuilt as one small Markdown table per row under a heading of its
// own, with a header the tool made up (corpus 023, an OCR tool's Markdown):
// smalltable.go.

// ocrHeader is the made-up header of a table-3 row's small table.
const ocrHeader = "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n|---|---|---|---|---|---|---|---|\n"

// t4Header is a table-4 group's five-column header in template order.
const t4Header = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|----------|----------|----------|----------|------|\n"

// ocrDoc is a report whose table 3 and table 4 are the given Markdown.
func ocrDoc(t3, t4 string) string {
	return "# 某县人民政府2025年政府信息公开工作年度报告\n\n" +
		"## 一、总体情况\n\n2025年，我县认真落实《条例》。\n\n" +
		"## 三、收到和处理政府信息公开申请情况\n\n" + t3 + "\n" +
		"## 四、政府信息公开行政复议、行政诉讼情况\n\n" + t4 + "\n" +
		"## 五、政府信息公开工作存在的主要问题及改进情况\n\n无。\n"
}

// t3Rows are rows 一 and 二 of table 3 as corpus 023 writes them: each
// under its heading, the made-up header, the row's label without its number.
const t3Rows = "### 一、本年新收政府信息公开申请数量\n" + ocrHeader +
	"| 本年新收政府信息公开申请数量 | 705 | 3 | 0 | 0 | 5 | 0 | 713 |\n\n" + t3RowTwo

const t3RowTwo = "### 二、上年结转政府信息公开申请数量\n" + ocrHeader +
	"| 上年结转政府信息公开申请数量 | 36 | 0 | 0 | 0 | 0 | 0 | 36 |\n\n"

// t4Groups is table 4 as corpus 023 writes it: a five-column table under
// each group's heading.
const t4Groups = "### 行政复议\n" + t4Header + "| 27 | 10 | 9 | 15 | 61 |\n\n" +
	"### 行政诉讼（未经复议直接起诉）\n" + t4Header + "| 3 | 0 | 0 | 0 | 3 |\n\n" +
	"### 行政诉讼（复议后起诉）\n" + t4Header + "| 8 | 0 | 1 | 1 | 10 |\n"

func TestSmallTables(t *testing.T) {
	t4 := func(review, direct, after string) map[string]string {
		m := map[string]string{}
		for row, vals := range map[string]string{"review": review, "suit_direct": direct, "suit_after_review": after} {
			for i, c := range []string{"upheld", "corrected", "other", "pending", "total"} {
				v := words(vals)[i]
				if v == "_" {
					v = ""
				}
				m["t4."+row+"."+c] = v
			}
		}
		return m
	}
	merge := func(ms ...map[string]string) map[string]string {
		out := map[string]string{}
		for _, m := range ms {
			for k, v := range m {
				out[k] = v
			}
		}
		return out
	}
	rowsOneTwo := map[string]string{
		"t3.new.natural_person": "705", "t3.new.commercial": "3", "t3.new.legal_services": "5", "t3.new.total": "713",
		"t3.carried_over.natural_person": "36", "t3.carried_over.commercial": "0", "t3.carried_over.total": "36",
	}
	type warning struct {
		line int
		err  error
		ref  string
	}
	cases := []struct {
		name     string
		t3, t4   string
		want     map[string]string
		warnings []warning // the ErrRepaired and ErrAmbiguous warnings that name a cell's row
	}{{
		// Corpus 023: the header's placeholders are no values, and each
		// row's own label (without 一、/二、) gives way to its heading.
		name: "rows under headings, groups under headings",
		t3:   t3Rows,
		t4:   t4Groups,
		want: merge(rowsOneTwo, t4("27 10 9 15 61", "3 0 0 0 3", "8 0 1 1 10")),
		warnings: []warning{
			{line: 12, err: ErrRepaired, ref: "t3.new"},
			{line: 17, err: ErrRepaired, ref: "t3.carried_over"},
		},
	}, {
		// The row's label has 其他 in it, a column label: still the
		// heading's row (a repetition of it).
		name: "row label repeating the heading",
		t3: "### (二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)\n" + ocrHeader +
			"| 部分公开 (区分处理的, 只计这一情形, 不计其他情形) | 99 | 0 | 0 | 0 | 2 | 0 | 101 |\n",
		t4:       t4Groups,
		want:     map[string]string{"t3.partial.natural_person": "99", "t3.partial.legal_services": "2", "t3.partial.total": "101"},
		warnings: []warning{{line: 12, err: ErrRepaired, ref: "t3.partial"}},
	}, {
		// The row has no label at all: the header's label cell is over
		// nothing, the heading names the row.
		name: "placeholder row label",
		t3:   "### 一、本年新收政府信息公开申请数量\n" + ocrHeader + "| 类别 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |\n",
		t4:   t4Groups,
		want: map[string]string{"t3.new.natural_person": "7", "t3.new.total": "7"},
	}, {
		// Rows with labels of their own under a group heading: each row is
		// its own, the heading's row gets nothing.
		name: "rows with their own labels",
		t3: "### (三) 不予公开\n" + ocrHeader +
			"| 1. 属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n" +
			"| 2. 其他法律行政法规禁止公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n",
		t4:   t4Groups,
		want: map[string]string{"t3.denied_secret.total": "1", "t3.denied_law.natural_person": "2", "t3.denied_law.total": "2"},
	}, {
		// A single row whose own label names a row: its own row, not the
		// heading's.
		name: "one row with its own label",
		t3: "### (六) 其他处理\n" + ocrHeader +
			"| 1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |\n",
		t4:   t4Groups,
		want: map[string]string{"t3.other_no_correction.natural_person": "9", "t3.other_no_correction.total": "9"},
	}, {
		// Table 4's header in another order: the values follow it.
		name: "table 4 header in another order",
		t3:   t3Rows,
		t4: "### 行政复议\n| 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 |\n|---|---|---|---|---|\n| 61 | 27 | 10 | 9 | 15 |\n\n" +
			"### 行政诉讼（未经复议直接起诉）\n" + t4Header + "| 3 | 0 | 0 | 0 | 3 |\n\n" +
			"### 行政诉讼（复议后起诉）\n" + t4Header + "| 8 | 0 | 1 | 1 | 10 |\n",
		want: merge(rowsOneTwo, t4("27 10 9 15 61", "3 0 0 0 3", "8 0 1 1 10")),
		warnings: []warning{
			{line: 12, err: ErrRepaired, ref: "t3.new"},
			{line: 17, err: ErrRepaired, ref: "t3.carried_over"},
		},
	}, {
		// Four values under five headers: which cell is missing cannot be
		// told, so the group is blank, with a warning at its values.
		name: "table 4 group short of a value",
		t3:   t3Rows,
		t4: "### 行政复议\n" + t4Header + "| 27 | 10 | 9 | 15 | 61 |\n\n" +
			"### 行政诉讼（未经复议直接起诉）\n" + t4Header + "| 3 | 0 | 0 | 3 |\n\n" +
			"### 行政诉讼（复议后起诉）\n" + t4Header + "| 8 | 0 | 1 | 1 | 10 |\n",
		want: merge(rowsOneTwo, t4("27 10 9 15 61", "_ _ _ _ _", "8 0 1 1 10")),
		warnings: []warning{
			{line: 12, err: ErrRepaired, ref: "t3.new"},
			{line: 17, err: ErrRepaired, ref: "t3.carried_over"},
			{line: 30, err: ErrAmbiguous, ref: "t4.suit_direct"},
		},
	}, {
		// 总计 where the template has 结果维持: the header and the
		// template disagree, no cell is placed.
		name: "header column out of place",
		t3: "### 一、本年新收政府信息公开申请数量\n| 类别 | 总计 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |\n|---|---|---|---|---|---|---|---|\n" +
			"| 本年新收政府信息公开申请数量 | 705 | 3 | 0 | 0 | 5 | 0 | 713 |\n\n" + t3RowTwo,
		t4:   t4Groups,
		want: map[string]string{"t3.new.natural_person": "", "t3.new.total": "", "t3.carried_over.total": "36"},
		warnings: []warning{
			{line: 12, err: ErrRepaired, ref: "t3.new"},
			{line: 12, err: ErrAmbiguous, ref: "t3.new"},
			{line: 17, err: ErrRepaired, ref: "t3.carried_over"},
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := ocrDoc(c.t3, c.t4)
			r, s, err := parseAccounted(&Parser{}, []byte(src))
			if r == nil {
				t.Fatalf("Parse: no report: %v", err)
			}
			checkAccounting(t, r, s)
			got := map[string]string{}
			for ref := range c.want {
				cell, _ := r.Cell(ref)
				got[ref] = corpusValue(cell)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("cells (-want +got):\n%s", diff)
			}
			for _, rc := range r.Cells() {
				if rc.Cell.Kind == Text {
					t.Errorf("%s holds text %q: a header cell read as a value", rc.Ref, rc.Cell.Value)
				}
			}
			var gotW []warning
			for _, w := range r.Warnings {
				if (errors.Is(w.Err, ErrRepaired) || errors.Is(w.Err, ErrAmbiguous)) && strings.Count(w.Ref, ".") == 1 {
					e := ErrRepaired
					if errors.Is(w.Err, ErrAmbiguous) {
						e = ErrAmbiguous
					}
					gotW = append(gotW, warning{line: w.Pos.Line, err: e, ref: w.Ref})
				}
			}
			if diff := cmp.Diff(c.warnings, gotW, cmp.AllowUnexported(warning{}), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("row warnings (-want +got):\n%s\nall warnings:\n%s", diff, warningList(r))
			}
		})
	}
}

func warningList(r *Report) string {
	var b strings.Builder
	for _, w := range r.Warnings {
		b.WriteString(w.Error() + "\n")
	}
	return b.String()
}

func TestIsPlaceholderCell(t *testing.T) {
	for s, want := range map[string]bool{
		"类别": true, "数据1": true, "数据12": true, "（数据项目）": true, "项目": true, "序号": true, "列3": true, "数据": true,
		"总计": false, "自然人": false, "数据1a": false, "本年新收件数": false, "": false, "1": false,
	} {
		if got := isPlaceholderCell(s); got != want {
			t.Errorf("isPlaceholderCell(%q) = %v, want %v", s, got, want)
		}
	}
}
