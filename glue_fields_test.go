package nianbao

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Rows published with some cells run together and the others apart
// ("00 0 0 01 0 0 0 1 0 0 0 00"), and runs no cut of which fits the
// row's sums.

func TestNewGluedFieldsRow(t *testing.T) {
	t4 := t4Refs(t)
	t4row := rowRefs(t, E2021, "t4", "suit_direct")
	t3row := rowRefs(t, E2021, "t3", "total")
	zeros := strings.Split(strings.Repeat("0", 15), "")
	tests := []struct {
		name   string
		fields string
		refs   []string
		ok     bool       // a glued row
		want   [][]string // its candidates
		forced bool
	}{
		// 032 and 038: fifteen zeros in eleven fields.
		{"zeros", "00 0 00 0 0 0 00 0 0 0 00", t4, true, [][]string{zeros}, false},
		// 040: fifteen digits in twelve fields; suit_direct 1 0 0 0 1.
		{"one digit a cell", "00 0 0 01 0 0 0 1 0 0 0 00", t4, true,
			[][]string{{"0", "0", "0", "0", "0", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"}}, false},
		// A field of two digits with no leading zero: the row sum decides.
		{"sum decides", "000 12 12 0 0 0 0 0 0 0 0 0 0", t4, true,
			[][]string{{"0", "0", "0", "12", "12", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"}}, false},
		{"two fields of zeros, a total", "000 0 0", t4row, true, [][]string{{"0", "0", "0", "0", "0"}}, false},
		// One digit a cell that does not add up, no field that must be
		// glued: perhaps blank cells that left no field (12, 3, _, _, 15).
		{"not glued: sums fail", "12 3 15", t4row, false, nil, false},
		{"not glued: more digits, no leading zero", "10 20 30", t4row, false, nil, false},
		{"not glued: too few digits", "3 4", t3row, false, nil, false},
		{"not glued: as many fields as cells", "0 0 0 0 0", t4row, false, nil, false},
		// A leading zero: glued; one digit a cell is the only cut there is.
		{"forced", "01 00 3", t4row, true, [][]string{{"0", "1", "0", "0", "3"}}, true},
		// More digits than cells and no cut that fits: no candidate.
		{"unfit", "01 00 30", t4row, true, nil, false},
		{"ambiguous", "00 111 12", t4row, true, [][]string{{"0", "0", "11", "1", "12"}, {"0", "0", "1", "11", "12"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, ok := newGluedFieldsRow(tt.fields, Position{Line: 1, Column: 1}, "x", tt.refs, strings.Fields(tt.fields))
			if ok != tt.ok {
				t.Fatalf("newGluedFieldsRow(%q) ok = %v, want %v", tt.fields, ok, tt.ok)
			}
			if !ok {
				return
			}
			if diff := cmp.Diff(tt.want, g.cands); diff != "" || g.forced != tt.forced || !g.complete {
				t.Errorf("candidates (-want +got):\n%s\nforced %v (want %v), complete %v", diff, g.forced, tt.forced, g.complete)
			}
		})
	}
}

func TestNewUnfitRow(t *testing.T) {
	refs := rowRefs(t, E2021, "t3", "total")
	// 040's （二）部分公开 and （七）总计: a real arithmetic error (8 + 1 with
	// 总计 8), so no cut fits the row's sums.
	for _, run := range []string{"8100008", "191000019"} {
		if g, ok := newGluedRow(run, Position{1, 1}, "x", refs); ok {
			t.Fatalf("newGluedRow(%q) = %v, want no cut that fits", run, g.cands)
		}
	}
	g, ok := newUnfitRow("8100008", Position{1, 1}, "x", refs, []string{"8100008"})
	if !ok || !g.forced || cmp.Diff([][]string{{"8", "1", "0", "0", "0", "0", "8"}}, g.cands) != "" {
		t.Errorf("newUnfitRow(8100008) = %+v, %v; want the one-digit cut, forced", g, ok)
	}
	g, ok = newUnfitRow("191000019", Position{1, 1}, "x", refs, []string{"191000019"})
	if !ok || g.forced || len(g.cands) != 0 {
		t.Errorf("newUnfitRow(191000019) = %+v, %v; want a row with no candidate", g, ok)
	}
	for _, run := range []string{"123", "19x0000019", strings.Repeat("9", 7*glueMaxDigits+1)} {
		if g, ok := newUnfitRow(run, Position{1, 1}, "x", refs, []string{run}); ok {
			t.Errorf("newUnfitRow(%q) = %+v, want not a glued row", run, g)
		}
	}
}

// flatFields is table 3 (part of it) and table 4 of 040, a flattened page
// whose table 3 carries a real arithmetic error (a 商业企业 1 in rows （二）
// and （七） that their 总计 leave out) and whose table 4 is written as
// fifteen digits in twelve fields.
const flatFields = "标题: 某某局2023年政府信息公开工作年度报告\n" +
	"本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。 一、总体情况 2023年，本局坚持公开为常态。 " +
	"三、收到和处理政府信息公开申请情况 （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况 " +
	"自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 " +
	"一、本年新收政府信息公开申请数量 190000019二、上年结转政府信息公开申请数量 0000000三、本年度办理结果 （一）予以公开 6000006" +
	"（二）部分公开（区分处理的，只计这一情形，不计其他情形） 8100008（七）总计 191000019四、结转下年度继续办理 0000000" +
	"四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 " +
	"结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 00 0 0 01 0 0 0 1 0 0 0 00 " +
	"五、存在的主要问题及改进情况 公开内容还需更加及时。六、其他需要报告的事项 本年度未收取信息处理费。\n"

// TestParseGluedFields: table 4's fields are cut one digit a cell; the
// row that adds up only one digit a cell is read so, with a warning; the
// run no cut of which fits is never a number.
func TestParseGluedFields(t *testing.T) {
	r, s, err := parseAccounted(&Parser{}, []byte(flatFields))
	if r == nil {
		t.Fatalf("parse: %v", err)
	}
	checkAccounting(t, r, s)
	got := map[string]string{}
	for _, row := range []string{"review", "suit_direct", "suit_after_review"} {
		for _, ref := range rowRefs(t, E2021, "t4", row) {
			c, _ := r.Cell(ref)
			got[ref] = c.Kind.String() + " " + c.Value
		}
	}
	for _, ref := range append(rowRefs(t, E2021, "t3", "partial"), rowRefs(t, E2021, "t3", "total")...) {
		c, _ := r.Cell(ref)
		got[ref] = c.Kind.String() + " " + c.Value
	}
	want := map[string]string{}
	for _, row := range []string{"review", "suit_direct", "suit_after_review"} {
		for _, ref := range rowRefs(t, E2021, "t4", row) {
			want[ref] = "number 0"
		}
	}
	want["t4.suit_direct.upheld"], want["t4.suit_direct.total"] = "number 1", "number 1"
	for i, ref := range rowRefs(t, E2021, "t3", "partial") {
		want[ref] = "number " + []string{"8", "1", "0", "0", "0", "0", "8"}[i]
	}
	for _, ref := range rowRefs(t, E2021, "t3", "total") {
		want[ref] = "blank "
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}

	// Each cell at its digit in the source line: the 1 of 01, and the
	// last 0 of the row (after the spaces between the fields).
	line := strings.Split(flatFields, "\n")[1]
	col := func(s string, k int) int { return len([]rune(line[:strings.Index(line, s)])) + 1 + k }
	fields := "00 0 0 01 0 0 0 1 0 0 0 00"
	rm, err := Parse([]byte(flatFields))
	if rm == nil {
		t.Fatalf("Parse: %v", err)
	}
	for ref, want := range map[string]Position{
		"t4.review.upheld":           {2, col(fields, 0)},
		"t4.suit_direct.upheld":      {2, col(fields, 8)},
		"t4.suit_direct.total":       {2, col(fields, 16)},
		"t4.suit_after_review.total": {2, col(fields, 25)},
		"t3.partial.commercial":      {2, col("8100008", 1)},
	} {
		if c, _ := rm.Cell(ref); c.Pos != want {
			t.Errorf("%s at %v, want %v", ref, c.Pos, want)
		}
	}

	// The unfit run: kept as unrecognized text at its place in the source
	// line, with a warning that says it could not be split.
	at := Position{Line: 2, Column: len([]rune(line[:strings.Index(line, "191000019")])) + 1}
	r = rm
	if diff := cmp.Diff([]Fragment{{Text: "191000019", Pos: at}}, r.Unrecognized); diff != "" {
		t.Errorf("Unrecognized (-want +got):\n%s", diff)
	}
	var unfit, forced bool
	for _, d := range r.Warnings {
		if errors.Is(d, ErrUnrecognized) && strings.Contains(d.Msg, "191000019") && strings.Contains(d.Msg, "could not be split") &&
			d.Pos == at && d.Ref == "t3.total.natural_person" {
			unfit = true
		}
		if errors.Is(d, ErrRepaired) && strings.Contains(d.Msg, "8100008") && strings.Contains(d.Msg, "sums do not hold") {
			forced = true
		}
	}
	if !unfit || !forced {
		t.Errorf("warnings %v: want one that 191000019 could not be split (at %v) and one that 8100008 is read one digit a cell", r.Warnings, at)
	}
}
