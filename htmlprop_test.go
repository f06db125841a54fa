package nianbao_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/gen"
	"pgregory.net/rapid"
)

// plainText drops the lines of free text that the canonical text form must
// backslash-escape (they look like headings, table rows, values, dates):
// HTML has no such escape, and a real page writes its headings as plain
// paragraphs, so a paragraph that looks like structure is read as structure.
func plainText(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" && !nianbao.NeedsEscape(l) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// A report rendered as an HTML page by RenderHTML parses to the same report
// as its canonical text form does, and so, whenever the text form round
// trips, back to the report itself. (Positions and warnings aside: they
// differ between the two sources.)
func TestHTMLRoundTrip(t *testing.T) {
	var same, total int
	checkN(t, 300, func(t *rapid.T) {
		want := gen.Custom(gen.Options{NoExtras: true, NumbersOnly: true}).Draw(t, "report")
		want.Preamble = plainText(want.Preamble)
		for i := range want.Sections {
			want.Sections[i].Text = plainText(want.Sections[i].Text)
		}
		var page bytes.Buffer
		if err := nianbao.RenderHTML(&page, want); err != nil {
			t.Skipf("not renderable: %v", err)
		}
		got, err := nianbao.Parse(page.Bytes())
		if err != nil {
			t.Fatalf("Parse(RenderHTML(r)): %v\n%s", err, page.Bytes())
		}
		viaText, err := nianbao.Parse(nianbao.Format(want))
		if err != nil {
			t.Fatalf("Parse(Format(r)): %v", err)
		}
		viaText.Warnings, got.Warnings = nil, nil
		if diff := cmp.Diff(viaText, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("Parse(RenderHTML(r)) and Parse(Format(r)) differ (-text +html):\n%s\n%s", diff, page.Bytes())
		}
		total++
		// Table 4 is the same in both editions: its edition is not in the
		// page, and the parser gives it the edition of table 3.
		if _, ok := got.Editions["t4"]; ok {
			got.Editions["t4"] = want.Editions["t4"]
		}
		if cmp.Equal(want, got, cmpopts.EquateEmpty()) {
			same++
		}
	})
	t.Logf("%d of %d reports parsed back from HTML equal to the generated report", same, total)
	if same == 0 {
		t.Error("no generated report round-tripped through HTML")
	}
}
