package nianbao

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// flattenHTML is a web page's text as a crawler stores it (the corpus's
// webflat shape): the text of every element, trimmed and run together with
// nothing between, so a table loses its cell boundaries and a blank cell
// leaves nothing.
func flattenHTML(page []byte) string {
	z := html.NewTokenizer(bytes.NewReader(page))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "style", "script", "title":
				if z.Token().Type == html.StartTagToken {
					skip++
				} else {
					skip--
				}
			}
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.TrimSpace(string(z.Text())))
			}
		}
	}
}

// goldTally counts a report's cells against a page's golden of every cell.
type goldTally struct{ cells, right, missing int }

// check compares r with the golden of the corpus page name (its base name
// without .txt): a value where the golden has another, or a blank, fails
// the test; cells the golden marks undecidable or absent count only when
// read wrong. what names the input in messages.
func (tl *goldTally) check(t *testing.T, r *Report, name, what string) (missing int) {
	t.Helper()
	for _, g := range readCellsGolden(t, filepath.Join("testdata/corpus/cells", name+".csv")) {
		c, _ := r.Cell(g.ref)
		got := corpusValue(c)
		hasValue := c.Kind != Blank && c.Kind != Absent
		switch {
		case g.status != "":
			if hasValue && got != g.value {
				t.Errorf("%s: %s = %q, want %q (%s): a WRONG number", what, g.ref, got, g.value, g.status)
			}
			continue
		case got == g.value:
			tl.right++
		case !hasValue:
			tl.missing++
			missing++
		case c.Kind == Number && strings.TrimSuffix(g.value, "元") == got:
			tl.right++ // 251000元: the unit fell off the number (024's 采购总金额)
		default:
			t.Errorf("%s: %s = %q, want %q: a WRONG number", what, g.ref, got, g.value)
		}
		tl.cells++
	}
	return missing
}

// TestCorpusFlattened: the corpus's HTML pages, flattened as a crawler
// stores a page (flattenHTML), against the golden of every cell read from
// the pages. Two of them (024, 025) leave many cells blank, which leave no
// digit once flattened: 024's 予以公开 "2581211" is 258 12 _ _ 1 1 _. No cell
// may be a wrong number; cells left blank are counted.
func TestCorpusFlattened(t *testing.T) {
	srcs, _ := filepath.Glob("testdata/corpus/*_html.txt")
	if len(srcs) == 0 {
		t.Fatal("no testdata/corpus/*_html.txt")
	}
	var tl goldTally
	for _, src := range srcs {
		page, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		flat := flattenHTML(page)
		r, err := (&Parser{Filename: filepath.Base(src) + " (flattened)"}).Parse([]byte(flat))
		if r == nil {
			t.Errorf("%s flattened: no report: %v", src, err)
			continue
		}
		fileMissing := tl.check(t, r, strings.TrimSuffix(filepath.Base(src), ".txt"), src+" flattened")
		t.Logf("%s flattened: %d cells left blank", filepath.Base(src), fileMissing)
	}
	t.Logf("flattened HTML pages: %d cells, %d right, %d left blank, none wrong", tl.cells, tl.right, tl.missing)
}

// TestCorpusReprinted: the corpus's web pages (real reports; 024 and 025
// leave many cells blank) printed to PDF by LibreOffice and extracted by
// pdftotext with -layout, without options and with -raw, saved as plain
// text, and copied from a browser (scripts/reprint.sh, testdata/reprint),
// against the golden of every cell read from the pages. No cell may be a
// wrong number; the cells left blank are counted by shape.
func TestCorpusReprinted(t *testing.T) {
	files, _ := filepath.Glob("testdata/reprint/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata/reprint/*.txt")
	}
	by := map[string]*goldTally{}
	for _, f := range files {
		base := filepath.Base(f)
		name, shape, _ := strings.Cut(strings.TrimSuffix(base, ".txt"), ".")
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := (&Parser{Filename: base}).Parse(b)
		if r == nil {
			t.Errorf("%s: no report", f)
			continue
		}
		tl := by[shape]
		if tl == nil {
			tl = &goldTally{}
			by[shape] = tl
		}
		tl.check(t, r, name, f)
	}
	for shape, tl := range by {
		t.Logf("%s: %d cells, %d right, %d left blank, none wrong", shape, tl.cells, tl.right, tl.missing)
	}
}
