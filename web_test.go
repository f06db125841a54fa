package nianbao

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Real published report pages (testdata/web, sources in testdata/README.md).
// Every expected value below was read by hand from the page itself, never
// from the parser's output: a blank cell is one the page leaves empty
// (&nbsp;), not 0.

// webGolden is what a page holds.
type webGolden struct {
	title, agency string
	year          int
	editions      map[string]string
	// cells lists every cell the report has: "t3.new: 821 35 _ _ 2 1 859"
	// gives a row's cells in the block's column order, "t2.fees.change: 0"
	// one cell. _ is a blank cell, / not applicable, «…» text.
	cells []string
	// pos spot-checks where cells are in the source: line and rune column
	// of the value's first character.
	pos map[string]Position
}

var t3Cols = []string{"natural_person", "commercial", "research", "public_interest", "legal_services", "other", "total"}
var t4Cols = []string{"upheld", "corrected", "other", "pending", "total"}

// webWant expands a golden's cell lines into ref → value.
func webWant(t *testing.T, lines []string) map[string]string {
	t.Helper()
	want := map[string]string{}
	for _, l := range lines {
		key, vals, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("bad golden line %q", l)
		}
		fs := strings.Fields(vals)
		var refs []string
		switch {
		case strings.Count(key, ".") == 2:
			refs = []string{key}
		case strings.HasPrefix(key, "t3."):
			for _, c := range t3Cols {
				refs = append(refs, key+"."+c)
			}
		case strings.HasPrefix(key, "t4."):
			for _, c := range t4Cols {
				refs = append(refs, key+"."+c)
			}
		}
		if len(refs) != len(fs) {
			t.Fatalf("golden line %q: %d values for %d cells", l, len(fs), len(refs))
		}
		for i, ref := range refs {
			v := fs[i]
			switch {
			case v == "_":
				v = ""
			case strings.HasPrefix(v, "«"):
				v = "text:" + strings.TrimSuffix(strings.TrimPrefix(v, "«"), "»")
			}
			want[ref] = v
		}
	}
	return want
}

// webGot renders every cell of r the way webWant writes them.
func webGot(r *Report) map[string]string {
	got := map[string]string{}
	for _, rc := range r.Cells() {
		switch rc.Kind {
		case Blank:
			got[rc.Ref] = ""
		case NotApplicable:
			got[rc.Ref] = "/"
		case Text:
			got[rc.Ref] = "text:" + rc.Value
		default:
			got[rc.Ref] = rc.Value
		}
	}
	return got
}

func checkWebReport(t *testing.T, src []byte, g webGolden) *Report {
	t.Helper()
	r, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	type meta struct {
		Title, Agency string
		Year          int
	}
	if d := cmp.Diff(meta{g.title, g.agency, g.year}, meta{r.Title, r.Agency, r.Year}); d != "" {
		t.Errorf("metadata (-want +got):\n%s", d)
	}
	gotEd := map[string]string{}
	for id, e := range r.Editions {
		gotEd[id] = string(e)
	}
	if d := cmp.Diff(g.editions, gotEd); d != "" {
		t.Errorf("editions (-want +got):\n%s", d)
	}
	if d := cmp.Diff(webWant(t, g.cells), webGot(r)); d != "" {
		t.Errorf("cells (-want +got):\n%s", d)
	}
	for ref, want := range g.pos {
		c, ok := r.Cell(ref)
		if !ok {
			t.Errorf("%s: no such cell", ref)
			continue
		}
		if c.Pos != want {
			t.Errorf("%s at %v, want %v", ref, c.Pos, want)
		}
	}
	return r
}

var ed2019 = map[string]string{"t2.1": "2019", "t2.5": "2019", "t2.6": "2019", "t2.8": "2019", "t2.9": "2019", "t3": "2019", "t4": "2019"}

// shanghaiBGT2019 is 2019年上海市人民政府办公厅政府信息公开工作年度报告:
// 2019 layout, rowspan and colspan in all three tables, most cells blank
// (&nbsp;) rather than 0, (一)予以公开 with a blank 总计, a 采购总金额 written
// "251000元".
var shanghaiBGT2019 = webGolden{
	title:    "2019年上海市人民政府办公厅政府信息公开工作年度报告",
	agency:   "上海市人民政府办公厅",
	year:     2019,
	editions: ed2019,
	cells: []string{
		"t2.regulations.new_made: 13", "t2.regulations.new_published: 13", "t2.regulations.published_total: 524",
		"t2.normative_docs.new_made: 60", "t2.normative_docs.new_published: 60", "t2.normative_docs.published_total: 368",
		"t2.licensing.prev_items: 0", "t2.licensing.change: 0", "t2.licensing.decisions: 0",
		"t2.other_services.prev_items: 0", "t2.other_services.change: 0", "t2.other_services.decisions: 0",
		"t2.penalty.prev_items: 0", "t2.penalty.change: 0", "t2.penalty.decisions: 0",
		"t2.coercion.prev_items: 0", "t2.coercion.change: 0", "t2.coercion.decisions: 0",
		"t2.fees.prev_items: 0", "t2.fees.change: 0",
		"t2.procurement.items: 6", "t2.procurement.amount: «251000元»",
		"t3.new: 821 35 _ _ 2 1 859",
		"t3.carried_over: 18 _ _ _ _ _ 18",
		"t3.granted: 258 12 _ _ 1 1 _",
		"t3.partial: 3 _ _ _ _ _ _",
		"t3.denied_secret: 14 _ _ _ _ _ _",
		"t3.denied_law: _ _ _ _ _ _ _",
		"t3.denied_safety: _ _ _ _ _ _ _",
		"t3.denied_third_party: _ _ _ _ _ _ _",
		"t3.denied_internal: 5 _ _ _ _ _ _",
		"t3.denied_process: 3 1 _ _ _ _ _",
		"t3.denied_enforcement: _ _ _ _ _ _ _",
		"t3.denied_query: 10 2 _ _ _ _ _",
		"t3.unavailable_not_held: 252 12 _ _ 1 _ _",
		"t3.unavailable_needs_creation: 44 3 _ _ _ _ _",
		"t3.unavailable_unclear: 25 _ _ _ _ _ _",
		"t3.rejected_petition: 148 1 _ _ _ _ _",
		"t3.rejected_repeat: 5 4 _ _ _ _ _",
		"t3.rejected_publication: _ _ _ _ _ _ _",
		"t3.rejected_excessive: _ _ _ _ _ _ _",
		"t3.rejected_confirmation: _ _ _ _ _ _ _",
		"t3.other: _ _ _ _ _ _ _",
		"t3.total: 767 35 _ _ 2 1 805",
		"t3.carried_forward: 72 _ _ _ _ _ 72",
		"t4.review: 5 _ _ 2 7",
		"t4.suit_direct: 8 _ _ 1 9",
		"t4.suit_after_review: _ _ _ _ _",
	},
	// The page is one line; columns counted in runes from its start.
	pos: map[string]Position{
		"t2.regulations.published_total": {1, 5340},
		"t3.new.total":                   {1, 10285},
		"t3.granted.natural_person":      {1, 11118},
		"t3.total.total":                 {1, 22812},
		"t4.suit_direct.total":           {1, 24776},
	},
}

var ed2021 = map[string]string{"t2.1": "2021", "t2.5": "2021", "t2.6": "2021", "t2.8": "2021", "t3": "2021", "t4": "2021"}

// pingtanGWH2025 is 平潭综合实验区2025年度政府信息公开工作年度报告 (the article
// body of the page): 2021 layout, rowspan and colspan, header and row labels
// split over several <p> with runs of &nbsp; ("公益 &nbsp; …", "三、本</p><p>年度办…"),
// <br/> inside header cells, a few cells styled apart; no title in the body,
// the agency named by the first sentence of section 1.
var pingtanGWH2025 = webGolden{
	agency:   "平潭综合实验区",
	year:     2025,
	editions: ed2021,
	cells: []string{
		"t2.regulations.issued: 0", "t2.regulations.repealed: 0", "t2.regulations.in_force: 0",
		"t2.normative_docs.issued: 58", "t2.normative_docs.repealed: 45", "t2.normative_docs.in_force: 546",
		"t2.licensing.decisions: 2418", "t2.penalty.decisions: 644", "t2.coercion.decisions: 64",
		"t2.fees.amount: 4166.241619",
		"t3.new: 151 3 0 0 0 0 154",
		"t3.carried_over: 0 0 0 0 0 0 0",
		"t3.granted: 33 0 0 0 0 0 33",
		"t3.partial: 38 0 0 0 0 0 38",
		"t3.denied_secret: 0 0 0 0 0 0 0",
		"t3.denied_law: 0 0 0 0 0 0 0",
		"t3.denied_safety: 0 0 0 0 0 0 0",
		"t3.denied_third_party: 0 0 0 0 0 0 0",
		"t3.denied_internal: 3 0 0 0 0 0 3",
		"t3.denied_process: 2 0 0 0 0 0 2",
		"t3.denied_enforcement: 3 0 0 0 0 0 3",
		"t3.denied_query: 3 0 0 0 0 0 3",
		"t3.unavailable_not_held: 49 1 0 0 0 0 50",
		"t3.unavailable_needs_creation: 3 0 0 0 0 0 3",
		"t3.unavailable_unclear: 0 0 0 0 0 0 0",
		"t3.rejected_petition: 2 0 0 0 0 0 2",
		"t3.rejected_repeat: 0 0 0 0 0 0 0",
		"t3.rejected_publication: 0 0 0 0 0 0 0",
		"t3.rejected_excessive: 0 0 0 0 0 0 0",
		"t3.rejected_confirmation: 0 0 0 0 0 0 0",
		"t3.other_no_correction: 8 0 0 0 0 0 8",
		"t3.other_unpaid_fee: 2 0 0 0 0 0 2",
		"t3.other_other: 1 0 0 0 0 0 1",
		"t3.total: 147 1 0 0 0 0 148",
		"t3.carried_forward: 4 2 0 0 0 0 6",
		"t4.review: 25 3 8 0 36",
		"t4.suit_direct: 3 3 0 0 6",
		"t4.suit_after_review: 3 0 0 0 3",
	},
	pos: map[string]Position{
		"t2.fees.amount":  {1, 9722},
		"t3.new.total":    {1, 14106},
		"t3.total.total":  {1, 51331},
		"t4.review.total": {1, 58215},
	},
}

func readWeb(t *testing.T, name string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata/web", name))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestWebPages(t *testing.T) {
	tests := []struct {
		file string
		g    webGolden
	}{
		{"shanghai_bgt_2019.html", shanghaiBGT2019},
		// Not as published: the same bytes re-encoded to GBK by us (no real
		// GBK report page could be found, testdata/README.md); no charset is
		// declared, so the encoding is told from the bytes. Rune columns, and
		// so the positions, are those of the UTF-8 page.
		{"shanghai_bgt_2019_gbk_converted.html", shanghaiBGT2019},
		{"pingtan_gwh_2025_body.html", pingtanGWH2025},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			checkWebReport(t, readWeb(t, tt.file), tt.g)
		})
	}
}

// pingtanGWH2019 is 平潭综合实验区2019年度政府信息公开工作年度报告 as its
// page's crawler text holds it (testdata/corpus/007): table 2 checked on the
// page's HTML (the stored page.html, testdata/README.md), tables 3 and 4 read
// from the text, each row's digits cut as its 总计 allows.
var pingtanGWH2019 = webGolden{
	agency:   "平潭综合实验区",
	year:     2019,
	editions: ed2019,
	cells: []string{
		"t2.regulations.new_made: 0", "t2.regulations.new_published: 0", "t2.regulations.published_total: 0",
		"t2.normative_docs.new_made: 89", "t2.normative_docs.new_published: 89", "t2.normative_docs.published_total: 89",
		"t2.licensing.prev_items: 396", "t2.licensing.change: 0", "t2.licensing.decisions: 181",
		"t2.other_services.prev_items: 10", "t2.other_services.change: 0", "t2.other_services.decisions: 153",
		"t2.penalty.prev_items: 2648", "t2.penalty.change: 0", "t2.penalty.decisions: 430",
		"t2.coercion.prev_items: 126", "t2.coercion.change: 0", "t2.coercion.decisions: 25",
		"t2.fees.prev_items: 35", "t2.fees.change: 0",
		"t2.procurement.items: 135", "t2.procurement.amount: «75394432.52元»",
		"t3.new: 23 0 0 0 0 0 23",
		"t3.carried_over: 0 0 0 0 0 0 0",
		"t3.granted: 7 0 0 0 0 0 7",
		"t3.partial: 1 0 0 0 0 0 1",
		"t3.denied_secret: 0 0 0 0 0 0 0",
		"t3.denied_law: 0 0 0 0 0 0 0",
		"t3.denied_safety: 0 0 0 0 0 0 0",
		"t3.denied_third_party: 0 0 0 0 0 0 0",
		"t3.denied_internal: 0 0 0 0 0 0 0",
		"t3.denied_process: 0 0 0 0 0 0 0",
		"t3.denied_enforcement: 0 0 0 0 0 0 0",
		"t3.denied_query: 0 0 0 0 0 0 0",
		"t3.unavailable_not_held: 7 0 0 0 0 0 7",
		"t3.unavailable_needs_creation: 0 0 0 0 0 0 0",
		"t3.unavailable_unclear: 5 0 0 0 0 0 5",
		"t3.rejected_petition: 0 0 0 0 0 0 0",
		"t3.rejected_repeat: 3 0 0 0 0 0 3",
		"t3.rejected_publication: 0 0 0 0 0 0 0",
		"t3.rejected_excessive: 0 0 0 0 0 0 0",
		"t3.rejected_confirmation: 0 0 0 0 0 0 0",
		"t3.other: 0 0 0 0 0 0 0",
		"t3.total: 23 0 0 0 0 0 23",
		"t3.carried_forward: 0 0 0 0 0 0 0",
		"t4.review: 0 0 0 0 0",
		"t4.suit_direct: 0 0 0 0 0",
		"t4.suit_after_review: 0 0 0 0 0",
	},
}

// Text copied from the pages: the visible text with the table structure
// gone, cells run together. Where the digits of a row can be cut in several
// ways that fit its sums, the row's cells may be lost — left blank (or, for
// a cell that is text, kept as text) with a warning on that row — but a cell
// is never a wrong number. lost lists those rows ("t2.regulations"); every
// other cell must be read exactly. The title is not compared: in these texts
// it runs on into the next line's text.
func TestWebText(t *testing.T) {
	tests := []struct {
		file string // under testdata/
		g    webGolden
		lost []string
	}{
		// Generated by us from shanghai_bgt_2019.html: its DOM textContent
		// (every text node joined, &nbsp; as U+00A0; testdata/README.md).
		{"web/shanghai_bgt_2019_textcontent.txt", shanghaiBGT2019, []string{
			"t2.regulations", "t2.normative_docs", "t2.procurement", // no sums in 2019 table 2
			"t3.granted",                    // 25812  11 : 总计 blank, ten cuts
			"t3.unavailable_not_held",       // 25212  1  : 总计 blank
			"t3.unavailable_needs_creation", // 443 : 44 3 or 4 43
			"t3.rejected_petition",          // 1481: 148 1, 14 81 or 1 481
		}},
		// The crawler's text of the page pingtan_gwh_2025_body.html comes
		// from (the same report): testdata/corpus/013, kept there.
		{"corpus/013_pingtan_gwh_2025_webflat.txt", pingtanGWH2025, []string{
			"t2.normative_docs", // 5845546: no sums in 2021 table 2
		}},
		// The crawler's text of the 2019 page (2019 layout), also kept in
		// the corpus.
		{"corpus/007_pingtan_gwh_2019_webflat.txt", pingtanGWH2019, []string{
			"t2.normative_docs", "t2.licensing", "t2.other_services", "t2.penalty", "t2.coercion", "t2.fees", "t2.procurement",
		}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parse(src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			type meta struct {
				Agency string
				Year   int
			}
			if d := cmp.Diff(meta{tt.g.agency, tt.g.year}, meta{r.Agency, r.Year}); d != "" {
				t.Errorf("metadata (-want +got):\n%s", d)
			}
			gotEd := map[string]string{}
			for id, e := range r.Editions {
				gotEd[id] = string(e)
			}
			if d := cmp.Diff(tt.g.editions, gotEd); d != "" {
				t.Errorf("editions (-want +got):\n%s", d)
			}
			rowOf := func(ref string) string { return ref[:strings.LastIndexByte(ref, '.')] }
			warned := map[string]bool{}
			for _, w := range r.Warnings {
				if w.Ref != "" && strings.Count(w.Ref, ".") == 2 {
					warned[rowOf(w.Ref)] = true
				}
			}
			want, got := webWant(t, tt.g.cells), webGot(r)
			isLost := map[string]bool{}
			for _, row := range tt.lost {
				isLost[row] = true
				if !warned[row] {
					t.Errorf("row %s: no warning says its cells were lost", row)
				}
			}
			for ref := range want {
				g, ok := got[ref]
				if isLost[rowOf(ref)] && ok && (g == "" || strings.HasPrefix(g, "text:")) {
					want[ref] = g // lost: blank or text, never a number
				}
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("cells (-want +got):\n%s", d)
			}
		})
	}
}
