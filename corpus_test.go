package nianbao

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The conformance corpus: real published annual reports, each kept byte for
// byte as it was obtained (testdata/corpus/README.md says where from and how),
// with the values a person read from the document itself in
// testdata/corpus/manifest.json. The parser's output is never the source of
// an expected value.

const corpusDir = "testdata/corpus"

// corpusCells are the cells the manifest records for every file.
var corpusCells = []string{
	"t3.new.total",
	"t3.carried_over.total",
	"t3.total.total",
	"t3.carried_forward.total",
	"t4.review.total",
	"t4.suit_direct.total",
	"t4.suit_after_review.total",
}

// corpusAbsent stands in the manifest, and in what was parsed, for a cell the
// report does not have at all (Kind Absent).
const corpusAbsent = "<absent>"

// corpusSkip lists the files whose values the parser does not yet get right,
// with what is wrong. They are still parsed and their accounting checked; only
// the comparison with the manifest is skipped. Remove an entry once the file
// passes (TestCorpus says so).
var corpusSkip = map[string]string{
	// pdftotext without -layout writes a table's text column by column.
	"002_huaian_szf_2024_pdfraw.txt": "PDF text without -layout: table 4's numbers come out of order " +
		"(72 64 178 37 | 12 1 1 6 | 351 | 13 4 8 1 26 | 20, pieces that end inside rows; only the PDF's positions " +
		"tell which four values go with which 总计): the parser reads 行政复议 (72 64 178 37 351), which section 一 " +
		"states in full, and leaves the two 行政诉讼 rows blank with a warning (t4.suit_direct.total blank, want 26; " +
		"t4.suit_after_review.total blank, want 20: the text does not say which is which); table 3 is read whole",
}

// corpusEntry is one file's hand-checked expectations.
type corpusEntry struct {
	File      string            `json:"file"`
	Agency    string            `json:"agency"`
	Year      int               `json:"year"`
	EditionT3 string            `json:"edition_t3"`
	Cells     map[string]string `json:"cells"`
	Note      string            `json:"note,omitempty"`
}

func readCorpusManifest(t *testing.T) []corpusEntry {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Files []corpusEntry `json:"files"`
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	return m.Files
}

// corpusShape is the input shape named by the last part of a corpus file name
// (NNN_place_agency_year_shape.txt).
func corpusShape(file string) string {
	base := strings.TrimSuffix(strings.TrimSuffix(file, ".txt"), ".md")
	if i := strings.LastIndexByte(base, '_'); i >= 0 {
		return base[i+1:]
	}
	return base
}

// corpusValue renders a cell as the manifest writes it (FORMAT.md's
// normalisation: digits, "" for blank, "/" for not applicable).
func corpusValue(c Cell) string {
	switch c.Kind {
	case Absent:
		return corpusAbsent
	case Blank:
		return ""
	case NotApplicable:
		return "/"
	default:
		return c.Value
	}
}

// corpusGot is what the parser read from a corpus file, in the manifest's
// terms.
func corpusGot(file string, r *Report) corpusEntry {
	got := corpusEntry{
		File:      file,
		Agency:    r.Agency,
		Year:      r.Year,
		EditionT3: string(r.Editions["t3"]),
		Cells:     map[string]string{},
	}
	for _, ref := range corpusCells {
		c, _ := r.Cell(ref)
		got.Cells[ref] = corpusValue(c)
	}
	return got
}

func TestCorpus(t *testing.T) {
	entries := readCorpusManifest(t)
	if len(entries) < 30 {
		t.Logf("the corpus has %d files; issue 9 asks for at least 30", len(entries))
	}
	type tally struct{ right, total int }
	byShape := map[string]*tally{}
	all := &tally{}
	for _, e := range entries {
		t.Run(e.File, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(corpusDir, e.File))
			if err != nil {
				t.Fatal(err)
			}
			shape := corpusShape(e.File)
			if byShape[shape] == nil {
				byShape[shape] = &tally{}
			}
			byShape[shape].total++
			all.total++

			// Every file is parsed, skipped or not, and nothing read may be
			// dropped.
			r, s, err := parseAccounted(&Parser{Filename: e.File}, src)
			if r == nil {
				if reason, ok := corpusSkip[e.File]; ok {
					t.Logf("%s: no report (corpusSkip: %s): %v", e.File, reason, err)
					return
				}
				t.Fatalf("Parse(%s): no report: %v", e.File, err)
			}
			checkAccounting(t, r, s)

			want := e
			want.Note = ""
			diff := cmp.Diff(want, corpusGot(e.File, r))
			if diff == "" {
				byShape[shape].right++
				all.right++
				if reason, ok := corpusSkip[e.File]; ok {
					t.Errorf("%s is in corpusSkip (%s) but now parses right: remove it from the list", e.File, reason)
				}
				return
			}
			if reason, ok := corpusSkip[e.File]; ok {
				t.Logf("%s: values not compared (corpusSkip: %s); mismatch (-want +got):\n%s", e.File, reason, diff)
				return
			}
			t.Errorf("Parse(%s) mismatch with manifest.json (-want +got):\n%s", e.File, diff)
		})
	}
	shapes := make([]string, 0, len(byShape))
	for s := range byShape {
		shapes = append(shapes, s)
	}
	sort.Strings(shapes)
	var b strings.Builder
	for _, s := range shapes {
		tl := byShape[s]
		fmt.Fprintf(&b, "\n\t%s: %d/%d", s, tl.right, tl.total)
	}
	t.Logf("corpus score: %d/%d files fully right; by shape:%s", all.right, all.total, b.String())
}

// TestCorpusIndexed checks that every file of the corpus is described in the
// manifest and in the README, and that neither names a file that is not there.
func TestCorpusIndexed(t *testing.T) {
	des, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	onDisk := map[string]bool{}
	for _, de := range des {
		n := de.Name()
		if de.IsDir() || n == "README.md" || n == "manifest.json" || n == "findings.tsv" {
			continue
		}
		onDisk[n] = true
	}
	readme, err := os.ReadFile(filepath.Join(corpusDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	inManifest := map[string]bool{}
	for _, e := range readCorpusManifest(t) {
		if inManifest[e.File] {
			t.Errorf("manifest.json lists %s twice", e.File)
		}
		inManifest[e.File] = true
		if !onDisk[e.File] {
			t.Errorf("manifest.json lists %s, which is not in %s", e.File, corpusDir)
		}
		if len(e.Cells) != len(corpusCells) {
			t.Errorf("manifest.json: %s has %d cells, want the %d of corpusCells", e.File, len(e.Cells), len(corpusCells))
		}
		for _, ref := range corpusCells {
			if _, ok := e.Cells[ref]; !ok {
				t.Errorf("manifest.json: %s lacks %s", e.File, ref)
			}
		}
		if e.EditionT3 != "2019" && e.EditionT3 != "2021" {
			t.Errorf("manifest.json: %s has edition_t3 %q, want 2019 or 2021", e.File, e.EditionT3)
		}
	}
	for n := range onDisk {
		if !inManifest[n] {
			t.Errorf("%s is not in manifest.json", n)
		}
		if !strings.Contains(string(readme), n) {
			t.Errorf("%s is not in README.md", n)
		}
	}
	for n := range corpusSkip {
		if !inManifest[n] {
			t.Errorf("corpusSkip names %s, which is not in manifest.json", n)
		}
	}
}
