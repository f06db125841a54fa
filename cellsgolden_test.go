package nianbao

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The golden of every cell (issue 14): for each corpus file and seed,
// testdata/{corpus,seeds}/cells/<name>.csv holds the expected value of every
// cell of its tables, read from the source by two people independently of
// the parser and of each other, their disagreements settled against the
// source (each settled cell says so in its note). Columns:
//
//	ref     the cell (FORMAT.md)
//	value   FORMAT.md's normalised value; empty for a blank cell
//	status  "" — the source decides the value;
//	        "undecidable" — the source text alone does not decide it (a
//	        glued run that several cuts fit, values out of order); value is
//	        then the true value when another shape of the same report gives
//	        it, else empty;
//	        "absent-in-source" — the document lacks the row or table
//	note    why, for a person
//
// TestCorpusCells compares every cell the parser reads with it. A cell is
// wrong when the parser gives a value where the golden has another value or
// a blank (the worst outcome), missing when it gives a blank where the
// golden has a value. Undecidable cells count as neither, unless the parser
// writes a number that differs from a known value there (wrong). Missing
// cells the parser does not yet read are listed, with the file, in
// testdata/corpus/cells/KNOWN_MISSING.tsv: a missing cell not listed there
// fails the test, and so does a listed one that is read now (remove it).
// -update-missing rewrites that list; it never touches a golden value.

var updateMissing = flag.Bool("update-missing", false, "rewrite testdata/corpus/cells/KNOWN_MISSING.tsv")

const knownMissingFile = "testdata/corpus/cells/KNOWN_MISSING.tsv"

type goldenCell struct{ ref, value, status, note string }

func readCellsGolden(t *testing.T, path string) []goldenCell {
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
	if len(recs) == 0 || strings.Join(recs[0], ",") != "ref,value,status,note" {
		t.Fatalf("%s: header is not ref,value,status,note", path)
	}
	seen := map[string]bool{}
	var out []goldenCell
	for i, r := range recs[1:] {
		g := goldenCell{r[0], r[1], r[2], r[3]}
		switch g.status {
		case "", "undecidable", "absent-in-source":
		default:
			t.Errorf("%s:%d: status %q", path, i+2, g.status)
		}
		if seen[g.ref] {
			t.Errorf("%s:%d: %s twice", path, i+2, g.ref)
		}
		seen[g.ref] = true
		if _, ok := (&Report{}).Cell(g.ref); !ok {
			t.Errorf("%s:%d: %s names no cell", path, i+2, g.ref)
		}
		out = append(out, g)
	}
	return out
}

// cellsGoldenFiles pairs each source with its golden.
func cellsGoldenFiles(t *testing.T) (srcs, goldens []string) {
	for _, dir := range []string{"testdata/corpus", "testdata/seeds"} {
		m, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, src := range m {
			g := filepath.Join(dir, "cells", strings.TrimSuffix(filepath.Base(src), ".txt")+".csv")
			if _, err := os.Stat(g); err != nil {
				t.Errorf("%s has no golden of every cell (%s)", src, g)
				continue
			}
			srcs, goldens = append(srcs, src), append(goldens, g)
		}
	}
	return srcs, goldens
}

// cellShape is a file's input shape: the corpus name's last part, or "seed".
func cellShape(src string) string {
	if strings.Contains(src, "seeds") {
		return "seed"
	}
	return corpusShape(filepath.Base(src))
}

type cellTally struct{ files, exact, cells, right, wrong, missing, undecidable int }

func readKnownMissing(t *testing.T) map[string]string {
	out := map[string]string{}
	f, err := os.Open(knownMissingFile)
	if err != nil {
		if os.IsNotExist(err) {
			return out
		}
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) < 2 {
			t.Fatalf("%s: bad line %q", knownMissingFile, line)
		}
		out[parts[0]+" "+parts[1]] = line
	}
	return out
}

func TestCorpusCells(t *testing.T) {
	srcs, goldens := cellsGoldenFiles(t)
	known := readKnownMissing(t)
	byShape := map[string]*cellTally{}
	all := &cellTally{}
	var missingNow []string
	for i, src := range srcs {
		gold := readCellsGolden(t, goldens[i])
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(src)
		r, err := (&Parser{Filename: name}).Parse(b)
		if r == nil {
			t.Errorf("%s: no report: %v", src, err)
			continue
		}
		shape := cellShape(src)
		tl := byShape[shape]
		if tl == nil {
			tl = &cellTally{}
			byShape[shape] = tl
		}
		var wrong, missing int
		inGolden := map[string]bool{}
		for _, g := range gold {
			inGolden[g.ref] = true
			c, _ := r.Cell(g.ref)
			got := corpusValue(c)
			hasValue := c.Kind != Blank && c.Kind != Absent
			verdict := ""
			switch {
			case g.status == "absent-in-source":
				if hasValue {
					verdict = "wrong"
				}
			case g.status == "undecidable":
				switch {
				case !hasValue:
					verdict = "undecidable"
				case g.value != "" && got == g.value:
				default:
					verdict = "wrong"
				}
			case got == g.value:
			case !hasValue:
				verdict = "missing"
			default:
				verdict = "wrong"
			}
			tl.cells++
			all.cells++
			switch verdict {
			case "":
				tl.right++
				all.right++
			case "undecidable":
				tl.undecidable++
				all.undecidable++
			case "missing":
				missing++
				key := name + " " + g.ref
				missingNow = append(missingNow, name+"\t"+g.ref+"\twant "+g.value)
				if _, ok := known[key]; !ok && !*updateMissing {
					t.Errorf("%s %s: blank, want %q (not in %s)", name, g.ref, g.value, knownMissingFile)
				}
				delete(known, key)
			case "wrong":
				wrong++
				want := g.value
				if g.status != "" {
					want += " (" + g.status + ")"
				}
				t.Errorf("%s %s: WRONG: got %q, want %q", name, g.ref, got, want)
			}
		}
		// A value in a cell the golden does not list (another layout).
		for _, rc := range r.Cells() {
			if inGolden[rc.Ref] || rc.Cell.Kind == Blank || rc.Cell.Kind == Absent {
				continue
			}
			wrong++
			t.Errorf("%s %s: WRONG: got %q in a cell the report does not have", name, rc.Ref, corpusValue(rc.Cell))
		}
		tl.files++
		all.files++
		tl.wrong += wrong
		all.wrong += wrong
		tl.missing += missing
		all.missing += missing
		if wrong == 0 && missing == 0 {
			tl.exact++
			all.exact++
		}
	}
	if *updateMissing {
		sort.Strings(missingNow)
		var b strings.Builder
		b.WriteString("# Cells of the corpus and seeds that the parser leaves blank though the source decides them\n" +
			"# (TestCorpusCells). Each is a parser failure to fix; remove a line when its cell is read.\n" +
			"# file\tref\twhat the golden has\n")
		for _, l := range missingNow {
			b.WriteString(l + "\n")
		}
		if err := os.WriteFile(knownMissingFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		for _, line := range known {
			t.Errorf("%s lists a cell that is read now; remove it: %s", knownMissingFile, line)
		}
	}
	shapes := make([]string, 0, len(byShape))
	for s := range byShape {
		shapes = append(shapes, s)
	}
	sort.Strings(shapes)
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s %5s %5s %6s %6s %6s %7s %11s\n", "shape", "files", "exact", "cells", "right", "wrong", "missing", "undecidable")
	for _, s := range shapes {
		tl := byShape[s]
		fmt.Fprintf(&b, "%-10s %5d %5d %6d %6d %6d %7d %11d\n", s, tl.files, tl.exact, tl.cells, tl.right, tl.wrong, tl.missing, tl.undecidable)
	}
	t.Logf("by shape:\n%s", b.String())
	t.Logf("corpus: %d/%d files exact, %d wrong cells, %d missing cells", all.exact, all.files, all.wrong, all.missing)
}

// TestCorpusCellsAgree: the key cells of manifest.json, read by hand
// earlier, agree with the golden of every cell, read again later; a cell
// the golden marks undecidable is exempt when its known value agrees.
func TestCorpusCellsAgree(t *testing.T) {
	for _, e := range readCorpusManifest(t) {
		gold := readCellsGolden(t, filepath.Join(corpusDir, "cells", strings.TrimSuffix(e.File, ".txt")+".csv"))
		byRef := map[string]goldenCell{}
		for _, g := range gold {
			byRef[g.ref] = g
		}
		for ref, want := range e.Cells {
			g, ok := byRef[ref]
			if !ok {
				if want != corpusAbsent {
					t.Errorf("%s: golden lacks %s (manifest %q)", e.File, ref, want)
				}
				continue
			}
			if g.value != want && !(g.status == "undecidable" && want == "") {
				t.Errorf("%s %s: manifest %q, golden %q (%s)", e.File, ref, want, g.value, g.status)
			}
		}
	}
}
