package nianbao_test

import (
	"testing"

	"github.com/opengovcn/nianbao"
	"pgregory.net/rapid"
)

// A report written as a Word document by RenderDOCX parses to the same
// report as its canonical text form does, and so, whenever the text form
// round trips, back to the report itself: Parse(RenderDOCX(r)) equals r.
// (Positions and warnings aside: they differ between the two sources.)
// Free text is drawn as for TestHTMLRoundTrip: a Word paragraph has no
// escape, so a line that looks like structure is read as structure.
func TestDOCXRoundTrip(t *testing.T) {
	checkRenderRoundTrip(t, "DOCX", nianbao.RenderDOCX, func(t *rapid.T, b []byte) { nianbao.CheckDOCX(t, b) })
}
