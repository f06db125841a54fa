package nianbao

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
