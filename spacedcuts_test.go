package nianbao

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// flatSpaced2019 is section 2 of a 2019-edition web page flattened by a
// crawler with a space between the cells of a row (as corpus 036 has it);
// rows stands for the rows of 第二十条第（五）项.
func flatSpaced2019(rows string) string {
	return "标题: 某某局2019年政府信息公开工作年度报告\n" +
		"本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。 一、总体情况 2019年，本局坚持公开为常态，不公开为例外。 " +
		"二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年新制作数量 本年新公开数量 对外公开总数量 规章 0 0 0 规范性文件 6 6 6 " +
		"第二十条第（五）项 信息内容 上一年项目数量 本年增/减 处理决定数量 " + rows + " " +
		"第二十条第（六）项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政处罚 12 0 0 行政强制 0 0 0 " +
		"五、存在的主要问题及改进情况 存在的问题主要有：政策解读不够。六、其他需要报告的事项 本年度无收取信息处理费情况。\n"
}

func spacedCells(t *testing.T, src string, refs ...string) map[string]string {
	t.Helper()
	r, err := Parse([]byte(src))
	if r == nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, ref := range refs {
		c, _ := r.Cell(ref)
		got[ref] = c.Kind.String() + " " + c.Value
	}
	return got
}

// TestSpacedCutsDecide: a flattened page's "行政许可 17 0 2" is 17 0 2, not
// 1 70 2, which its digits 1702 also fit: the spaces the front end drops
// are cell boundaries (spaced cuts, corpus 036).
func TestSpacedCutsDecide(t *testing.T) {
	got := spacedCells(t, flatSpaced2019("行政许可 17 0 2 其他对外管理服务事项 0 0 0"),
		"t2.licensing.prev_items", "t2.licensing.change", "t2.licensing.decisions",
		"t2.penalty.prev_items", "t2.penalty.change", "t2.penalty.decisions")
	want := map[string]string{
		"t2.licensing.prev_items": "number 17", "t2.licensing.change": "number 0", "t2.licensing.decisions": "number 2",
		"t2.penalty.prev_items": "number 12", "t2.penalty.change": "number 0", "t2.penalty.decisions": "number 0",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
}

// TestSpacedCutsUndecided: groups fewer than the cells leave a choice the
// spaces do not make ("170 2" is 1 70 2 or 17 0 2): those cells stay
// blank, with a warning; the cell every cut gives (2) is read.
func TestSpacedCutsUndecided(t *testing.T) {
	src := flatSpaced2019("行政许可 170 2 其他对外管理服务事项 0 0 0")
	got := spacedCells(t, src, "t2.licensing.prev_items", "t2.licensing.change", "t2.licensing.decisions", "t2.penalty.prev_items")
	want := map[string]string{
		"t2.licensing.prev_items": "blank ", "t2.licensing.change": "blank ", "t2.licensing.decisions": "number 2",
		"t2.penalty.prev_items": "number 12",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
	r, _ := Parse([]byte(src))
	found := false
	for _, d := range r.Warnings {
		found = found || strings.Contains(d.Msg, "1702") && strings.Contains(d.Msg, "left blank")
	}
	if !found {
		t.Errorf("no warning about the run 1702: %v", r.Warnings)
	}
}

// TestSplitRunFixed: a cell ends at each fixed cut, with or without blank
// cells that left no digit.
func TestSplitRunFixed(t *testing.T) {
	for _, tc := range []struct {
		run    string
		n      int
		blanks bool
		fixed  []int
		want   [][]string
	}{
		{"1702", 3, false, []int{2, 3}, [][]string{{"17", "0", "2"}}},
		{"1702", 3, true, []int{2, 3}, [][]string{{"17", "0", "2"}}},
		{"1702", 3, false, []int{3}, [][]string{{"17", "0", "2"}, {"1", "70", "2"}}},
		{"1702", 3, false, nil, [][]string{{"17", "0", "2"}, {"1", "70", "2"}}},
		{"1702", 4, true, []int{2, 3}, [][]string{{"17", "0", "2", ""}, {"17", "0", "", "2"}, {"17", "", "0", "2"}, {"", "17", "0", "2"}, {"1", "7", "0", "2"}}},
		{"5000005", 7, false, []int{6}, [][]string{{"5", "0", "0", "0", "0", "0", "5"}}},
		{"1234", 2, false, []int{1, 2, 3}, nil},
	} {
		got, complete := splitRun(tc.run, tc.n, nil, tc.blanks, tc.fixed)
		if !complete {
			t.Errorf("%s into %d at %v: incomplete", tc.run, tc.n, tc.fixed)
		}
		less := func(a, b []string) bool { return strings.Join(a, ",") < strings.Join(b, ",") }
		if diff := cmp.Diff(tc.want, got, cmpopts.SortSlices(less)); diff != "" {
			t.Errorf("%s into %d at %v (blanks %v): (-want +got):\n%s", tc.run, tc.n, tc.fixed, tc.blanks, diff)
		}
	}
}

// TestSpacedCutsNBSP: in a flattened page that keeps a no-break space for a
// blank cell (&nbsp;), the spaces dropped between digits still cut the run:
// "17 0&nbsp;" is 17 0 and a blank, not 1 70 or 17 0 with the blank
// elsewhere.
func TestSpacedCutsNBSP(t *testing.T) {
	got := spacedCells(t, flatSpaced2019("行政许可 17 0\u00a0 其他对外管理服务事项 0 0 0"),
		"t2.licensing.prev_items", "t2.licensing.change", "t2.licensing.decisions")
	want := map[string]string{
		"t2.licensing.prev_items": "number 17", "t2.licensing.change": "number 0", "t2.licensing.decisions": "blank ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
}
