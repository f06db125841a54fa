package pdf

import (
	"bufio"
	"crypto/sha1"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao"
)

// realPDFs are the agencies' own PDFs of corpus reports (issue 18), in
// testdata/real (where they come from: testdata/real/README.md), each with
// the golden of every cell the core's corpus keeps for its text
// (../testdata/corpus/cells: read by hand from the document, never from a
// parser's output).
var realPDFs = []struct{ file, sha1, golden string }{
	{"huaian_szf_2024.pdf", "7a5ca51893172e72d30e218c11052175b4ada1d8", "001_huaian_szf_2024_pdflayout.csv"},
	{"hongze_qzf_2023.pdf", "0a3f8848818f483d7abd00b8be3e38832a9e1bf3", "003_hongze_qzf_2023_pdflayout.csv"},
	{"hongze_qzf_2024.pdf", "4a5f8323743e34f3fe05fd42a3925fb15b18119b", "005_hongze_qzf_2024_pdflayout.csv"},
}

const (
	realDir          = "testdata/real"
	realKnownMissing = "testdata/real/KNOWN_MISSING.tsv"
	realGoldenDir    = "../testdata/corpus/cells"
)

var updateRealMissing = flag.Bool("update-missing", false, "rewrite "+realKnownMissing+" (never a golden)")

// TestRealPDFs reads each real PDF with this module's reader and compares
// every cell with its golden. A value where the golden has another value or
// a blank is WRONG and fails the test; a blank where the golden has a value
// is missing: counted and printed per file, and checked against
// testdata/real/KNOWN_MISSING.tsv, so that a cell that was read and is no
// longer fails, and so does a listed cell that is read now (remove its
// line; -update-missing rewrites the list). A cell the golden marks
// undecidable counts as neither unless a different number is read there.
func TestRealPDFs(t *testing.T) {
	known := readRealKnownMissing(t)
	var missingNow []string
	present := 0
	for _, rp := range realPDFs {
		path := filepath.Join(realDir, rp.file)
		src, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			t.Logf("%s: not here (testdata/real/README.md says where to get it); skipped", path)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		present++
		if sum := sha1.Sum(src); hex.EncodeToString(sum[:]) != rp.sha1 {
			t.Errorf("%s: sha1 %x, want %s (testdata/real/README.md)", path, sum, rp.sha1)
			continue
		}
		gold := readGolden(t, filepath.Join(realGoldenDir, rp.golden))
		r, err := Parse(src)
		if r == nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		var read, blankRight, missing, undecidable int
		wantWrong, gotWrong := map[string]string{}, map[string]string{}
		inGolden := map[string]bool{}
		for _, g := range gold {
			inGolden[g.ref] = true
			c, _ := r.Cell(g.ref)
			got := cellValue(c)
			hasValue := c.Kind != nianbao.Blank && c.Kind != nianbao.Absent
			switch {
			case g.status == "absent-in-source":
				if hasValue {
					wantWrong[g.ref], gotWrong[g.ref] = "(absent in source)", got
				} else {
					blankRight++
				}
			case g.status == "undecidable":
				switch {
				case !hasValue:
					undecidable++
				case g.value != "" && got == g.value:
					read++
				default:
					wantWrong[g.ref], gotWrong[g.ref] = g.value+" (undecidable)", got
				}
			case got == g.value && g.value == "":
				blankRight++
			case got == g.value:
				read++
			case !hasValue:
				missing++
				key := rp.file + " " + g.ref
				missingNow = append(missingNow, rp.file+"\t"+g.ref+"\twant "+g.value)
				if _, ok := known[key]; !ok && !*updateRealMissing {
					t.Errorf("%s %s: blank, want %q (not in %s)", rp.file, g.ref, g.value, realKnownMissing)
				}
				delete(known, key)
			default:
				wantWrong[g.ref], gotWrong[g.ref] = g.value, got
			}
		}
		for _, rc := range r.Cells() {
			if inGolden[rc.Ref] || rc.Cell.Kind == nianbao.Blank || rc.Cell.Kind == nianbao.Absent {
				continue
			}
			wantWrong[rc.Ref], gotWrong[rc.Ref] = "(no such cell)", cellValue(rc.Cell)
		}
		if diff := cmp.Diff(wantWrong, gotWrong); diff != "" {
			t.Errorf("%s: %d WRONG cells (-want +got):\n%s", rp.file, len(wantWrong), diff)
		}
		t.Logf("%s: %d cells: %d values read, %d blanks kept blank, %d wrong, %d missing, %d undecidable left blank",
			rp.file, len(gold), read, blankRight, len(wantWrong), missing, undecidable)
	}
	if present == 0 {
		t.Skip("no real PDF in testdata/real (testdata/real/README.md says where to get them)")
	}
	if *updateRealMissing {
		sort.Strings(missingNow)
		var b strings.Builder
		b.WriteString("# Cells of the real PDFs (TestRealPDFs) that the reader leaves blank though the golden has a value.\n" +
			"# Each is a reader failure to fix; remove a line when its cell is read.\n" +
			"# file\tref\twhat the golden has\n")
		for _, l := range missingNow {
			b.WriteString(l + "\n")
		}
		if err := os.WriteFile(realKnownMissing, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	var stale []string
	for _, line := range known {
		if f, _, _ := strings.Cut(line, "\t"); fileHere(f) {
			stale = append(stale, line)
		}
	}
	sort.Strings(stale)
	for _, line := range stale {
		t.Errorf("%s lists a cell that is read now; remove it: %s", realKnownMissing, line)
	}
}

func fileHere(name string) bool {
	_, err := os.Stat(filepath.Join(realDir, name))
	return err == nil
}

type goldenCell struct{ ref, value, status string }

// readGolden reads a golden of every cell (ref,value,status,note; the core's
// cellsgolden_test.go describes it).
func readGolden(t *testing.T, path string) []goldenCell {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) < 2 || strings.Join(recs[0], ",") != "ref,value,status,note" {
		t.Fatalf("%s: header is not ref,value,status,note", path)
	}
	var out []goldenCell
	for i, r := range recs[1:] {
		switch r[2] {
		case "", "undecidable", "absent-in-source":
		default:
			t.Fatalf("%s:%d: status %q", path, i+2, r[2])
		}
		if _, ok := (&nianbao.Report{}).Cell(r[0]); !ok {
			t.Fatalf("%s:%d: %s names no cell", path, i+2, r[0])
		}
		out = append(out, goldenCell{r[0], r[1], r[2]})
	}
	return out
}

func readRealKnownMissing(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	f, err := os.Open(realKnownMissing)
	if errors.Is(err, fs.ErrNotExist) {
		return out
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) < 2 {
			t.Fatalf("%s:%d: not file<TAB>ref: %q", realKnownMissing, n, line)
		}
		out[parts[0]+" "+parts[1]] = line
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
