package pdf

import (
	"encoding/csv"
	"os"
	"path/filepath"
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

// TestSeeds: the seeds in the official layout with cells blanked at random,
// made .docx and printed to PDF by LibreOffice (testdata/*.pdf, their cells
// in .truth.csv). The parser must never write a wrong number: a wrong cell
// fails the test; blanks are counted.
func TestSeeds(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.pdf")
	if len(files) == 0 {
		t.Fatal("no testdata/*.pdf")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Parse(src)
		if r == nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		recs := readTruth(t, strings.TrimSuffix(f, ".pdf")+".truth.csv")
		var cells, read, blankRight, missing, wrong int
		for _, rec := range recs[1:] {
			ref, want := rec[0]+"."+rec[1]+"."+rec[2], rec[3]
			c, _ := r.Cell(ref)
			got := cellValue(c)
			cells++
			switch {
			case got == want && want == "":
				blankRight++
			case got == want:
				read++
			case c.Kind == nianbao.Blank || c.Kind == nianbao.Absent:
				missing++ // not read: acceptable, counted
			default:
				wrong++
				t.Errorf("%s %s = %q, want %q: a WRONG number", f, ref, got, want)
			}
		}
		t.Logf("%s: %d cells: %d values read, %d blanks kept blank, %d values not read (blank or absent), %d wrong",
			filepath.Base(f), cells, read, blankRight, missing, wrong)
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
