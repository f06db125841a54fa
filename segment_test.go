package nianbao

import "testing"

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
