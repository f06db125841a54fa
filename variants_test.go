package nianbao

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao/internal/noise"
)

// variant is one way of mangling a report's text.
type variant struct {
	name string
	f    func(s string, seed uint64) ([]byte, bool)
}

func str(f func(string) string) func(string, uint64) ([]byte, bool) {
	return func(s string, _ uint64) ([]byte, bool) { return []byte(f(s)), true }
}

func tables(style noise.Style) func(string, uint64) ([]byte, bool) {
	return func(s string, _ uint64) ([]byte, bool) {
		out, ok := noise.Tables(s, style)
		return []byte(out), ok
	}
}

var variants = []variant{
	{"crlf", str(noise.CRLF)},
	{"bom", str(noise.BOM)},
	{"gb18030", func(s string, _ uint64) ([]byte, bool) {
		b, err := noise.GB18030(s)
		return b, err == nil
	}},
	{"width", func(s string, seed uint64) ([]byte, bool) { return []byte(noise.Width(s, noise.New(seed))), true }},
	{"pages", func(s string, seed uint64) ([]byte, bool) {
		return []byte(noise.PageNumbers(s, 7, noise.New(seed))), true
	}},
	{"markdown", func(s string, seed uint64) ([]byte, bool) { return []byte(noise.Markdown(s, noise.New(seed))), true }},
	{"all-encodings", func(s string, seed uint64) ([]byte, bool) {
		b, err := noise.GB18030(noise.CRLF(noise.PageNumbers(noise.Width(s, noise.New(seed)), 5, noise.New(seed+1))))
		return b, err == nil
	}},
}

// canonicalVariants apply to the canonical form, whose tables are regular
// pipe tables.
var canonicalVariants = []variant{
	{"tab", tables(noise.Tab)},
	{"spaces", tables(noise.Spaces)},
	{"cell-per-line", tables(noise.CellPerLine)},
	{"broken-labels", func(s string, seed uint64) ([]byte, bool) {
		return []byte(noise.BreakLabels(s, 0.5, noise.New(seed))), true
	}},
	{"broken-labels+width+pages", func(s string, seed uint64) ([]byte, bool) {
		rng := noise.New(seed)
		return []byte(noise.PageNumbers(noise.Width(noise.BreakLabels(s, 0.7, rng), rng), 4, rng)), true
	}},
	{"tab+width+markdown+crlf", func(s string, seed uint64) ([]byte, bool) {
		out, ok := noise.Tables(s, noise.Tab)
		rng := noise.New(seed)
		return []byte(noise.CRLF(noise.Markdown(noise.Width(out, rng), rng))), ok
	}},
}

// TestSeedVariants checks that each seed parses to the same cells and
// editions after every mangling publishing does: applied to the seed as
// published and to its canonical form (Format of the parsed seed).
func TestSeedVariants(t *testing.T) {
	seeds := uint64(12)
	if testing.Short() {
		seeds = 3
	}
	for _, f := range seedFiles(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		canon := string(Format(want))
		inputs := []struct {
			form string
			text string
			vs   []variant
		}{
			{"raw", string(src), variants},
			{"canonical", canon, append(append([]variant(nil), variants...), canonicalVariants...)},
		}
		if oneRowPerLine(string(src)) {
			inputs = append(inputs, struct {
				form string
				text string
				vs   []variant
			}{"raw", string(src), []variant{{"tab", tables(noise.Tab)}, {"pipe", tables(noise.Pipe)}}})
		}
		for _, in := range inputs {
			for _, v := range in.vs {
				for seed := uint64(1); seed <= seeds; seed++ {
					name := fmt.Sprintf("%s/%s/%s/%d", f[len("testdata/seeds/"):len("testdata/seeds/")+3], in.form, v.name, seed)
					mangled, ok := v.f(in.text, seed)
					if !ok {
						continue // e.g. blank cells cannot be written with spaces
					}
					got, err := Parse(mangled)
					if err != nil {
						t.Errorf("%s: Parse: %v", name, err)
						continue
					}
					if diff := cmp.Diff(want.Cells(), got.Cells()); diff != "" {
						t.Errorf("%s: cells differ (-want +got):\n%s", name, diff)
						if os.Getenv("SHOWVARIANT") != "" {
							t.Logf("%s", mangled)
						}
					}
					if diff := cmp.Diff(want.Editions, got.Editions); diff != "" {
						t.Errorf("%s: editions differ (-want +got):\n%s", name, diff)
					}
					if got.Agency != want.Agency || got.Year != want.Year {
						t.Errorf("%s: agency, year = %q, %d; want %q, %d", name, got.Agency, got.Year, want.Agency, want.Year)
					}
				}
			}
		}
	}
}

// oneRowPerLine reports whether every table line of a seed is a whole row
// (not one cell per line), so its delimiters can be switched line by line.
func oneRowPerLine(s string) bool {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		if noise.IsTableLine(l) {
			n++
			if len(noise.Cells(l)) < 2 {
				return false
			}
		}
	}
	return n > 0
}
