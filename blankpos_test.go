package nianbao

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBlankCellsPositioned checks that every blank cell the parser reads or
// leaves in a table of a real report (corpus, seeds, web pages) has a source
// position: a finding on it (blank-cell, undecidable) must point at a line,
// not at 1:1. A cell is left blank where the parser could not place values
// (its warning is at the row's label or the table's caption) or where the
// report has no value.
func TestBlankCellsPositioned(t *testing.T) {
	var files []string
	for _, g := range []string{"testdata/corpus/*.txt", "testdata/seeds/*.txt", "testdata/web/*.html", "testdata/web/*.txt"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 40 {
		t.Fatalf("found only %d files", len(files))
	}
	blanks := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := Parse(src)
		if r == nil {
			continue
		}
		var unplaced []string
		for _, rc := range r.Cells() {
			if rc.Cell.Kind != Blank || !(strings.HasPrefix(rc.Ref, "t3.") || strings.HasPrefix(rc.Ref, "t4.") || strings.HasPrefix(rc.Ref, "t2.")) {
				continue
			}
			blanks++
			if rc.Cell.Pos.Line == 0 {
				unplaced = append(unplaced, rc.Ref)
			}
		}
		if len(unplaced) > 0 {
			t.Errorf("%s: %d blank cells without a position, e.g. %s", filepath.Base(f), len(unplaced), strings.Join(unplaced[:min(5, len(unplaced))], " "))
		}
	}
	if blanks < 100 {
		t.Errorf("only %d blank cells seen: the test checks too little", blanks)
	}
}
