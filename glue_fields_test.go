package nianbao

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/nianbao/internal/flattext"
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
		// Table 2 has no sums to check one digit a cell against.
		{"not glued: no sums", "1 23", rowRefs(t, E2021, "t2.1", "regulations"), false, nil, false},
		{"table 2: a leading zero", "0 00", rowRefs(t, E2021, "t2.1", "regulations"), true, [][]string{{"0", "0", "0"}}, false},
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
	// Two cuts miss 总计 by 1: left to the column sums (pickLoose).
	g, ok = newUnfitRow("191000019", Position{1, 1}, "x", refs, []string{"191000019"})
	if !ok || g.forced || len(g.cands) != 0 || g.miss != 1 ||
		cmp.Diff([][]string{{"19", "1", "0", "0", "0", "0", "19"}, {"1", "9", "10", "0", "0", "0", "19"}}, g.loose) != "" {
		t.Errorf("newUnfitRow(191000019) = %+v, %v; want no candidate and two loose cuts", g, ok)
	}
	// The fields as cuts leave one cut that misses by 1.
	g, ok = newUnfitRow("191 00 0019", Position{1, 1}, "x", refs, []string{"191", "00", "0019"})
	if !ok || !g.forced || g.miss != 1 || cmp.Diff([][]string{{"19", "1", "0", "0", "0", "0", "19"}}, g.cands) != "" {
		t.Errorf("newUnfitRow(191 00 0019) = %+v, %v; want 19 1 0 0 0 0 19, forced", g, ok)
	}
	// No cut misses by a quarter of 总计 or less: no candidate at all.
	for _, run := range []string{"195000019"} {
		g, ok = newUnfitRow(run, Position{1, 1}, "x", refs, []string{run})
		if !ok || g.forced || len(g.cands) != 0 || len(g.loose) > 1 {
			t.Errorf("newUnfitRow(%s) = %+v, %v; want a row with no candidate", run, g, ok)
		}
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

// TestParseGluedFields: table 4's fields are cut one digit a cell; a
// row that adds up no way and has one digit a cell is read so, with a
// warning; 191000019, which misses its 总计 by 1 in two ways, is left
// blank and kept as unrecognized text by default (no cut is proved), and
// read 19 1 0 0 0 0 19 by the column sums of table 3 only with
// Parser.LooseGlue.
func TestParseGluedFields(t *testing.T) {
	r, err := Parse([]byte(flatFields))
	if r == nil {
		t.Fatalf("Parse: %v", err)
	}
	for _, ref := range rowRefs(t, E2021, "t3", "total") {
		if c, _ := r.Cell(ref); c.Kind != Blank {
			t.Errorf("default Parser: %s = %v, want blank (191000019 has no cut that fits)", ref, c)
		}
	}
	if diff := cmp.Diff([]string{"191000019"}, fragmentTexts(r.Unrecognized)); diff != "" {
		t.Errorf("default Parser: Unrecognized (-want +got):\n%s", diff)
	}
	r, s, err := parseAccounted(&Parser{LooseGlue: true}, []byte(flatFields))
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
	for i, ref := range rowRefs(t, E2021, "t3", "total") {
		want[ref] = "number " + []string{"19", "1", "0", "0", "0", "0", "19"}[i]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}

	// Each cell at its digit in the source line: the 1 of 01, and the
	// last 0 of the row (after the spaces between the fields).
	line := strings.Split(flatFields, "\n")[1]
	col := func(s string, k int) int { return len([]rune(line[:strings.Index(line, s)])) + 1 + k }
	fields := "00 0 0 01 0 0 0 1 0 0 0 00"
	r, err = (&Parser{LooseGlue: true}).Parse([]byte(flatFields))
	if r == nil {
		t.Fatalf("Parse: %v", err)
	}
	for ref, want := range map[string]Position{
		"t4.review.upheld":           {2, col(fields, 0)},
		"t4.suit_direct.upheld":      {2, col(fields, 8)},
		"t4.suit_direct.total":       {2, col(fields, 16)},
		"t4.suit_after_review.total": {2, col(fields, 25)},
		"t3.partial.commercial":      {2, col("8100008", 1)},
		"t3.total.commercial":        {2, col("191000019", 2)},
	} {
		if c, _ := r.Cell(ref); c.Pos != want {
			t.Errorf("%s at %v, want %v", ref, c.Pos, want)
		}
	}
	var forced, loose bool
	for _, d := range r.Warnings {
		forced = forced || errors.Is(d, ErrRepaired) && strings.Contains(d.Msg, "8100008") && strings.Contains(d.Msg, "sums do not hold")
		loose = loose || errors.Is(d, ErrRepaired) && strings.Contains(d.Msg, "191000019") &&
			strings.Contains(d.Msg, "of the 2 splits whose sums miss by as little as 1") && strings.Contains(d.Msg, "as few as 1")
	}
	if !forced || !loose || len(r.Unrecognized) != 0 {
		t.Errorf("warnings %v, unrecognized %v: want one that 8100008 is read one digit a cell, one that 191000019 "+
			"is read by the column sums, nothing unrecognized", r.Warnings, r.Unrecognized)
	}
}

// TestParseGluedUnfit: a run no cut of which comes near its row's sums is
// never a number: its cells are blank, the run is kept as unrecognized text
// at its place in the source line, and a warning says it could not be split.
func TestParseGluedUnfit(t *testing.T) {
	for _, run := range []string{
		"195000019", // 19 5 0 0 0 0 19 misses 总计 by 5, more than a quarter of it
		// 10 1 0 0 0 0 10 and 1 0 10 0 0 0 10 miss by 1, and each breaks
		// three column sums with 一 19 0 0 0 0 0 19: nothing chooses.
		"101000010",
	} {
		t.Run(run, func(t *testing.T) {
			src := strings.Replace(flatFields, "191000019", run, 1)
			r, s, err := parseAccounted(&Parser{}, []byte(src))
			if r == nil {
				t.Fatalf("parse: %v", err)
			}
			checkAccounting(t, r, s)
			for _, ref := range rowRefs(t, E2021, "t3", "total") {
				if c, _ := r.Cell(ref); c.Kind != Blank {
					t.Errorf("%s = %v, want blank", ref, c)
				}
			}
			r, _ = Parse([]byte(src))
			line := strings.Split(src, "\n")[1]
			at := Position{Line: 2, Column: len([]rune(line[:strings.Index(line, run)])) + 1}
			if diff := cmp.Diff([]Fragment{{Text: run, Pos: at}}, r.Unrecognized); diff != "" {
				t.Errorf("Unrecognized (-want +got):\n%s", diff)
			}
			found := false
			for _, d := range r.Warnings {
				found = found || errors.Is(d, ErrUnrecognized) && strings.Contains(d.Msg, run) &&
					strings.Contains(d.Msg, "could not be split") && d.Pos == at && d.Ref == "t3.total.natural_person"
			}
			if !found {
				t.Errorf("no warning at %v that %s could not be split: %v", at, run, r.Warnings)
			}
		})
	}
}

// Runs of digits and blank cells (U+00A0) no cut of which fits.
func TestNewUnfitBlankRow(t *testing.T) {
	refs := rowRefs(t, E2021, "t3", "new")
	// 8 1 &nbsp; &nbsp; &nbsp; 1 9: one digit for each cell left, the only cut.
	g, ok := newGluedBlankRow("81\u00a0\u00a0\u00a019", Position{1, 1}, "x", refs, []string{"81", "19"}, []int{0, 3, 0})
	if !ok || !g.forced || cmp.Diff([][]string{{"8", "1", "", "", "", "1", "9"}}, g.cands) != "" {
		t.Errorf("81 _ _ _ 19: %+v, %v; want 8 1 _ _ _ 1 9, forced", g, ok)
	}
	// More digits than cells and no cut that fits: no candidate, no number.
	g, ok = newGluedBlankRow("82135\u00a0\u00a021858", Position{1, 1}, "x", refs, []string{"82135", "21858"}, []int{0, 2, 0})
	if !ok || g.forced || len(g.cands) != 0 {
		t.Errorf("82135 _ _ 21858: %+v, %v; want a row with no candidate", g, ok)
	}
	// Too few digits for the cells left: not a glued row (read as before).
	if g, ok := newGluedBlankRow("1\u00a02", Position{1, 1}, "x", refs, []string{"1", "2"}, []int{0, 1, 0}); ok {
		t.Errorf("1 _ 2: %+v, want not a glued row", g)
	}
}

// TestUnflattenDoubledNumber: 026 misprints table 3's third row label as
// 三三、本年度办理结果; the first 三 goes with the label, not with row 二's
// digits before it, which are then read as seven zeros; the label's
// misprint is kept as text with a warning.
func TestUnflattenDoubledNumber(t *testing.T) {
	src := strings.Replace(flatFields, "0000000三、本年度办理结果", "0000000三三、本年度办理结果", 1)
	out, _, ok := flattext.ToText([]byte(src))
	if !ok {
		t.Fatal("not seen as flattened")
	}
	if !strings.Contains(out, "二、上年结转政府信息公开申请数量 \t0000000\n三三、本年度办理结果\n") {
		t.Errorf("rows 二 and 三 not cut before 三三、:\n%s", out)
	}
	r, s, err := parseAccounted(&Parser{}, []byte(src))
	if r == nil {
		t.Fatalf("parse: %v", err)
	}
	checkAccounting(t, r, s)
	for _, ref := range rowRefs(t, E2021, "t3", "carried_over") {
		if c, _ := r.Cell(ref); !c.Equal(MustNum("0")) {
			t.Errorf("%s = %v, want 0", ref, c)
		}
	}
	r, _ = Parse([]byte(src))
	line := strings.Split(src, "\n")[1]
	at := Position{Line: 2, Column: len([]rune(line[:strings.Index(line, "三三、")])) + 1}
	want := []Fragment{{Text: "三", Pos: at}, {Text: "191000019", Pos: Position{Line: 2, Column: len([]rune(line[:strings.Index(line, "191000019")])) + 1}}}
	if diff := cmp.Diff(want, r.Unrecognized); diff != "" {
		t.Errorf("Unrecognized (-want +got):\n%s", diff)
	}
	// Digits before a label written once are not touched.
	out, _, _ = flattext.ToText([]byte(flatFields))
	if !strings.Contains(out, "\n二、上年结转政府信息公开申请数量 \t0000000\n三、本年度办理结果\n") {
		t.Errorf("rows 二 and 三 of the sample not as before:\n%s", out)
	}
}

// TestUnflattenRunIntoProse: 041's cells run into the prose after them (the
// cuts themselves are tested in internal/flattext).
func TestUnflattenRunIntoProse(t *testing.T) {
	t.Run("parse", func(t *testing.T) {
		src := strings.Replace(flatFields, "四、结转下年度继续办理 0000000", "四、结转下年度继续办理 00000002023年，本局共收到申请19件。", 1)
		src = strings.Replace(src, "总计 00 0 0 01 0 0 0 1 0 0 0 00 五、", "总计 00 0 0 01 0 0 0 1 0 0 0 00本局严格规范政府信息公开流程，强化内部审核监督，确保公开内容合法合规、答复程序规范有序，有效防范了相关法律风险。五、", 1)
		out, _, _ := flattext.ToText([]byte(src))
		for _, want := range []string{"\t0000000\n2023年，本局共收到申请19件。\n", "总计\n00 0 0 01 0 0 0 1 0 0 0 00\n本局严格规范政府信息公开流程，强化内部审核监督，确保公开内容合法合规、答复程序规范有序，有效防范了相关法律风险。\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in\n%s", want, out)
			}
		}
		r, s, err := parseAccounted(&Parser{}, []byte(src))
		if r == nil {
			t.Fatalf("parse: %v", err)
		}
		checkAccounting(t, r, s)
		for ref, want := range map[string]string{"t3.carried_forward.total": "0", "t4.suit_direct.upheld": "1", "t4.suit_direct.total": "1"} {
			if c, _ := r.Cell(ref); !c.Equal(MustNum(want)) {
				t.Errorf("%s = %v, want %s", ref, c, want)
			}
		}
		if sec, ok := r.Section(3); !ok || !strings.Contains(sec.Text, "本局共收到申请19件") {
			t.Errorf("section 3 = %+v, want the prose after table 3", sec)
		}
		if sec, ok := r.Section(4); !ok || !strings.Contains(sec.Text, "本局严格规范政府信息公开流程") {
			t.Errorf("section 4 = %+v, want the prose after table 4; unrecognized %v", sec, r.Unrecognized)
		}
	})
}

// fragmentTexts is the text of each fragment.
func fragmentTexts(fs []Fragment) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Text)
	}
	return out
}
