package nianbao_test

import (
	"bytes"
	"io"
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
	checkRenderRoundTrip(t, "HTML", nianbao.RenderHTML, nil)
}

// checkRenderRoundTrip checks, on 300 generated reports, that what render
// writes parses to the same report as the canonical text form does, and
// that some parse back to the report itself; check, if not nil, checks the
// rendered bytes. Free text is drawn without the lines that look like
// structure (plainText): HTML and Word have no escape for them.
func checkRenderRoundTrip(t *testing.T, kind string, render func(io.Writer, *nianbao.Report) error, check func(*rapid.T, []byte)) {
	t.Helper()
	var same, total int
	checkN(t, 300, func(t *rapid.T) {
		want := gen.Custom(gen.Options{NoExtras: true, NumbersOnly: true}).Draw(t, "report")
		want.Preamble = plainText(want.Preamble)
		for i := range want.Sections {
			want.Sections[i].Text = plainText(want.Sections[i].Text)
		}
		var out bytes.Buffer
		if err := render(&out, want); err != nil {
			t.Skipf("not renderable: %v", err)
		}
		if check != nil {
			check(t, out.Bytes())
		}
		got, err := nianbao.Parse(out.Bytes())
		if err != nil {
			t.Fatalf("Parse(render(r)) as %s: %v", kind, err)
		}
		viaText, err := nianbao.Parse(nianbao.Format(want))
		if err != nil {
			t.Fatalf("Parse(Format(r)): %v", err)
		}
		viaText.Warnings, got.Warnings = nil, nil
		if diff := cmp.Diff(viaText, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("Parse(render(r)) as %s and Parse(Format(r)) differ (-text +%s):\n%s", kind, kind, diff)
		}
		total++
		// Table 4 is the same in both editions: its edition is not in the
		// output, and the parser gives it the edition of table 3.
		if _, ok := got.Editions["t4"]; ok {
			got.Editions["t4"] = want.Editions["t4"]
		}
		if cmp.Equal(want, got, cmpopts.EquateEmpty()) {
			same++
		}
	})
	t.Logf("%d of %d reports parsed back from %s equal to the generated report", same, total, kind)
	if same == 0 {
		t.Errorf("no generated report round-tripped through %s", kind)
	}
}
