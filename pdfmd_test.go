package nianbao

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao/schema"
)

// Markdown made from a PDF by a converter (corpus shape pdfmd, files 021 and
// 022): pipe tables cut into pieces, some rows written as text beside them,
// wrapped labels floating as text between the pieces.

// pdfmdDoc is a report whose section 2 is sec2 and section 3 is sec3.
func pdfmdDoc(sec2, sec3 string) string {
	return "一、总体情况\n正文。\n\n二、主动公开政府信息情况\n" + sec2 + "\n\n三、收到和处理政府信息公开申请情况\n" + sec3 +
		"\n\n五、存在的主要问题及改进情况\n无。\n"
}

// Rule "text beside a Markdown table": a line with no pipe, outside any
// cell, of a row label and values one space apart.
func TestPDFMarkdownTextBesideTable(t *testing.T) {
	const pipeT2 = "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 0 | 0 | 0 |\n| 规范性文件 | 13 | 0 | 55 |"
	cases := []struct {
		name, sec2 string
		want       map[string]string
	}{{
		// As corpus 021: table 2's one-row tables as text before its pipe table.
		name: "label and value as text",
		sec2: "第二十条第（五）项\n信息内容本年处理决定数量\n行政许可 97\n第二十条第（六）项\n信息内容本年处理决定数量\n" +
			"行政处罚 0\n行政强制 3\n第二十条第（八）项\n信息内容本年收费金额（单位：万元）\n行政事业性收费 1.5\n" + pipeT2,
		want: map[string]string{"t2.licensing.decisions": "97", "t2.penalty.decisions": "0", "t2.coercion.decisions": "3",
			"t2.fees.amount": "1.5", "t2.normative_docs.in_force": "55"},
	}, {
		// Prose that ends in a number starts with no label: it stays text.
		name: "prose ending in a number",
		sec2: "第二十条第（五）项\n信息内容本年处理决定数量\n全年办理的行政许可共 97\n" + pipeT2,
		want: map[string]string{"t2.licensing.decisions": "", "t2.normative_docs.in_force": "55"},
	}, {
		// A line inside a cell that the line before opened ("| 说明：" with
		// no closing pipe, the cell closed on the line after) is not beside
		// the table: not split.
		name: "inside an open cell",
		sec2: pipeT2 + "\n第二十条第（五）项\n| 说明：\n行政许可 97\n|",
		want: map[string]string{"t2.licensing.decisions": "", "t2.normative_docs.in_force": "55"},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse([]byte(pdfmdDoc(tc.sec2, "无。")))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, rawCells(r, tc.want)); diff != "" {
				t.Errorf("cells (-want +got):\n%s", diff)
			}
		})
	}
}

// warned reports whether a warning of r holds substr.
func warned(r *Report, substr string) bool {
	for _, w := range r.Warnings {
		if strings.Contains(w.Msg, substr) {
			return true
		}
	}
	return false
}

// mdT3 writes table 3 (edition 2021) as a converter writes it from a PDF:
// pipe rows, one a line, with each row's values from vals (row name → seven
// values; absent rows are 0 0 0 0 0 0 0). The labels of the rows in float
// are not in their pipe rows: they stand as text, joined, before the pipe
// row of the first of them; rows in drop are not written at all, and extra
// pipe rows of values (row name → lines) follow that row's.
func mdT3(vals map[string]string, float []string, drop []string, extra map[string][]string) string {
	b, _ := schema.LookupBlock(schema.E2021, "t3")
	var out []string
	out = append(out, "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
		"|---|---|---|---|---|---|---|---|")
	floated := false
	for _, row := range b.Rows {
		if slices.Contains(drop, row.Name) {
			continue
		}
		v := vals[row.Name]
		if v == "" {
			v = "0 0 0 0 0 0 0"
		}
		cells := "| " + strings.Join(strings.Fields(v), " | ") + " |"
		if slices.Contains(float, row.Name) {
			if !floated {
				for _, f := range float {
					r, _ := b.Row(f)
					out = append(out, "", r.Label)
				}
				floated = true
			}
			out = append(out, cells, "|---|---|---|---|---|---|---|")
		} else {
			out = append(out, "| "+row.Label+" "+cells)
		}
		for _, e := range extra[row.Name] {
			out = append(out, "| "+strings.Join(strings.Fields(e), " | ")+" |", "|---|---|---|---|---|---|---|")
		}
	}
	return strings.Join(out, "\n")
}

// Rule "Markdown rows in table order": pipe rows without a row label between
// two labelled ones are the template's rows between them, when as many,
// their labels seen, each whole and adding up.
func TestPDFMarkdownRowOrder(t *testing.T) {
	vals := map[string]string{"new": "9 1 0 0 0 0 10", "granted": "3 0 0 0 0 0 3", "partial": "2 0 0 0 0 0 2",
		"denied_secret": "1 1 0 0 0 0 2", "denied_law": "1 0 0 0 0 0 1", "total": "8 1 0 0 0 0 9", "carried_forward": "1 0 0 0 0 0 1"}
	cases := []struct {
		name  string
		float []string
		drop  []string
		vals  map[string]string // changed values
		extra map[string][]string
		want  map[string]string
		warn  string
	}{{
		name:  "two rows, labels apart",
		float: []string{"partial", "denied_secret"},
		want: map[string]string{"t3.granted.total": "3", "t3.partial.natural_person": "2", "t3.partial.total": "2",
			"t3.denied_secret.commercial": "1", "t3.denied_secret.total": "2", "t3.denied_law.total": "1"},
		warn: "have no row label",
	}, {
		// A row of the two does not add up: nothing proves it is one row.
		name:  "a row that does not add up",
		float: []string{"partial", "denied_secret"},
		vals:  map[string]string{"denied_secret": "1 1 0 0 0 0 3"},
		want: map[string]string{"t3.granted.total": "3", "t3.partial.natural_person": "", "t3.partial.total": "",
			"t3.denied_secret.commercial": "", "t3.denied_secret.total": "", "t3.denied_law.total": "1"},
	}, {
		// One pipe row more than the template's rows between the anchors.
		name:  "one row too many",
		float: []string{"partial", "denied_secret"},
		extra: map[string][]string{"denied_secret": {"0 0 0 0 0 0 0"}},
		want: map[string]string{"t3.granted.total": "3", "t3.partial.natural_person": "", "t3.partial.total": "",
			"t3.denied_secret.commercial": "", "t3.denied_secret.total": "", "t3.denied_law.total": "1"},
	}, {
		// The row 1.属于国家秘密 is not in the report at all (no label, no
		// values): two rows between the anchors, one pipe row.
		name:  "a row missing",
		float: []string{"partial"},
		drop:  []string{"denied_secret"},
		extra: map[string][]string{},
		want: map[string]string{"t3.granted.total": "3", "t3.partial.total": "2",
			"t3.denied_secret.total": "", "t3.denied_law.total": "1"},
	}, {
		// As above, but two pipe rows without labels and only one label
		// apart: 1.属于国家秘密's label is nowhere, so nothing proves the
		// second pipe row is that row.
		name:  "a label not seen",
		float: []string{"partial"},
		drop:  []string{"denied_secret"},
		extra: map[string][]string{"partial": {"1 1 0 0 0 0 2"}},
		want: map[string]string{"t3.granted.total": "3", "t3.denied_secret.commercial": "", "t3.denied_secret.total": "",
			"t3.denied_law.total": "1"},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := maps.Clone(vals)
			maps.Copy(v, tc.vals)
			src := pdfmdDoc("无。", mdT3(v, tc.float, tc.drop, tc.extra))
			r, err := Parse([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, rawCells(r, tc.want)); diff != "" {
				t.Errorf("cells (-want +got):\n%s\n%s", diff, src)
			}
			if got := warned(r, "have no row label"); got != (tc.warn != "") {
				t.Errorf("warning on rows without labels: %v, want %v", got, tc.warn != "")
			}
		})
	}
}

// Rule "a unit ends a value": numbers each followed by a unit, run together
// in one field (a crawler's flattened page, corpus 019).
func TestUnitEndsValue(t *testing.T) {
	const head = "第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t"
	cases := []struct{ field, items, amount string }{
		{"1个246900元", "1个", "246900元"},
		{"3项12.5万元", "3项", "12.5万元"},
		// The second number has no unit: where the first ends is not
		// told by a unit alone ("1个" then "246900"? or one text?).
		{"1个246900", "", ""},
		// One value with its unit is one cell, as before.
		{"2个", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.field, func(t *testing.T) {
			r, err := Parse([]byte(pdfmdDoc(head+tc.field, "无。")))
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"t2.procurement.items": tc.items, "t2.procurement.amount": tc.amount}
			if diff := cmp.Diff(want, rawCells(r, want)); diff != "" {
				t.Errorf("cells (-want +got):\n%s", diff)
			}
		})
	}
	for s, want := range map[string][]int{"1个246900元": {4, 13}, "1个": nil, "1.个2元": nil, "个2元": nil, "1个2元x": nil} {
		if got := unitRun(s); !slices.Equal(got, want) {
			t.Errorf("unitRun(%q) = %v, want %v", s, got, want)
		}
	}
}
