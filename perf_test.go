package nianbao

import (
	"strings"
	"testing"
)

// TestFirstYear checks that firstYear, which folds only a prefix of a long
// text when it can, finds what findYear finds in the whole folded text,
// around the prefix's end too.
func TestFirstYear(t *testing.T) {
	pad := strings.Repeat("政务公开", 200) // 2,400 bytes
	years := []string{"2023年", "２０２３年", "2 0 2 3 年", "2023\n年", "12023年", "2023", "1989年", "“2023”年"}
	for _, y := range years {
		for cut := 2030; cut <= 2060; cut++ {
			for _, s := range []string{pad[:cut/3*3] + y + pad, pad[:cut/3*3] + "a" + y + pad, y, pad + y, pad[:cut/3*3] + y} {
				want, _ := findYear(fold(s))
				if got := firstYear(s); got != want {
					t.Fatalf("firstYear(%d bytes, year %q at %d) = %d, want %d", len(s), y, cut/3*3, got, want)
				}
			}
		}
	}
}

// TestStatPeriodKeys: findPeriod starts its search at the first 统计.
func TestStatPeriodKeys(t *testing.T) {
	for _, k := range statPeriodKeys {
		if !strings.HasPrefix(k, "统计") {
			t.Errorf("key %q does not start with 统计", k)
		}
	}
}
