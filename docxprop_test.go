package nianbao_test

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/gen"
	"pgregory.net/rapid"
)

// A report written as a Word document by RenderDOCX parses to the same
// report as its canonical text form does, and so, whenever the text form
// round trips, back to the report itself: Parse(RenderDOCX(r)) equals r.
// (Positions and warnings aside: they differ between the two sources.)
// Free text is drawn as for TestHTMLRoundTrip: a Word paragraph has no
// escape, so a line that looks like structure is read as structure.
func TestDOCXRoundTrip(t *testing.T) {
	var same, total int
	checkN(t, 300, func(t *rapid.T) {
		want := gen.Custom(gen.Options{NoExtras: true, NumbersOnly: true}).Draw(t, "report")
		want.Preamble = plainText(want.Preamble)
		for i := range want.Sections {
			want.Sections[i].Text = plainText(want.Sections[i].Text)
		}
		var doc bytes.Buffer
		if err := nianbao.RenderDOCX(&doc, want); err != nil {
			t.Skipf("not renderable: %v", err)
		}
		nianbao.CheckDOCX(t, doc.Bytes())
		got, err := nianbao.Parse(doc.Bytes())
		if err != nil {
			t.Fatalf("Parse(RenderDOCX(r)): %v", err)
		}
		viaText, err := nianbao.Parse(nianbao.Format(want))
		if err != nil {
			t.Fatalf("Parse(Format(r)): %v", err)
		}
		viaText.Warnings, got.Warnings = nil, nil
		if diff := cmp.Diff(viaText, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("Parse(RenderDOCX(r)) and Parse(Format(r)) differ (-text +docx):\n%s", diff)
		}
		total++
		// Table 4 is the same in both editions: its edition is not in the
		// document, and the parser gives it the edition of table 3.
		if _, ok := got.Editions["t4"]; ok {
			got.Editions["t4"] = want.Editions["t4"]
		}
		if cmp.Equal(want, got, cmpopts.EquateEmpty()) {
			same++
		}
	})
	t.Logf("%d of %d reports parsed back from .docx equal to the generated report", same, total)
	if same == 0 {
		t.Error("no generated report round-tripped through .docx")
	}
}
