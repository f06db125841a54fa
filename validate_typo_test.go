package nianbao

import "testing"

// A label the parser read in part is a misspelling of the template's when
// it is as long with one CJK character other (two from eight characters
// on); punctuation, digits and labels cut short are not.
func TestOneLetterOff(t *testing.T) {
	for _, c := range []struct {
		written, want string
		typo          bool
	}{
		{"7.属于行政执法案件", "7.属于行政执法案卷", true},
		{"7.属于行政执法", "7.属于行政执法案卷", false}, // cut short
		{"1.申请人无正当理由逾期不补正,行政机关不再处理其政府信息公开申请", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", false}, // punctuation
		{"7.属于行政执法案卷", "7.属于行政执法案卷", false}, // the same
		{"规章", "规范", true},
		{"规章", "法规", false}, // two of two
		{"8.属于行政查询事项", "9.属于行政查询事项", false}, // a digit
	} {
		if got := oneLetterOff(c.written, c.want); got != c.typo {
			t.Errorf("oneLetterOff(%q, %q) = %v, want %v", c.written, c.want, got, c.typo)
		}
	}
}
