package schema

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// formatRefs reads the cell references of one edition from the repository's
// copy of FORMAT.md, the project's contract.
func formatRefs(t *testing.T, e Edition) []string {
	t.Helper()
	src, err := os.ReadFile("../FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	section := func(start, end string) string {
		i := strings.Index(text, start)
		j := strings.Index(text[i+len(start):], end)
		if i < 0 || j < 0 {
			t.Fatalf("FORMAT.md: section %q not found", start)
		}
		return text[i : i+len(start)+j]
	}
	brace := regexp.MustCompile("`(t2)\\.([a-z_]+)\\.(?:\\{([a-z_,]+)\\}|([a-z_]+))`")
	var refs []string
	t2 := section("### Table 2, edition "+string(e), "###")
	for _, m := range brace.FindAllStringSubmatch(t2, -1) {
		cols := m[4]
		if m[3] != "" {
			cols = m[3]
		}
		for _, c := range strings.Split(cols, ",") {
			refs = append(refs, m[1]+"."+m[2]+"."+c)
		}
	}
	// Table 3: columns from the sentence "Columns, in order: `a` …", rows
	// from the first backticked name of each table line, expanding the
	// "`denied_secret` … `denied_query`" range through the numbered labels.
	t3 := section("### Table 3", "Extra cells")
	var cols []string
	colLine := t3[strings.Index(t3, "Columns, in order:"):]
	colLine = colLine[:strings.Index(colLine, "\n\n")]
	for _, m := range regexp.MustCompile("`([a-z_]+)`").FindAllStringSubmatch(colLine, -1) {
		cols = append(cols, m[1])
	}
	var rows []string
	for _, line := range strings.Split(t3, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		names := regexp.MustCompile("`([a-z_]+)`").FindAllStringSubmatch(line, -1)
		label := line[strings.LastIndex(line[:len(line)-1], "|"):]
		switch {
		case strings.Contains(line, "`other` | 2019"):
			if e == E2019 {
				rows = append(rows, "other")
			}
			continue
		case strings.Contains(label, "2021:"):
			if e == E2021 {
				for _, n := range names {
					rows = append(rows, n[1])
				}
			}
			continue
		}
		for _, n := range names {
			rows = append(rows, n[1])
		}
		if strings.Contains(line, "`denied_secret` …") {
			rows = append(rows[:len(rows)-1], "denied_law", "denied_safety", "denied_third_party",
				"denied_internal", "denied_process", "denied_enforcement", "denied_query")
		}
	}
	for _, r := range rows {
		for _, c := range cols {
			refs = append(refs, "t3."+r+"."+c)
		}
	}
	for _, r := range []string{"review", "suit_direct", "suit_after_review"} {
		for _, c := range []string{"upheld", "corrected", "other", "pending", "total"} {
			refs = append(refs, "t4."+r+"."+c)
		}
	}
	return refs
}

func TestCatalogMatchesFormat(t *testing.T) {
	for _, e := range Editions {
		want := formatRefs(t, e)
		var got []string
		for _, c := range Cells(e) {
			got = append(got, c.Ref)
		}
		ws, gs := slices.Sorted(slices.Values(want)), slices.Sorted(slices.Values(got))
		if !slices.Equal(ws, gs) {
			for _, r := range ws {
				if !slices.Contains(gs, r) {
					t.Errorf("edition %s: FORMAT.md has %s, catalog does not", e, r)
				}
			}
			for _, r := range gs {
				if !slices.Contains(ws, r) {
					t.Errorf("edition %s: catalog has %s, FORMAT.md does not", e, r)
				}
			}
		}
	}
}

func TestCellCounts(t *testing.T) {
	tests := []struct {
		e                  Edition
		block              string
		rows, cols, nCells int
	}{
		{E2021, "t3", 25, 7, 175},
		{E2019, "t3", 23, 7, 161},
		{E2021, "t4", 3, 5, 15},
		{E2019, "t4", 3, 5, 15},
	}
	for _, tt := range tests {
		b, ok := LookupBlock(tt.e, tt.block)
		if !ok {
			t.Fatalf("edition %s has no block %s", tt.e, tt.block)
		}
		if len(b.Rows) != tt.rows || len(b.Columns) != tt.cols || len(b.Cells()) != tt.nCells {
			t.Errorf("edition %s block %s: %d rows × %d columns = %d cells, want %d × %d = %d",
				tt.e, tt.block, len(b.Rows), len(b.Columns), len(b.Cells()), tt.rows, tt.cols, tt.nCells)
		}
	}
	t2 := map[Edition]int{E2021: 10, E2019: 22}
	for e, want := range t2 {
		n := 0
		for _, c := range Cells(e) {
			if strings.HasPrefix(c.Ref, "t2.") {
				n++
			}
		}
		if n != want {
			t.Errorf("edition %s table 2 has %d cells, want %d", e, n, want)
		}
	}
}

func TestRefsUniqueAndOrdered(t *testing.T) {
	all := AllRefs()
	seen := map[string]bool{}
	for _, r := range all {
		if seen[r] {
			t.Errorf("AllRefs lists %s twice", r)
		}
		seen[r] = true
	}
	for _, e := range Editions {
		for _, c := range Cells(e) {
			if !seen[c.Ref] {
				t.Errorf("AllRefs misses %s of edition %s", c.Ref, e)
			}
		}
	}
	if all[0] != "t2.regulations.issued" || all[len(all)-1] != "t4.suit_after_review.total" {
		t.Errorf("AllRefs runs from %s to %s, want t2.regulations.issued to t4.suit_after_review.total", all[0], all[len(all)-1])
	}
	// 2019's single （六）其他处理 row stands before the 2021 sub-rows.
	i, j := slices.Index(all, "t3.other.total"), slices.Index(all, "t3.other_no_correction.natural_person")
	if i < 0 || j < 0 || i > j {
		t.Errorf("t3.other.total at %d, t3.other_no_correction.natural_person at %d; want the first before the second", i, j)
	}
	for _, r := range ExtraRefs() {
		if seen[r] && r != "t3.other.total" && !strings.HasPrefix(r, "t3.other.") {
			t.Errorf("extra cell %s is also official", r)
		}
	}
}

func TestSubtotalsSumExistingRows(t *testing.T) {
	for _, e := range Editions {
		for _, b := range Blocks(e) {
			for _, r := range b.ExtraRows {
				if len(r.Sum) == 0 {
					t.Errorf("%s %s: extra row %s has no parts", e, b.ID, r.Name)
				}
				for _, part := range r.Sum {
					if _, ok := b.Row(part); !ok {
						t.Errorf("%s %s: subtotal %s sums unknown row %s", e, b.ID, r.Name, part)
					}
				}
			}
			for _, c := range b.ExtraColumns {
				for _, part := range c.Sum {
					if _, ok := b.Column(part); !ok {
						t.Errorf("%s %s: subtotal column %s sums unknown column %s", e, b.ID, c.Name, part)
					}
				}
			}
		}
	}
}

func TestLabelsUnique(t *testing.T) {
	// Row labels must identify a row within its block, so the parser can
	// match a row by its label alone.
	for _, e := range Editions {
		for _, b := range Blocks(e) {
			seen := map[string]string{}
			for _, r := range b.Rows {
				if prev, ok := seen[r.Label]; ok {
					t.Errorf("%s %s: rows %s and %s share label %q", e, b.ID, prev, r.Name, r.Label)
				}
				seen[r.Label] = r.Name
			}
		}
	}
}

// TestLookupCell: LookupCell (an index built once) finds what a search of
// every block's cells in catalog order finds, for every reference of either
// edition and for names that are no reference.
func TestLookupCell(t *testing.T) {
	search := func(e Edition, ref string) (Cell, bool) {
		for i := range blocks[e] {
			for _, c := range blocks[e][i].AllCells() {
				if c.Ref == ref {
					return c, true
				}
			}
		}
		return Cell{}, false
	}
	refs := append(AllRefs(), ExtraRefs()...)
	refs = append(refs, "", "t3", "t3.new", "t3.new.total.x", "t9.new.total")
	n := 0
	for _, e := range Editions {
		for _, ref := range refs {
			want, wantOK := search(e, ref)
			got, ok := LookupCell(e, ref)
			if ok != wantOK || got != want {
				t.Errorf("LookupCell(%v, %q) = %+v, %v; want %+v, %v", e, ref, got, ok, want, wantOK)
			}
			if ok {
				n++
			}
		}
	}
	if n < 300 {
		t.Errorf("only %d references found in the two editions", n)
	}
}
