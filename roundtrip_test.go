package nianbao_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/gen"
	"github.com/opengovcn/nianbao/internal/noise"
	"pgregory.net/rapid"
)

// propertyChecks is the number of generated reports each round-trip
// property checks at least (rapid's -rapid.checks flag can raise the number
// per rapid run; the runs repeat until this many cases passed). The race
// detector makes parsing many times slower, so under -race the properties
// check fewer cases; the plain run checks them all.
func propertyChecks() int {
	if raceEnabled || testing.Short() {
		return 100
	}
	return 1000
}

// checkN runs prop until at least n cases passed or one failed.
func checkN(t *testing.T, n int, prop func(*rapid.T)) {
	t.Helper()
	runs := 0
	for runs < n && !t.Failed() {
		rapid.Check(t, func(t *rapid.T) { runs++; prop(t) })
	}
}

// reportOpts compares reports by content: positions are ignored by the
// Equal methods of Cell and Section; nil and empty slices and maps match.
var reportOpts = cmp.Options{cmpopts.EquateEmpty()}

// parseCanonical parses text that Render wrote for want, failing on an
// error, on unrecognized text and on any warning but the one FORMAT.md asks
// for on a text cell: canonical text reads back without repairs. The
// returned report has no warnings left.
func parseCanonical(t *rapid.T, want *nianbao.Report, src []byte) *nianbao.Report {
	t.Helper()
	r, err := nianbao.Parse(src)
	if err != nil {
		t.Fatalf("Parse(Render(r)): %v\n%s", err, src)
	}
	var warnings nianbao.ErrorList
	for _, d := range r.Warnings {
		if c, ok := want.Cell(d.Ref); !ok || c.Kind != nianbao.Text {
			warnings = append(warnings, d)
		}
	}
	if len(warnings) > 0 {
		t.Fatalf("Parse(Render(r)) warns: %v\n%s", warnings, src)
	}
	if len(r.Unrecognized) > 0 {
		t.Fatalf("Parse(Render(r)) left text unrecognized: %q\n%s", r.Unrecognized, src)
	}
	r.Warnings = nil
	return r
}

// TestRoundTrip checks two properties on the same generated reports:
// Parse(Render(r)) equals r (so the canonical form loses nothing), and
// Render(Parse(Render(r))) == Render(r) (so it is a fixed point).
func TestRoundTrip(t *testing.T) {
	checkN(t, propertyChecks(), func(t *rapid.T) {
		r := gen.Report().Draw(t, "report")
		avoidKnownParserIssues(r)
		src := nianbao.Format(r)
		got := parseCanonical(t, r, src)
		if diff := cmp.Diff(r, got, reportOpts); diff != "" {
			t.Fatalf("Parse(Render(r)) mismatch (-want +got):\n%s\ncanonical text:\n%s", diff, src)
		}
		if again := nianbao.Format(got); !bytes.Equal(again, src) {
			t.Fatalf("Render(Parse(Render(r))) != Render(r) (-want +got):\n%s", cmp.Diff(string(src), string(again)))
		}
	})
}

// TestSeedFixedPoint checks that Render(Parse(x)) is a fixed point for every
// seed: parsing and formatting the canonical form again changes nothing, and
// its cells are the seed's.
func TestSeedFixedPoint(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*.txt"))
	if len(seeds) == 0 {
		t.Fatal("no seeds")
	}
	for _, path := range seeds {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := nianbao.Parse(src)
			if r == nil {
				t.Fatalf("Parse: %v", err)
			}
			once := nianbao.Format(r)
			r2, err := nianbao.Parse(once)
			if err != nil {
				t.Fatalf("Parse(Format(seed)): %v", err)
			}
			if len(r2.Warnings) > 0 {
				t.Errorf("Parse(Format(seed)) warns: %v", nianbao.ErrorList(r2.Warnings))
			}
			if twice := nianbao.Format(r2); !bytes.Equal(once, twice) {
				t.Errorf("Format(Parse(Format(seed))) differs (-once +twice):\n%s", cmp.Diff(string(once), string(twice)))
			}
			if diff := cmp.Diff(r.Cells(), r2.Cells(), reportOpts); diff != "" {
				t.Errorf("cells of the canonical form differ from the seed's (-seed +canonical):\n%s", diff)
			}
		})
	}
}

// noisy applies a random chain of the manglings of internal/noise to the
// canonical text src: a table delimiter style, width swaps, labels broken
// across lines, page numbers, Markdown decoration, CRLF, a BOM, GB18030.
// It returns the mangled bytes and the names of the steps.
func noisy(t *rapid.T, src string) ([]byte, []string) {
	rng := noise.New(rapid.Uint64().Draw(t, "noise seed"))
	var steps []string
	style := rapid.SampledFrom([]noise.Style{noise.Pipe, noise.Pipe, noise.Tab, noise.Spaces, noise.CellPerLine}).Draw(t, "style")
	if out, ok := noise.Tables(src, style); ok {
		src = out
		steps = append(steps, style.String())
	}
	// Labels broken across lines inside a pipe cell; after the delimiters
	// are chosen, so that the pieces stay in one cell.
	if style == noise.Pipe && rapid.Bool().Draw(t, "break labels") {
		src = noise.BreakLabels(src, 0.5, rng)
		steps = append(steps, "break-labels")
	}
	if rapid.Bool().Draw(t, "width") {
		src = noise.Width(src, rng)
		steps = append(steps, "width")
	}
	if rapid.Bool().Draw(t, "page numbers") {
		src = noise.PageNumbers(src, 7, rng)
		steps = append(steps, "page-numbers")
	}
	if rapid.Bool().Draw(t, "markdown") {
		src = noise.Markdown(src, rng)
		steps = append(steps, "markdown")
	}
	if rapid.Bool().Draw(t, "crlf") {
		src = noise.CRLF(src)
		steps = append(steps, "crlf")
	}
	if rapid.Bool().Draw(t, "bom") {
		src = noise.BOM(src)
		steps = append(steps, "bom")
	}
	if rapid.Bool().Draw(t, "gb18030") {
		b, err := noise.GB18030(src)
		if err != nil {
			t.Fatalf("GB18030: %v", err)
		}
		return b, append(steps, "gb18030")
	}
	return []byte(src), steps
}

// TestNoiseRoundTrip checks that Parse(noise(Render(r))) still equals r,
// warnings and unrecognized text (page numbers) aside, for generated reports
// without text cells (whose spelling width changes alter).
func TestNoiseRoundTrip(t *testing.T) {
	opts := cmp.Options{reportOpts, cmpopts.IgnoreFields(nianbao.Report{}, "Warnings", "Unrecognized")}
	checkN(t, propertyChecks(), func(t *rapid.T) {
		r := gen.Custom(gen.Options{NoText: true}).Draw(t, "report")
		avoidKnownParserIssues(r)
		src, steps := noisy(t, string(nianbao.Format(r)))
		got, err := nianbao.Parse(src)
		if err != nil {
			t.Fatalf("Parse(noise(Render(r))) with %v: %v", steps, err)
		}
		if diff := cmp.Diff(r, got, opts); diff != "" {
			t.Fatalf("Parse(noise(Render(r))) with %v mismatch (-want +got):\n%s\nmangled text:\n%s", steps, diff, src)
		}
	})
}
