package nianbao_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/gen"
	"pgregory.net/rapid"
)

// TestParseFormatGenerated checks that generated reports read back from
// their canonical form. Table 4 is the same in both editions, so the text
// does not say which one it used: the parser gives it the edition of table
// 3, and the comparison ignores r.Editions["t4"].
func TestParseFormatGenerated(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := gen.Report().Draw(t, "r")
		out := nianbao.Format(r)
		r2, err := nianbao.Parse(out)
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		r2.Editions["t4"] = r.Editions["t4"]
		if d := cmp.Diff(r, r2, cmpopts.IgnoreFields(nianbao.Report{}, "Warnings", "Unrecognized")); d != "" {
			t.Fatalf("%s\n%s", d, out)
		}
	})
}
