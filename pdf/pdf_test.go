package pdf

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/opengovcn/nianbao"
)

func TestDump(t *testing.T) {
	f := os.Getenv("PDF_DUMP")
	if f == "" {
		t.Skip("PDF_DUMP=file.pdf to print its text")
	}
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	text, err := ToText(src)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.Write(text)
}

// TestSeeds: the seeds in the official layout, most with cells blanked at
// random, printed to PDF by several producers (scripts/pdffixtures.sh:
// testdata/NAME.PRODUCER.pdf, its cells in testdata/NAME.truth.csv). The
// reader must never write a wrong number: a value where the truth has
// another value or a blank fails the test; a blank where the truth has a
// value is counted and logged, per producer, and fails the test for the
// committed fixtures, which are read whole. NIANBAO_PDF_FIXTURES=DIR adds
// the PDFs of DIR (scripts/pdffixtures.sh all DIR: every seed, every producer).
func TestSeeds(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.pdf")
	if len(files) == 0 {
		t.Fatal("no testdata/*.pdf")
	}
	// The full set (scripts/pdffixtures.sh all DIR), when made.
	if dir := os.Getenv("NIANBAO_PDF_FIXTURES"); dir != "" {
		more, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		if len(more) == 0 {
			t.Fatalf("NIANBAO_PDF_FIXTURES=%s: no .pdf there", dir)
		}
		files = append(files, more...)
	}
	type counts struct{ files, cells, read, blankRight, missing, wrong int }
	per := map[string]*counts{}
	var producers []string
	for _, f := range files {
		base := filepath.Base(f)
		name, rest, _ := strings.Cut(base, ".")
		producer := strings.TrimSuffix(rest, ".pdf")
		if producer == "" || producer == "pdf" {
			producer = "lo"
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Parse(src)
		if r == nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		recs := readTruth(t, filepath.Join(filepath.Dir(f), name+".truth.csv"))
		c := per[producer]
		if c == nil {
			c = &counts{}
			per[producer] = c
			producers = append(producers, producer)
		}
		var n counts
		for _, rec := range recs[1:] {
			ref, want := rec[0]+"."+rec[1]+"."+rec[2], rec[3]
			cell, _ := r.Cell(ref)
			got := cellValue(cell)
			n.cells++
			switch {
			case got == want && want == "":
				n.blankRight++
			case got == want:
				n.read++
			case cell.Kind == nianbao.Blank || cell.Kind == nianbao.Absent:
				n.missing++ // not read: acceptable, counted
			default:
				n.wrong++
				t.Errorf("%s %s = %q, want %q: a WRONG number", base, ref, got, want)
			}
		}
		t.Logf("%s: %d cells: %d values read, %d blanks kept blank, %d values not read, %d wrong",
			base, n.cells, n.read, n.blankRight, n.missing, n.wrong)
		if n.missing > 0 && filepath.Dir(f) == "testdata" {
			// The committed fixtures are read whole (issue 18): a value
			// not read there is a regression.
			t.Errorf("%s: %d values not read; the committed fixtures read every cell", base, n.missing)
		}
		c.files++
		c.cells += n.cells
		c.read += n.read
		c.blankRight += n.blankRight
		c.missing += n.missing
		c.wrong += n.wrong
	}
	slices.Sort(producers)
	for _, p := range producers {
		c := per[p]
		t.Logf("producer %-7s %d files, %4d cells: %4d values read, %4d blanks kept blank, %4d values not read, %d wrong",
			p, c.files, c.cells, c.read, c.blankRight, c.missing, c.wrong)
	}
	t.Logf("PDFium cold start: %v", ColdStart)
}

func cellValue(c nianbao.Cell) string {
	switch c.Kind {
	case nianbao.Absent:
		return "<absent>"
	case nianbao.Blank:
		return ""
	case nianbao.NotApplicable:
		return "/"
	default:
		return c.Value
	}
}

func readTruth(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}
