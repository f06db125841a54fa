package nianbao

import (
	"errors"
	"flag"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao/internal/htmltext"
	"github.com/opengovcn/nianbao/schema"
	"pgregory.net/rapid"
)

// checkAtLeast runs a rapid property for at least n cases (rapid's default
// is 100 a run), unless -rapid.checks was given on the command line.
func checkAtLeast(t *testing.T, n int, prop func(*rapid.T)) {
	t.Helper()
	runs := (n + 99) / 100
	flag.Visit(func(f *flag.Flag) {
		if f.Name == "rapid.checks" {
			runs = 1
		}
	})
	for i := 0; i < runs && !t.Failed(); i++ {
		rapid.Check(t, prop)
	}
}

// rowRefs returns the refs of the official cells of one catalog row, in
// column order.
func rowRefs(t interface{ Fatalf(string, ...any) }, e Edition, block, row string) []string {
	b, ok := schema.LookupBlock(e, block)
	if !ok {
		t.Fatalf("no block %s in edition %s", block, e)
	}
	var refs []string
	for _, c := range b.Columns {
		refs = append(refs, b.Ref(row, c.Name))
	}
	return refs
}

// t4Refs returns the 15 cells of table 4's single data row as written.
func t4Refs(t *testing.T) []string {
	var refs []string
	for _, row := range []string{"review", "suit_direct", "suit_after_review"} {
		refs = append(refs, rowRefs(t, E2021, "t4", row)...)
	}
	return refs
}

func TestGlueRules(t *testing.T) {
	t3 := rowRefs(t, E2021, "t3", "new")
	withOrg := append(slices.Clone(t3), "t3.new.organizations")
	tests := []struct {
		name string
		refs []string
		want []sumRule
	}{
		{"t3 row: total is the sum of the six applicant columns", t3,
			[]sumRule{{total: 6, parts: []int{0, 1, 2, 3, 4, 5}}}},
		{"t3 row with the 法人或其他组织 subtotal column", withOrg,
			[]sumRule{{total: 6, parts: []int{0, 1, 2, 3, 4, 5}}, {total: 7, parts: []int{1, 2, 3, 4, 5}}}},
		{"t4 data row: three groups of four results and a total", t4Refs(t),
			[]sumRule{{4, []int{0, 1, 2, 3}}, {9, []int{5, 6, 7, 8}}, {14, []int{10, 11, 12, 13}}}},
		{"t2 row: no arithmetic", rowRefs(t, E2021, "t2.1", "regulations"), nil},
		{"t3 row without its total column", t3[:6], nil},
		{"unknown refs", []string{"t9.x.y", "t3.nope.total"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := glueRules(tt.refs)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(sumRule{})); diff != "" {
				t.Errorf("glueRules mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitGlued(t *testing.T) {
	t3 := glueRules(rowRefs(t, E2021, "t3", "new"))
	t4 := glueRules(t4Refs(t))
	tests := []struct {
		name  string
		run   string
		n     int
		rules []sumRule
		want  [][]string
	}{
		{"issue example: only 80 1 0 0 0 0 | 81 sums", "801000081", 7, t3,
			[][]string{{"80", "1", "0", "0", "0", "0", "81"}}},
		{"all zeros", "0000000", 7, t3, [][]string{{"0", "0", "0", "0", "0", "0", "0"}}},
		{"one digit per cell", "2110004", 7, t3, [][]string{{"2", "1", "1", "0", "0", "0", "4"}}},
		{"no split sums", "10010000000100", 7, t3, nil},
		{"too short", "000000", 7, t3, nil},
		{"not digits", "12a4567", 7, t3, nil},
		{"ambiguous: 1 10 0 0 0 0 | 11 or 11 0 0 0 0 0 | 11", "110000011", 7, t3, [][]string{
			{"1", "10", "0", "0", "0", "0", "11"},
			{"11", "0", "0", "0", "0", "0", "11"},
		}},
		{"t4 row of 15", "110020000000000", 15, t4, [][]string{
			{"1", "1", "0", "0", "2", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"}}},
		{"no rules: every cut counts", "123", 2, nil, [][]string{{"12", "3"}, {"1", "23"}}},
		{"leading zeros are not numbers", "1002", 2, nil, [][]string{{"100", "2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, complete := splitGlued(tt.run, tt.n, tt.rules)
			if !complete {
				t.Errorf("splitGlued(%q) gave up", tt.run)
			}
			sortCands(got)
			sortCands(tt.want)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("splitGlued(%q, %d) mismatch (-want +got):\n%s", tt.run, tt.n, diff)
			}
		})
	}
}

func sortCands(c [][]string) {
	slices.SortFunc(c, func(a, b []string) int { return strings.Compare(strings.Join(a, " "), strings.Join(b, " ")) })
}

// The pruned search finds exactly the splits a brute-force enumeration of
// every cut finds.
func TestSplitGluedMatchesBruteForce(t *testing.T) {
	checkAtLeast(t, 1000, func(t *rapid.T) {
		n := rapid.IntRange(2, 7).Draw(t, "n")
		run := rapid.StringMatching(`[0-9]{2,11}`).Draw(t, "run")
		var rules []sumRule
		if rapid.Bool().Draw(t, "ruled") {
			r := sumRule{total: n - 1}
			for i := 0; i < n-1; i++ {
				r.parts = append(r.parts, i)
			}
			rules = []sumRule{r}
		}
		got, complete := splitGlued(run, n, rules)
		if !complete {
			t.Fatalf("splitGlued(%q, %d) gave up on a short run", run, n)
		}
		want := bruteSplits(run, n, rules)
		sortCands(got)
		sortCands(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("splitGlued(%q, %d) mismatch (-want +got):\n%s", run, n, diff)
		}
	})
}

func bruteSplits(run string, n int, rules []sumRule) [][]string {
	var out [][]string
	var rec func(rest string, parts []string)
	rec = func(rest string, parts []string) {
		if len(parts) == n {
			if rest != "" {
				return
			}
			for _, r := range rules {
				var sum int64
				for _, p := range r.parts {
					v, _ := strconv.ParseInt(parts[p], 10, 64)
					sum += v
				}
				if tv, _ := strconv.ParseInt(parts[r.total], 10, 64); tv != sum {
					return
				}
			}
			out = append(out, slices.Clone(parts))
			return
		}
		for l := 1; l <= len(rest); l++ {
			p := rest[:l]
			if len(p) > 1 && p[0] == '0' {
				break
			}
			rec(rest[l:], append(parts, p))
		}
	}
	if len(run) > 0 && len(run) <= n*glueMaxDigits {
		rec(run, nil)
	}
	return out
}

// A long run gives up quickly instead of searching forever, and never claims
// a unique split it did not prove.
func TestSplitGluedBudget(t *testing.T) {
	run := strings.Repeat("1234567890", 8)
	start := time.Now()
	cands, complete := splitGlued(run, 7, glueRules(rowRefs(t, E2021, "t3", "new")))
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("splitGlued on %d digits took %v", len(run), el)
	}
	if complete && len(cands) > 0 {
		t.Logf("found %d candidates", len(cands))
	}
	if g, ok := newGluedRow(strings.Repeat("9", 200), Position{1, 1}, "x", rowRefs(t, E2021, "t3", "new")); ok {
		t.Errorf("newGluedRow accepted a 200-digit run: %+v", g)
	}
}

func TestNewGluedRow(t *testing.T) {
	refs := rowRefs(t, E2021, "t3", "new")
	if _, ok := newGluedRow("８０１００００８１", Position{3, 5}, "一、本年新收政府信息公开申请数量", refs); !ok {
		t.Error("newGluedRow refused full-width digits")
	}
	for _, run := range []string{"", "0", "12 34567", "abcdefgh", "10010000000100"} {
		if g, ok := newGluedRow(run, Position{1, 1}, "x", refs); ok {
			t.Errorf("newGluedRow(%q) = %v, want not a glued row", run, g.cands)
		}
	}
	if _, ok := newGluedRow("11", Position{1, 1}, "x", refs[:1]); ok {
		t.Error("newGluedRow accepted a row of one cell")
	}
}

func TestResolveGlued(t *testing.T) {
	label := "一、本年新收政府信息公开申请数量"
	t.Run("unique", func(t *testing.T) {
		r := NewReport(E2021)
		g, ok := newGluedRow("８01000081", Position{Line: 7, Column: 20}, label, rowRefs(t, E2021, "t3", "new"))
		if !ok {
			t.Fatal("newGluedRow refused the run")
		}
		resolveGlued(r, []*gluedRow{g}, nil)
		want := []string{"80", "1", "0", "0", "0", "0", "81"}
		cols := []int{20, 22, 23, 24, 25, 26, 27}
		for i, ref := range g.refs {
			c, _ := r.Cell(ref)
			if !c.Equal(MustNum(want[i])) || c.Pos != (Position{7, cols[i]}) {
				t.Errorf("%s = %v at %v, want %s at 7:%d", ref, c, c.Pos, want[i], cols[i])
			}
		}
		if len(r.Warnings) != 1 || !errors.Is(r.Warnings[0], ErrRepaired) || !strings.Contains(r.Warnings[0].Msg, label) {
			t.Errorf("warnings = %v, want one ErrRepaired naming the row", r.Warnings)
		}
		if len(r.Unrecognized) != 0 {
			t.Errorf("Unrecognized = %v, want none", r.Unrecognized)
		}
	})
	t.Run("ambiguous", func(t *testing.T) {
		r := NewReport(E2021)
		g, _ := newGluedRow("110000011", Position{Line: 2, Column: 1}, label, rowRefs(t, E2021, "t3", "new"))
		resolveGlued(r, []*gluedRow{g}, nil)
		// 11 0 0 0 0 0 11 and 1 10 0 0 0 0 11: the cells both give are
		// read, the two that differ stay blank.
		for i, ref := range g.refs {
			want := []string{"", "", "0", "0", "0", "0", "11"}[i]
			if c, _ := r.Cell(ref); corpusValue(c) != want {
				t.Errorf("%s = %v, want %q", ref, c, want)
			}
		}
		if diff := cmp.Diff([]Fragment{{Text: "110000011", Pos: Position{2, 1}}}, r.Unrecognized); diff != "" {
			t.Errorf("Unrecognized mismatch (-want +got):\n%s", diff)
		}
		if len(r.Warnings) != 1 || !errors.Is(r.Warnings[0], ErrAmbiguous) {
			t.Fatalf("warnings = %v, want one ErrAmbiguous", r.Warnings)
		}
		for _, c := range []string{"1 10 0 0 0 0 11", "11 0 0 0 0 0 11"} {
			if !strings.Contains(r.Warnings[0].Msg, c) {
				t.Errorf("warning %q does not list candidate %q", r.Warnings[0].Msg, c)
			}
		}
	})
	t.Run("narrowed by the column balance", func(t *testing.T) {
		// new = ? ; carried_over = 0 ; total = 1 10 0 0 0 0 11 ; carried_forward = 0.
		r := NewReport(E2021)
		setRow(t, r, "t3", "carried_over", "0 0 0 0 0 0 0")
		setRow(t, r, "t3", "total", "1 10 0 0 0 0 11")
		setRow(t, r, "t3", "carried_forward", "0 0 0 0 0 0 0")
		g, _ := newGluedRow("110000011", Position{Line: 2, Column: 1}, label, rowRefs(t, E2021, "t3", "new"))
		resolveGlued(r, []*gluedRow{g}, nil)
		if c := r.Requests.New.NaturalPerson; !c.Equal(IntCell(1)) {
			t.Errorf("t3.new.natural_person = %v, want 1", c)
		}
		if len(r.Warnings) != 1 || !errors.Is(r.Warnings[0], ErrRepaired) {
			t.Errorf("warnings = %v, want one ErrRepaired", r.Warnings)
		}
	})
	t.Run("inconsistent neighbours do not remove every candidate", func(t *testing.T) {
		r := NewReport(E2021)
		setRow(t, r, "t3", "carried_over", "0 0 0 0 0 0 0")
		setRow(t, r, "t3", "total", "5 5 0 0 0 0 10")
		setRow(t, r, "t3", "carried_forward", "0 0 0 0 0 0 0")
		g, _ := newGluedRow("110000011", Position{Line: 2, Column: 1}, label, rowRefs(t, E2021, "t3", "new"))
		resolveGlued(r, []*gluedRow{g}, nil)
		if len(r.Warnings) != 1 || !errors.Is(r.Warnings[0], ErrAmbiguous) {
			t.Errorf("warnings = %v, want one ErrAmbiguous", r.Warnings)
		}
	})
	t.Run("a blank neighbour leaves the balance undecidable", func(t *testing.T) {
		r := NewReport(E2021) // every other cell blank
		g, _ := newGluedRow("110000011", Position{Line: 2, Column: 1}, label, rowRefs(t, E2021, "t3", "new"))
		resolveGlued(r, []*gluedRow{g}, nil)
		if len(r.Warnings) != 1 || !errors.Is(r.Warnings[0], ErrAmbiguous) {
			t.Errorf("warnings = %v, want one ErrAmbiguous", r.Warnings)
		}
	})
}

func setRow(t testing.TB, r *Report, block, row, values string) {
	t.Helper()
	refs := rowRefs(t, E2021, block, row)
	vs := strings.Fields(values)
	if len(vs) != len(refs) {
		t.Fatalf("setRow %s: %d values for %d cells", row, len(vs), len(refs))
	}
	for i, ref := range refs {
		*r.CellPtr(ref) = ParseValue(vs[i])
	}
}

// genT3 draws a table 3 whose arithmetic holds: each row's 总计 is the sum of
// its applicant columns, （七）总计 is the sum of the result rows, and 一 + 二
// = （七） + 四 in every column. Counts are small, as in real reports, with
// an occasional large one.
func genT3(t *rapid.T, e Edition) *Report {
	r := NewReport(e)
	b, _ := schema.LookupBlock(e, "t3")
	count := rapid.OneOf(rapid.IntRange(0, 3), rapid.IntRange(0, 30), rapid.IntRange(0, 2000))
	applicants := b.Columns[:len(b.Columns)-1]
	setRow := func(row string, vals []int64) {
		var total int64
		for i, c := range applicants {
			*r.CellPtr(b.Ref(row, c.Name)) = IntCell(vals[i])
			total += vals[i]
		}
		*r.CellPtr(b.Ref(row, "total")) = IntCell(total)
	}
	draw := func(label string) []int64 {
		vals := make([]int64, len(applicants))
		for i := range vals {
			if rapid.IntRange(0, 3).Draw(t, label+"-zero") > 0 {
				continue // most cells of real reports are 0
			}
			vals[i] = int64(count.Draw(t, label))
		}
		return vals
	}
	totals := make([]int64, len(applicants))
	for _, row := range b.Rows {
		switch row.Name {
		case "new", "carried_over", "total", "carried_forward":
			continue
		}
		vals := draw(row.Name)
		setRow(row.Name, vals)
		for i, v := range vals {
			totals[i] += v
		}
	}
	setRow("total", totals)
	carried := draw("carried_over")
	forward := make([]int64, len(applicants))
	newVals := make([]int64, len(applicants))
	for i := range applicants {
		// new + carried_over = total + carried_forward with all non-negative.
		forward[i] = int64(rapid.IntRange(0, 5).Draw(t, "forward"))
		newVals[i] = totals[i] + forward[i] - carried[i]
		if newVals[i] < 0 {
			forward[i] -= newVals[i]
			newVals[i] = 0
		}
	}
	setRow("carried_over", carried)
	setRow("carried_forward", forward)
	setRow("new", newVals)
	return r
}

// Glue the digits of every row of a generated table 3 together and recover
// them: the original split is always among the candidates of a complete
// enumeration, and whenever recovery claims a unique split it is the
// original.
func TestGlueRecoveryProperty(t *testing.T) {
	var recovered, ambiguous int
	checkAtLeast(t, 1000, func(t *rapid.T) {
		e := rapid.SampledFrom(schema.Editions).Draw(t, "edition")
		orig := genT3(t, e)
		b, _ := schema.LookupBlock(e, "t3")
		// Glue a random subset of rows; the other rows stay known.
		r := NewReport(e)
		for _, rc := range orig.Cells() {
			*r.CellPtr(rc.Ref) = rc.Cell
		}
		var rows []*gluedRow
		for _, row := range b.Rows {
			if !rapid.Bool().Draw(t, "glue-"+row.Name) {
				continue
			}
			refs := rowRefs(t, e, "t3", row.Name)
			var run strings.Builder
			var want []string
			for _, ref := range refs {
				c, _ := orig.Cell(ref)
				run.WriteString(c.Value)
				want = append(want, c.Value)
				*r.CellPtr(ref) = BlankCell()
			}
			g, ok := newGluedRow(run.String(), Position{1, 1}, row.Label, refs)
			if !ok {
				t.Fatalf("row %s: no split of %q found, want %v", row.Name, run.String(), want)
			}
			if g.complete && !slices.ContainsFunc(g.cands, func(c []string) bool { return slices.Equal(c, want) }) {
				t.Fatalf("row %s: candidates %v of %q miss the original %v", row.Name, g.cands, run.String(), want)
			}
			rows = append(rows, g)
		}
		resolveGlued(r, rows, nil)
		for _, g := range rows {
			var got, want []string
			for _, ref := range g.refs {
				c, _ := r.Cell(ref)
				o, _ := orig.Cell(ref)
				got, want = append(got, c.String()), append(want, o.Value)
			}
			// Every cell read is the original; a row left ambiguous keeps
			// blank the cells its splits disagree on.
			for i := range got {
				if got[i] != "" && got[i] != want[i] {
					t.Fatalf("row %s recovered as %v, original %v", g.label, got, want)
				}
			}
			if slices.Contains(got, "") {
				ambiguous++
				continue
			}
			recovered++
		}
	})
	t.Logf("glued rows: %d recovered, %d left ambiguous", recovered, ambiguous)
	if recovered == 0 || ambiguous == 0 {
		t.Errorf("the generator exercised only one outcome (%d recovered, %d ambiguous)", recovered, ambiguous)
	}
}

// Text copied from a web page whose table rows lost their cell boundaries:
// each table-3 row is its label and one run of digits, table 4 one run of
// fifteen. Every row is either recovered exactly (the only split that fits)
// or left blank with its run in Unrecognized and an ErrAmbiguous warning;
// nothing is guessed and nothing is lost.
func TestParseGluedRows(t *testing.T) {
	src, err := os.ReadFile("testdata/html/report2021.html")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := htmltext.ToText(src)
	digits := regexp.MustCompile(`^[0-9]+$`)
	var b strings.Builder
	inT3 := false
	for _, line := range strings.Split(strings.TrimSuffix(string(text), "\n"), "\n") {
		switch {
		case strings.Contains(line, "三、收到和处理"):
			inT3 = true
		case strings.Contains(line, "五、存在的主要问题"):
			inT3 = false
		}
		fields := strings.Split(line, "\t")
		var label, run []string
		for _, f := range fields {
			if digits.MatchString(f) {
				run = append(run, f)
			} else if f != "" {
				label = append(label, f)
			}
		}
		if inT3 && len(run) > 1 {
			// TODO: also without the space, once the parser reads digits
			// glued to a label as a value, not as a local addition to it.
			line = strings.Join(label, "") + " " + strings.Join(run, "")
		}
		b.WriteString(line + "\n")
	}
	r, s, err := (&Parser{}).parse([]byte(b.String()))
	if r == nil {
		t.Fatalf("parse: %v\n%s", err, b.String())
	}
	checkAccounting(t, r, s)
	recovered, ambiguous := 0, 0
	for _, d := range r.Warnings {
		switch {
		case errors.Is(d, ErrRepaired) && strings.Contains(d.Msg, "ran together"):
			recovered++
		case errors.Is(d, ErrAmbiguous) && strings.Contains(d.Msg, "ran together"):
			ambiguous++
		default:
			t.Errorf("unexpected warning: %v", d)
		}
	}
	for _, rc := range want.Cells() {
		got, _ := r.Cell(rc.Ref)
		if got.Kind != Blank && !got.Equal(rc.Cell) {
			t.Errorf("%s = %v, want %v", rc.Ref, got, rc.Cell)
		}
	}
	blanks := 0
	for _, rc := range r.Cells() {
		if rc.Kind == Blank {
			blanks++
		}
	}
	if blanks != 7*ambiguous || len(r.Unrecognized) != ambiguous {
		t.Errorf("%d blank cells and %d unrecognized runs for %d ambiguous rows", blanks, len(r.Unrecognized), ambiguous)
	}
	if recovered < 20 || r.Reviews.Review.Upheld.Value != "1" {
		t.Errorf("recovered %d rows (table 4 review upheld %v); want most rows and table 4", recovered, r.Reviews.Review.Upheld)
	}
	t.Logf("%d rows recovered, %d ambiguous", recovered, ambiguous)
}

// An ambiguous glued row in parsed text: cells blank, the run kept in
// Unrecognized at its position, the candidates in the warning.
func TestParseGluedAmbiguous(t *testing.T) {
	src := "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 110000011\n四、政府信息公开行政复议、行政诉讼情况\n"
	r, s, err := (&Parser{}).parse([]byte(src))
	if r == nil {
		t.Fatalf("parse: %v", err)
	}
	checkAccounting(t, r, s)
	if diff := cmp.Diff([]Fragment{{Text: "110000011", Pos: Position{2, 18}}}, r.Unrecognized); diff != "" {
		t.Errorf("Unrecognized mismatch (-want +got):\n%s", diff)
	}
	// The two splits differ only in 自然人 and 商业企业: those stay blank,
	// the cells both give are read.
	if c := r.Requests.New.NaturalPerson; c.Kind != Blank {
		t.Errorf("t3.new.natural_person = %v, want blank", c)
	}
	if c := r.Requests.New.Total; !c.Equal(MustNum("11")) {
		t.Errorf("t3.new.total = %v, want 11 (every split gives it)", c)
	}
	found := false
	for _, d := range r.Warnings {
		if errors.Is(d, ErrAmbiguous) && strings.Contains(d.Msg, "1 10 0 0 0 0 11") && d.Pos == (Position{2, 18}) {
			found = true
		}
	}
	if !found {
		t.Errorf("no ErrAmbiguous warning at 2:18 listing the candidates in %v", r.Warnings)
	}
}

// A page's textContent: runs of digits with one U+00A0 per blank cell.
func TestSplitGluedBlanks(t *testing.T) {
	t3 := glueRules(rowRefs(t, E2019, "t3", "new"))
	t4 := glueRules(append(append(rowRefs(t, E2019, "t4", "review"), rowRefs(t, E2019, "t4", "suit_direct")...),
		rowRefs(t, E2019, "t4", "suit_after_review")...))
	tests := []struct {
		name   string
		groups []string
		gaps   []int
		n      int
		rules  []sumRule
		want   [][]string
	}{
		// 821 35 &nbsp; &nbsp; 2 1 859: the written total decides the cut.
		{"total decides", []string{"82135", "21859"}, []int{0, 2, 0}, 7, t3,
			[][]string{{"821", "35", "", "", "2", "1", "859"}}},
		{"one cell each", []string{"18", "18"}, []int{0, 5, 0}, 7, t3,
			[][]string{{"18", "", "", "", "", "", "18"}}},
		{"trailing blanks", []string{"31"}, []int{0, 5}, 7, t3,
			[][]string{{"3", "1", "", "", "", "", ""}}},
		{"no leading zero", []string{"102"}, []int{0, 5}, 7, t3,
			[][]string{{"10", "2", "", "", "", "", ""}}},
		// 258 1 &nbsp; &nbsp; 1 1 &nbsp;: the total is blank, nothing decides;
		// every cut is a candidate (the row is then left blank).
		{"blank total: every cut", []string{"2581", "11"}, []int{0, 2, 1}, 7, t3, [][]string{
			{"2", "581", "", "", "1", "1", ""}, {"25", "81", "", "", "1", "1", ""}, {"258", "1", "", "", "1", "1", ""},
			{"2", "5", "81", "", "", "11", ""}, {"2", "58", "1", "", "", "11", ""}, {"25", "8", "1", "", "", "11", ""},
		}},
		{"table 4 as one row", []string{"5", "278", "19"}, []int{0, 2, 2, 5}, 15, t4,
			[][]string{{"5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""}}},
		{"too few digits", []string{"1", "2"}, []int{0, 1, 0}, 7, t3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, complete := splitGluedBlanks(tt.groups, tt.gaps, tt.n, tt.rules)
			if !complete {
				t.Fatal("enumeration gave up")
			}
			byText := func(c [][]string) {
				sort.Slice(c, func(i, j int) bool { return strings.Join(c[i], " ") < strings.Join(c[j], " ") })
			}
			byText(got)
			byText(tt.want)
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("splitGluedBlanks(%q, %v) (-want +got):\n%s", tt.groups, tt.gaps, d)
			}
		})
	}
}

// settleBySums: （七）总计 glued with no cut fitting its own sums is read as
// the result rows' column sums when they are exactly its digits (corpus
// 040), and not otherwise.
func TestSettleBySums(t *testing.T) {
	src, err := os.ReadFile("testdata/seeds/001_a9bda9e5e6ff3691.txt")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := Parse(src)
	b, _ := schema.LookupBlock(r.Editions["t3"], "t3")
	var refs, sums []string
	for _, c := range b.Columns {
		refs = append(refs, b.Ref("total", c.Name))
		cell, _ := r.Cell(b.Ref("total", c.Name))
		sums = append(sums, cell.Value) // the seed's totals are its column sums
	}
	run := strings.Join(sums, "")
	for _, c := range []struct {
		name, text string
		blank      string // a result cell blanked first
		want       bool
	}{
		{"digits are the sums", run, "", true},
		{"one digit other", run[:len(run)-1] + "9", "", false},
		{"a result cell blank", run, b.Ref("granted", b.Columns[0].Name), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, _ := Parse(src)
			if c.blank != "" {
				*r.CellPtr(c.blank) = BlankCell()
			}
			g := &gluedRow{text: c.text, refs: refs, label: "（七）总计"}
			if got := settleBySums(r, g); got != c.want {
				t.Fatalf("settleBySums = %v, want %v", got, c.want)
			}
			if c.want {
				if diff := cmp.Diff([][]string{sums}, g.cands); diff != "" {
					t.Errorf("cut (-want +got):\n%s", diff)
				}
			}
		})
	}
}
