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
	"pgregory.net/rapid"
)

// roundTripChecks is the number of generated reports each property checks
// at least; rapid's -rapid.checks flag can only raise it.
const roundTripChecks = 1000

// checkN runs prop on at least n generated cases.
func checkN(t *testing.T, n int, prop func(*rapid.T)) {
	t.Helper()
	runs := 0
	rapid.Check(t, func(t *rapid.T) { runs++; prop(t) })
	for runs < n && !t.Failed() {
		rapid.Check(t, func(t *rapid.T) { runs++; prop(t) })
	}
}

// reportOpts compares reports by content: positions are ignored by the
// Equal methods of Cell and Section; nil and empty slices and maps match.
var reportOpts = cmp.Options{cmpopts.EquateEmpty()}

// parseCanonical parses text that Render wrote for want, failing on any
// error or warning: canonical text must read back without repairs. The one
// warning allowed is the one FORMAT.md asks for on a text cell of want.
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
	if len(warnings) > 0 && os.Getenv("RT_WARN") != "" {
		t.Fatalf("Parse(Render(r)) warns: %v\n%s", warnings, src)
	}
	if len(r.Unrecognized) > 0 {
		t.Fatalf("Parse(Render(r)) left text unrecognized: %q\n%s", r.Unrecognized, src)
	}
	return r
}

// Parse(Render(r)) equals r for every generated report.
func TestRoundTrip(t *testing.T) {
	checkN(t, roundTripChecks, func(t *rapid.T) {
		r := gen.Report().Draw(t, "report")
		src := nianbao.Format(r)
		got := parseCanonical(t, r, src)
		got.Warnings = nil // only those on text cells are left
		if diff := cmp.Diff(r, got, reportOpts); diff != "" {
			t.Fatalf("Parse(Render(r)) mismatch (-want +got):\n%s\ncanonical text:\n%s", diff, src)
		}
	})
}

// Render(Parse(Render(r))) == Render(r): the canonical form is a fixed
// point.
func TestRenderIdempotent(t *testing.T) {
	checkN(t, roundTripChecks, func(t *rapid.T) {
		r := gen.Report().Draw(t, "report")
		src := nianbao.Format(r)
		back, err := nianbao.Parse(src)
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if again := nianbao.Format(back); !bytes.Equal(again, src) {
			t.Fatalf("Render(Parse(Render(r))) != Render(r) (-want +got):\n%s", cmp.Diff(string(src), string(again)))
		}
	})
}

// Render(Parse(x)) is a fixed point for every seed: formatting the
// canonical form again changes nothing, and its cells are the seed's.
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
