package nianbao

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

// TestTrailingEmptyPipeCell: a pipe row with an empty cell after 总计 is
// not read as the 法人或其他组织 subtotal layout when, without that cell,
// the row's 总计 is the sum of its applicant columns (a Markdown conversion
// of a real PDF, corpus 021).
func TestTrailingEmptyPipeCell(t *testing.T) {
	src := "三、收到和处理政府信息公开申请情况\n" +
		"| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 法人或其他组织 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n" +
		"| 一、本年新收政府信息公开申请数量 | 32 | 2 | 0 | 0 | 0 | 0 | 34 |  |\n" +
		"| 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |  |\n" +
		"| （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 0 | 9 |\n"
	r, err := Parse([]byte(src))
	if r == nil {
		t.Fatal(err)
	}
	got := []string{r.Requests.New.NaturalPerson.String(), r.Requests.New.Commercial.String(), r.Requests.New.Total.String(),
		r.Requests.CarriedOver.Total.String(), r.Requests.Granted.NaturalPerson.String(), r.Requests.Granted.Total.String()}
	if diff := cmp.Diff([]string{"32", "2", "34", "2", "9", "9"}, got); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
}
