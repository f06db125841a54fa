package nianbao_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao"
)

// The markers around the rule list in FORMAT.md.
const (
	rulesBegin = "<!-- rules: generated from Rules() by TestFormatRules -->\n"
	rulesEnd   = "<!-- end of rules -->\n"
)

// formatRules is the rule list FORMAT.md shows: one row per rule of the
// table, in its order.
func formatRules() string {
	var b strings.Builder
	b.WriteString("| code | severity | 规则 | rule |\n| --- | --- | --- | --- |\n")
	for _, r := range nianbao.Rules() {
		kind := ""
		switch {
		case r.Series:
			kind = " (series)"
		case r.Parse:
			kind = " (parser)"
		}
		fmt.Fprintf(&b, "| `%s` | %s%s | %s | %s |\n", r.Code, r.Severity, kind,
			strings.ReplaceAll(r.Description, "|", "\\|"), strings.ReplaceAll(r.DescriptionEN, "|", "\\|"))
	}
	return b.String()
}

// TestFormatRules checks that the rule list in FORMAT.md is the rule table's;
// -update rewrites it.
func TestFormatRules(t *testing.T) {
	src, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	i, j := strings.Index(s, rulesBegin), strings.Index(s, rulesEnd)
	if i < 0 || j < i {
		t.Fatalf("FORMAT.md lacks the markers %q and %q around the rule list", rulesBegin, rulesEnd)
	}
	got, want := s[i+len(rulesBegin):j], formatRules()
	if fl := flag.Lookup("update"); fl != nil && fl.Value.String() == "true" {
		s = s[:i+len(rulesBegin)] + want + s[j:]
		if err := os.WriteFile("FORMAT.md", []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FORMAT.md's rule list differs from Rules() (-want +got); run go test -run TestFormatRules -update:\n%s", diff)
	}
}
