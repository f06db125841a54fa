package nianbao

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLibreOffice: the seeds in the official layout with cells blanked at
// random, printed to PDF by LibreOffice and extracted with pdftotext
// -layout (.pdf.txt: a report made in Word, LibreOffice or WPS and
// published as PDF, where a blank cell leaves nothing in its row), and
// saved by LibreOffice as plain text (.text.txt: one cell a line, a blank
// an empty line), the PDF extracted by pdftotext without -layout
// (.pdfdefault.txt: one cell a line in its reading order, a blank no line)
// and with -raw (.pdfraw.txt: a row's values one space apart, a blank
// nothing), the page as a browser copies it (.browser.txt: Chromium's
// innerText, cells tab-separated), printed to PDF by Chromium and extracted
// with -layout (.chromepdf.txt: a line's values may be squeezed), written
// as .docx by nianbao, printed to PDF by LibreOffice and extracted with
// -layout (.nbdocx.txt: rows whose labels wrap have their values shifted), and
// converted by pandoc from LibreOffice's
// .docx to GitHub Markdown (.gfm.txt) and from the page to plain text
// (.pandoc.txt). scripts/lopdf.sh makes testdata/lopdf, with the cells of
// each blanked page as .truth.csv. The parser must never write a wrong
// number; the cells it reads are counted by shape.
func TestLibreOffice(t *testing.T) {
	files, _ := filepath.Glob("testdata/lopdf/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata/lopdf/*.txt")
	}
	by := map[string]*truthTally{}
	for _, f := range files {
		shape := filepath.Ext(strings.TrimSuffix(f, ".txt"))
		if by[shape] == nil {
			by[shape] = &truthTally{}
		}
		base := strings.TrimSuffix(strings.TrimSuffix(f, ".txt"), shape)
		by[shape].check(t, f, base+".truth.csv")
	}
	for shape, tl := range by {
		t.Logf("%s: %d cells: %d values read, %d blanks kept blank, %d values left blank, none wrong",
			shape, tl.cells, tl.read, tl.blankRight, tl.missing)
	}
}
