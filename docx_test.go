package nianbao

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
)

// TestLibreOfficeDOCX: the seeds in the official layout with cells blanked
// at random, converted by LibreOffice to .docx (scripts/lodocx.sh makes
// testdata/lodocx, with the cells of each blanked page as .truth.csv). A
// .docx keeps every cell, so every cell must read as its truth: no wrong
// number and no value left blank.
func TestLibreOfficeDOCX(t *testing.T) {
	files, _ := filepath.Glob("testdata/lodocx/*.docx")
	if len(files) == 0 {
		t.Fatal("no testdata/lodocx/*.docx")
	}
	var cells, read, blanks int
	for _, f := range files {
		recs := readTruth(t, f[:len(f)-len(".docx")]+".truth.csv")
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
			case got != want:
				t.Errorf("%s %s = %q, want %q", f, ref, got, want)
			case want == "":
				blanks++
			default:
				read++
			}
		}
	}
	t.Logf("docx: %d files, %d cells: %d values read, %d blanks kept blank, none wrong or missing",
		len(files), cells, read, blanks)
}

// readTruth reads a .truth.csv of cells (table, row, column, value).
func readTruth(t *testing.T, path string) [][]string {
	t.Helper()
	tf, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer tf.Close()
	recs, err := csv.NewReader(tf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}
