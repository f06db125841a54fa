package nianbao

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLibreOfficePDF: the seeds in the official layout with cells blanked
// at random, printed to PDF by LibreOffice and extracted with pdftotext
// -layout (scripts/lopdf.sh makes testdata/lopdf; each .txt has the cells
// of the blanked page beside it as .truth.csv). These are the shape of a
// report made in Word, LibreOffice or WPS and published as PDF, where a
// blank cell leaves nothing in its row. The parser must never write a
// wrong number; the cells it reads are counted.
func TestLibreOfficePDF(t *testing.T) {
	files, _ := filepath.Glob("testdata/lopdf/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata/lopdf/*.txt")
	}
	var cells, read, blankRight, missing int
	for _, f := range files {
		tf, err := os.Open(strings.TrimSuffix(f, ".txt") + ".truth.csv")
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(tf).ReadAll()
		tf.Close()
		if err != nil {
			t.Fatal(err)
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
		for _, rec := range recs[1:] {
			ref, want := rec[0]+"."+rec[1]+"."+rec[2], rec[3]
			c, _ := r.Cell(ref)
			got := corpusValue(c)
			cells++
			switch {
			case got == want && want == "":
				blankRight++
			case got == want:
				read++
			case c.Kind == Blank:
				missing++
			default:
				t.Errorf("%s %s = %q, want %q: a WRONG number", f, ref, got, want)
			}
		}
	}
	t.Logf("%d files, %d cells: %d values read, %d blanks kept blank, %d values left blank, none wrong",
		len(files), cells, read, blankRight, missing)
}
