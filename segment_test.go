package nianbao

import (
	"strings"
	"testing"
)

func TestHeadingNumber(t *testing.T) {
	for _, tc := range []struct {
		line   string
		last   int
		number int
		ok     bool
	}{
		{"四、政府信息公开行政复议、行政诉讼情况", 3, 4, true},
		{"四、政府信息公开行政法复议、行政诉讼情况", 3, 4, true}, // a typo in a published report
		{"五、存在的主要问题及改进情况", 4, 5, true},
		{"五、存在的主要问题和改进措施", 4, 5, true},
		{"四、加强政府信息公开平台建设", 3, 0, false}, // a numbered point of section 1
		{"二、切实做好回应关切工作", 1, 0, false},
		{"四、结转下年度继续办理", 3, 0, false}, // a row of table 3
		{"七、下一步工作计划", 6, 0, true},
	} {
		n, _, ok := headingNumber(tc.line, tc.last, false)
		if n != tc.number || ok != tc.ok {
			t.Errorf("headingNumber(%q) = %d, %v; want %d, %v", tc.line, n, ok, tc.number, tc.ok)
		}
	}
}

// TestTitleAfterPageHeader: a web page saved whole has its header,
// navigation and a metadata table before the report's title; the title is
// the first short line naming a year that reads like one, not a path or a
// table row.
func TestTitleAfterPageHeader(t *testing.T) {
	src := "首页 > 政务公开 > 年报\n" +
		"本地目录: zwgk/2024/沭阳县发展和改革局2023年政府信息公开工作年度报告\n" +
		"名称\t沭阳县发展和改革局2023年政府信息公开工作年度报告\n" +
		"沭阳县发展和改革局2023年政府信息公开工作年度报告\n" +
		"一、总体情况\n2023年，县发展和改革局认真贯彻条例。\n" +
		"二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
	r, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "沭阳县发展和改革局2023年政府信息公开工作年度报告" || r.Agency != "沭阳县发展和改革局" || r.Year != 2023 {
		t.Errorf("title %q agency %q year %d", r.Title, r.Agency, r.Year)
	}
	var kept []string
	for _, f := range r.Unrecognized {
		kept = append(kept, f.Text)
	}
	if len(kept) != 3 || kept[0] != "首页 > 政务公开 > 年报" || !strings.HasPrefix(kept[2], "名称") {
		t.Errorf("the page header is not kept in Unrecognized: %q", kept)
	}
}
