package nianbao

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Tables as pdftotext writes them without -layout (corpus shape pdfraw):
// every cell on a line of its own, a blank line between, and on many pages
// not in the table's order. Values that can be placed are read; values that
// cannot are left out, with a warning, never read into the wrong cells.

// rawDoc is a report whose lines are the given pieces, one a line with a
// blank line between, as pdftotext writes them.
func rawDoc(pieces ...[]string) string {
	var all []string
	for _, p := range pieces {
		all = append(all, p...)
	}
	return strings.Join(all, "\n\n") + "\n"
}

func words(s string) []string { return strings.Fields(s) }

var (
	rawHead     = []string{"一、总体情况", "正文。", "三、收到和处理政府信息公开申请情况"}
	rawT3Header = []string{"申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构",
		"社会公益组织", "法律服务机构", "其他", "总计"}
	rawT4Header = []string{"四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼",
		"未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
	rawTail = []string{"五、存在的主要问题及改进情况", "无。"}
)

// rawCells reads the cells named in want from r, as the corpus manifest
// writes them ("" blank, "<absent>" absent).
func rawCells(r *Report, want map[string]string) map[string]string {
	got := map[string]string{}
	for ref := range want {
		c, _ := r.Cell(ref)
		got[ref] = corpusValue(c)
	}
	return got
}

// ambiguous returns the ErrAmbiguous warnings whose message holds substr.
func ambiguous(r *Report, substr string) []*Diagnostic {
	var out []*Diagnostic
	for _, w := range r.Warnings {
		if errors.Is(w, ErrAmbiguous) && strings.Contains(w.Msg, substr) {
			out = append(out, w)
		}
	}
	return out
}

func parseRaw(t *testing.T, src string) *Report {
	t.Helper()
	r, s, err := parseAccounted(&Parser{}, []byte(src))
	if r == nil {
		t.Fatalf("Parse: %v", err)
	}
	checkAccounting(t, r, s)
	return r
}

func TestPDFRawTable4(t *testing.T) {
	t4 := func(review, direct, after string) map[string]string {
		m := map[string]string{}
		for row, vals := range map[string]string{"review": review, "suit_direct": direct, "suit_after_review": after} {
			for i, c := range []string{"upheld", "corrected", "other", "pending", "total"} {
				m["t4."+row+"."+c] = words(vals)[i]
			}
		}
		return m
	}
	blank := t4("_ _ _ _ _", "_ _ _ _ _", "_ _ _ _ _")
	for k := range blank {
		blank[k] = ""
	}
	cases := []struct {
		name   string
		values []string // table 4 after its header, one piece a line
		want   map[string]string
		warn   int // ErrAmbiguous warnings about table 4's pieces
	}{{
		// The three rows' values in order, the header 总计 before the
		// last row's 总计 (corpus 004, 006): read in order.
		name:   "in order",
		values: append(words("3 1 0 0 4 2 0 1 0 3 1 1 0 0 总计"), "2"),
		want:   t4("3 1 0 0 4", "2 0 1 0 3", "1 1 0 0 2"),
	}, {
		// Real arithmetic errors stay as published when the order is sure.
		name:   "in order, sums wrong",
		values: words("10 1 0 0 0 0 0 0 0 0 5 0 0 0 总计 0"),
		want:   t4("10 1 0 0 0", "0 0 0 0 0", "5 0 0 0 0"),
	}, {
		// Pieces of four, one and five values between labels (corpus 002:
		// 复议 less its 总计, 复议后起诉 less its 总计, 复议's 总计, 直接起诉,
		// 复议后起诉's 总计): no cell can be told.
		name: "scrambled",
		values: append(append(append(words("72 64 178 37 结果 结果 其他 复议后起诉 尚未审结 12 1 1 6 总计 351"),
			words("维持 纠正 结果 审结 13 4 8 1 26")...), "总计"), "20"),
		want: blank,
		warn: 1,
	}, {
		// A blank cell leaves no line: which of 15 cells 14 values fill
		// cannot be told.
		name:   "one missing",
		values: words("3 1 0 4 2 0 1 0 3 1 1 0 0 2"),
		want:   blank,
		warn:   1,
	}, {
		name:   "labels inside a row",
		values: words("3 1 0 0 4 2 0 维持 1 0 3 1 1 0 0 2"),
		want:   blank,
		warn:   1,
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := rawDoc(rawHead, rawT3Header, words("一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1"), rawT4Header, c.values, rawTail)
			r := parseRaw(t, src)
			if diff := cmp.Diff(c.want, rawCells(r, c.want)); diff != "" {
				t.Errorf("table 4 (-want +got):\n%s", diff)
			}
			var ws []*Diagnostic
			for _, w := range ambiguous(r, "one a line") {
				if strings.HasPrefix(w.Msg, "table 4") {
					ws = append(ws, w)
				}
			}
			if len(ws) != c.warn {
				t.Fatalf("got %d warnings about table 4's pieces, want %d: %v", len(ws), c.warn, r.Warnings)
			}
			if c.warn > 0 {
				// At the first value, the line after the header; every
				// value kept.
				header := "尚未审结\n\n总计\n\n"
				if line := offsetLine(src, strings.Index(src, header)+len(header)); ws[0].Pos.Line != line {
					t.Errorf("warning at %s, want line %d: %v", ws[0].Pos, line, ws[0])
				}
				n := 0
				for _, fr := range r.Unrecognized {
					if valueKind(fr.Text) == Number {
						n++
					}
				}
				want := 0
				for _, v := range c.values {
					if valueKind(v) == Number {
						want++
					}
				}
				if n != want {
					t.Errorf("%d values in Unrecognized, want the %d: %v", n, want, r.Unrecognized)
				}
			}
		})
	}
}

// offsetLine is the 1-based line of byte offset off in s.
func offsetLine(s string, off int) int { return strings.Count(s[:off], "\n") + 1 }

// unproven is what the cells of want are when the values they name stand
// out of the table's order in an abridged table: blank. These tables are
// abridged (a few rows of table 3), so the template's arithmetic cannot
// prove the rows that the values after each label make, and out of the
// table's order a label's values may be another row's (orderLost,
// pdfraw.go: a label printed after its values shifts every row by one, and
// the shifted rows still add up). want says what reading them after their
// labels gives; TestColumnMajor and the corpus's pdfraw files (002, 004,
// 006) read whole tables.
func unproven(want map[string]string) map[string]string {
	out := map[string]string{}
	for ref := range want {
		out[ref] = ""
	}
	return out
}

// saysOrderLost reports whether a warning of r says table 3's values are
// not in the table's order, or that a block's lines were lost.
func saysOrderLost(r *Report) bool {
	for _, w := range r.Warnings {
		if strings.Contains(w.Msg, "not in the table's order") || strings.Contains(w.Msg, "blank cells left no line") {
			return true
		}
	}
	return false
}

func TestPDFRawTable3Rows(t *testing.T) {
	cases := []struct {
		name string
		rows []string
		want map[string]string
		warn []string // rows said to be left blank
	}{{
		// 2021 edition. Two rows' values after one label, the second row's
		// label after them (corpus 002): each run of seven adds up, so
		// the first seven are the labelled row's.
		name: "2021, rows in order",
		rows: words("（一）予以公开 3 1 0 0 0 0 4 2 0 0 0 0 0 2 （二）部分公开（区分处理的，只计这一情形，不计其他情形） " +
			"3.其他 0 0 0 0 0 0 0 （七）总计 6 1 0 0 0 0 7 四、结转下年度继续办理 0 0 0 0 0 0 0"),
		want: map[string]string{"t3.granted.natural_person": "3", "t3.granted.commercial": "1", "t3.granted.total": "4",
			"t3.partial.total": "", "t3.other_other.total": "0", "t3.total.total": "7", "t3.carried_forward.total": "0"},
	}, {
		// 2019 edition (the single row （六）其他处理). （七）总计 and the row
		// before it written column by column (corpus 004, 006): read in
		// order the total row would be 6 0 1 0 0 0 0.
		name: "2019, column by column",
		rows: words("（一）予以公开 6 1 0 0 0 0 7 （六）其他处理 （七）总计 0 6 0 1 0 0 0 0 0 0 0 0 0 7 四、结转下年度继续办理 0 0 0 0 0 0 0"),
		want: map[string]string{"t3.granted.total": "7", "t3.other.total": "", "t3.total.natural_person": "",
			"t3.total.commercial": "", "t3.total.total": "", "t3.carried_forward.total": "0"},
		warn: []string{"（七）总计"},
	}, {
		// As corpus 002: the rows between two labelled rows written after
		// the first's values, their labels later. Read as those rows when
		// the runs are as many as the rows between and all add up.
		name: "2021, next rows' values first",
		rows: words("（一）予以公开 3 1 0 0 0 0 4 2 0 0 0 0 0 2 1.属于国家秘密 1 0 0 0 0 0 1 （二）部分公开（区分处理的，只计这一情形，不计其他情形） " +
			"（七）总计 6 1 0 0 0 0 7"),
		want: map[string]string{"t3.granted.total": "4", "t3.partial.natural_person": "2", "t3.partial.total": "2",
			"t3.denied_secret.total": "1", "t3.total.total": "7"},
	}, {
		// 2019 edition: after 4.无正当理由大量反复申请, the two rows up to
		// （七）总计.
		name: "2019, next rows' values first",
		rows: words("4.无正当理由大量反复申请 0 0 0 0 0 0 0 1 0 0 0 0 0 1 2 1 0 0 0 0 3 （七）总计 6 1 0 0 0 0 7 " +
			"5.要求行政机关确认或重新出具已获取信息 （六）其他处理"),
		want: map[string]string{"t3.rejected_excessive.total": "0", "t3.rejected_confirmation.natural_person": "1",
			"t3.rejected_confirmation.total": "1", "t3.other.natural_person": "2", "t3.other.commercial": "1",
			"t3.other.total": "3", "t3.total.total": "7"},
	}, {
		// One of the rows between has no label anywhere: the runs after
		// the first stay unplaced.
		name: "2019, a label missing",
		rows: words("4.无正当理由大量反复申请 0 0 0 0 0 0 0 1 0 0 0 0 0 1 2 1 0 0 0 0 3 （七）总计 6 1 0 0 0 0 7 （六）其他处理"),
		want: map[string]string{"t3.rejected_excessive.total": "0", "t3.rejected_confirmation.total": "",
			"t3.other.total": "", "t3.total.total": "7"},
	}, {
		// More runs than rows between: unplaced.
		name: "2021, too many runs",
		rows: words("（一）予以公开 3 1 0 0 0 0 4 2 0 0 0 0 0 2 1 0 0 0 0 0 1 1.属于国家秘密 1 0 0 0 0 0 1 " +
			"（二）部分公开（区分处理的，只计这一情形，不计其他情形） （七）总计 6 1 0 0 0 0 7"),
		want: map[string]string{"t3.granted.total": "4", "t3.partial.total": "", "t3.denied_secret.total": "1"},
	}, {
		// Fewer values than cells: a blank cell leaves no line, so no
		// row of the table can be trusted with the values after its
		// label, not even a row that got seven (linesLost).
		name: "2019, short row",
		rows: words("（一）予以公开 3 1 4 （六）其他处理 0 0 0 0 0 0 0 （七）总计 6 1 0 0 0 0 7"),
		want: map[string]string{"t3.granted.natural_person": "", "t3.granted.commercial": "", "t3.granted.total": "",
			"t3.other.total": "", "t3.total.total": "", "t3.new.total": ""},
	}, {
		// A number of values that is no multiple of the row's.
		name: "2021, odd count",
		rows: words("（一）予以公开 3 1 0 0 0 0 4 2 0 0 （七）总计 6 1 0 0 0 0 7"),
		want: map[string]string{"t3.granted.natural_person": "", "t3.granted.total": "", "t3.total.total": "7"},
		warn: []string{"（一）予以公开"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := rawDoc(rawHead, rawT3Header, words("一、本年新收政府信息公开申请数量 6 1 0 0 0 0 7"), c.rows, rawTail)
			r := parseRaw(t, src)
			if diff := cmp.Diff(unproven(c.want), rawCells(r, c.want)); diff != "" {
				t.Errorf("table 3 (-want +got):\n%s", diff)
			}
			if !saysOrderLost(r) {
				t.Errorf("no warning says the values are not in the table's order")
			}
			if c.name == "2019, short row" {
				return // linesLost said why, before any row was read
			}
			ws := ambiguous(r, "one a line, for 7 cells")
			var got []string
			for _, w := range ws {
				got = append(got, strings.SplitN(w.Msg, "\"", 3)[1])
				if label := strings.SplitN(w.Msg, "\"", 3)[1]; offsetLine(src, strings.Index(src, label)) != w.Pos.Line {
					t.Errorf("warning at %s, not at the label %s", w.Pos, label)
				}
			}
			if diff := cmp.Diff(c.warn, got); diff != "" {
				t.Errorf("rows left blank (-want +got):\n%s", diff)
			}
		})
	}
}

// Table 3 as pdftotext wrote corpus 004 and 006 (2019 edition): row 一's
// values before any row label, （七）总计's mixed column by column with
// （六）其他处理's, the page's row labels after the values.
func TestPDFRawTable3BeforeLabels(t *testing.T) {
	const (
		newRow  = "6 1 0 0 0 0 7"
		balance = "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1 （一）予以公开 7 1 0 0 0 0 8 " +
			"（七）总计 0 7 0 1 0 0 0 0 0 0 0 0 0 8 " // （六） 0 0 0 0 0 0 0 and （七） 7 1 0 0 0 0 8, column by column
		labels = "一、本年新收政府信息公开申请数量 （六）其他处理"
	)
	cases := []struct {
		name    string
		rows    string
		want    map[string]string
		edition string
		warn    []string // what the ErrRepaired/ErrAmbiguous warnings of this file say, in part
	}{{
		name: "read",
		rows: newRow + " " + balance + "四、结转下年度继续办理 0 0 0 0 0 0 0 " + labels,
		want: map[string]string{"t3.new.natural_person": "6", "t3.new.total": "7", "t3.carried_over.total": "1",
			"t3.granted.total": "8", "t3.other.total": "", "t3.total.natural_person": "7", "t3.total.commercial": "1",
			"t3.total.total": "8", "t3.carried_forward.total": "0"},
		edition: "2019",
		warn:    []string{"are read as row \"一、本年新收政府信息公开申请数量\"", "read as 2 rows written column by column", "not in the table's order"},
	}, {
		// 一 + 二 = 总计 + 四 fails for every way to read 总计: blank.
		name: "unbalanced",
		rows: newRow + " " + balance + "四、结转下年度继续办理 1 0 0 0 0 0 1 " + labels,
		want: map[string]string{"t3.new.total": "7", "t3.total.natural_person": "", "t3.total.total": "",
			"t3.carried_forward.total": "1"},
		edition: "2019",
		warn:    []string{"are read as row \"一、本年新收政府信息公开申请数量\"", "do not read as rows that add up", "not in the table's order"},
	}, {
		// The values before the first label are followed by row （一）, not
		// 二: whose they are cannot be told.
		name: "not before 二",
		rows: newRow + " （一）予以公开 7 1 0 0 0 0 8 （六）其他处理 0 0 0 0 0 0 0 （七）总计 7 1 0 0 0 0 8 " +
			"一、本年新收政府信息公开申请数量",
		want:    map[string]string{"t3.new.total": "", "t3.granted.total": "8", "t3.total.total": "8"},
		edition: "2019",
		warn:    []string{"a value outside any table row: \"6\"", "not in the table's order"},
	}, {
		// Row 一's label never seen.
		name:    "no label 一",
		rows:    newRow + " " + balance + "四、结转下年度继续办理 0 0 0 0 0 0 0 （六）其他处理",
		want:    map[string]string{"t3.new.total": "", "t3.total.total": ""},
		edition: "2019",
		warn:    []string{"a value outside any table row: \"6\"", "do not read as rows that add up", "not in the table's order"},
	}, {
		// Row 一's values do not add up.
		name:    "一 does not add up",
		rows:    "6 1 0 0 0 0 8 " + balance + "四、结转下年度继续办理 0 0 0 0 0 0 0 " + labels,
		want:    map[string]string{"t3.new.total": "", "t3.total.total": ""},
		edition: "2019",
		warn:    []string{"a value outside any table row: \"6\"", "do not read as rows that add up", "not in the table's order"},
	}, {
		// 2021 edition: the three rows under （六） seen, （七）总计 in order.
		name: "2021",
		rows: newRow + " 二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1 （七）总计 7 1 0 0 0 0 8 四、结转下年度继续办理 0 0 0 0 0 0 0 " +
			"一、本年新收政府信息公开申请数量 （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 " +
			"0 0 0 0 0 0 0 3.其他 0 0 0 0 0 0 0",
		want:    map[string]string{"t3.new.total": "7", "t3.total.total": "8", "t3.other_other.total": "0"},
		edition: "2021",
		warn:    []string{"are read as row \"一、本年新收政府信息公开申请数量\"", "not in the table's order"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := rawDoc(rawHead, rawT3Header, words(c.rows), rawTail)
			r := parseRaw(t, src)
			if diff := cmp.Diff(unproven(c.want), rawCells(r, c.want)); diff != "" {
				t.Errorf("table 3 (-want +got):\n%s", diff)
			}
			if !saysOrderLost(r) {
				t.Errorf("no warning says the values are not in the table's order")
			}
			if got := string(r.Editions["t3"]); got != c.edition {
				t.Errorf("table 3 edition %s, want %s", got, c.edition)
			}
			// The warnings about placing values, one for all the values
			// outside any row (the first of them).
			var msgs []string
			outside := false
			for _, w := range r.Warnings {
				switch {
				case strings.Contains(w.Msg, "outside any"):
					if !outside {
						msgs = append(msgs, w.Msg)
					}
					outside = true
				case strings.Contains(w.Msg, "one a line") || strings.Contains(w.Msg, "first row label"):
					msgs = append(msgs, w.Msg)
				}
			}
			if len(msgs) != len(c.warn) {
				t.Fatalf("warnings %q, want %d: %q", msgs, len(c.warn), c.warn)
			}
			for _, w := range c.warn {
				found := false
				for _, m := range msgs {
					found = found || strings.Contains(m, w)
				}
				if !found {
					t.Errorf("no warning says %q: %q", w, msgs)
				}
			}
		})
	}
}

// rowAddsUp: 总计 is the last value, or the one before a subtotal column after it.
func TestRowAddsUp(t *testing.T) {
	tok := func(ss ...string) []token {
		var out []token
		for _, s := range ss {
			out = append(out, token{kind: tkValue, text: s})
		}
		return out
	}
	for _, c := range []struct {
		vals []string
		skip int
		want bool
	}{
		{[]string{"1", "2", "3"}, -1, true},
		{[]string{"1", "2", "4"}, -1, false},
		{[]string{"1", "9", "2", "3"}, 1, true},
		{[]string{"1", "2", "3", "9"}, 3, true},
		{[]string{"1", "2", "4", "9"}, 3, false},
		{[]string{"x", "2", "2"}, -1, false},
		{[]string{"0"}, -1, false},
	} {
		if got := rowAddsUp(tok(c.vals...), c.skip); got != c.want {
			t.Errorf("rowAddsUp(%v, %d) = %v, want %v", c.vals, c.skip, got, c.want)
		}
	}
}

// TestPDFRawNeverWrong compares, cell by cell, each pdfraw file of the
// corpus with the pdflayout text of the same PDF (read right, TestCorpus):
// a number read from the pdfraw text is the number the layout text has.
// Cells the pdfraw text leaves blank are counted, not failed.
func TestPDFRawNeverWrong(t *testing.T) {
	pairs := [][2]string{
		{"001_huaian_szf_2024_pdflayout.txt", "002_huaian_szf_2024_pdfraw.txt"},
		{"003_hongze_qzf_2023_pdflayout.txt", "004_hongze_qzf_2023_pdfraw.txt"},
		{"005_hongze_qzf_2024_pdflayout.txt", "006_hongze_qzf_2024_pdfraw.txt"},
	}
	for _, p := range pairs {
		t.Run(p[1], func(t *testing.T) {
			var rs [2]*Report
			for i, f := range p {
				src, err := os.ReadFile(filepath.Join(corpusDir, f))
				if err != nil {
					t.Fatal(err)
				}
				if rs[i], err = Parse(src); rs[i] == nil {
					t.Fatalf("Parse(%s): %v", f, err)
				}
			}
			right, blank := 0, 0
			for _, rc := range rs[1].Cells() {
				want, _ := rs[0].Cell(rc.Ref)
				switch {
				case rc.Kind != Number:
					if want.Kind == Number {
						blank++
					}
				case !rc.Equal(want):
					t.Errorf("%s = %s, want %s (as in %s)", rc.Ref, corpusValue(rc.Cell), corpusValue(want), p[0])
				default:
					right++
				}
			}
			t.Logf("%d numbers as in %s, %d cells left blank", right, p[0], blank)
		})
	}
}

// TestPDFRawLinesLost: LibreOffice's PDF of tables with blank cells, read
// by pdftotext without options (testdata/lopdf/*.pdfdefault.txt) and with
// -raw (*.pdfraw.txt). Without options the cells come one a line in the
// PDF's reading order and a blank cell leaves no line: row （二）部分公开
// got seven values that were not its own (its own are 1 0 _ _ _ _ 1).
// With -raw a row's values stand one space apart, so rows whose labels are
// as long line up by chance; positions there prove nothing.
func TestPDFRawLinesLost(t *testing.T) {
	cases := []struct {
		name, src string
		blank     []string // cells that must stay blank
		warn      string
	}{{
		name: "table 3 one a line, lines lost",
		src: rawDoc(rawHead, rawT3Header, words("一、本年新收政府信息公开申请数量 4 0 二、上年结转政府信息公开申请数量 0 0 "+
			"三、本年度办理结果 1 0 0 0 0 0 0 0 0 0 （一）予以公开 （二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 4 0 0 1 1 "+
			"（七）总计 4 0 0 0 0 0 4 四、结转下年度继续办理 0 0 0 0 0 0 0"), rawTail),
		blank: []string{"t3.partial.natural_person", "t3.partial.research", "t3.partial.total", "t3.total.total",
			"t3.carried_forward.total"},
		warn: "blank cells left no line",
	}, {
		name: "table 2 one a line, lines lost",
		src: rawDoc(words("一、总体情况 正文。 二、主动公开政府信息情况 第二十条第（一）项 信息内容 规章"),
			[]string{"本年制发件数 本年废止件数 现行有效件数"}, words("0 行政规范性文件 0 0 0 0"), rawTail),
		blank: []string{"t2.regulations.issued", "t2.normative_docs.issued", "t2.normative_docs.repealed",
			"t2.normative_docs.in_force"},
		warn: "blank cells left no line",
	}, {
		name: "pdftotext -raw, one space apart",
		src: strings.Join([]string{"一、总体情况", "正文。", "三、收到和处理政府信息公开申请情况",
			"申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计",
			"6.属于四类过程性信息 0 0 0 0 0 0",
			"7.属于行政执法案卷 0 0 0 0",
			"8.属于行政查询事项 0 0 0 0 0 0 0",
			"五、存在的主要问题及改进情况", "无。"}, "\n") + "\n",
		blank: []string{"t3.denied_enforcement.natural_person", "t3.denied_enforcement.legal_services",
			"t3.denied_process.natural_person", "t3.denied_process.total"},
		warn: "their positions do not tell",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := parseRaw(t, c.src)
			for _, ref := range c.blank {
				if v, _ := r.Cell(ref); v.Kind != Blank {
					t.Errorf("%s = %q, want blank", ref, v.Value)
				}
			}
			if len(ambiguous(r, c.warn)) == 0 {
				t.Errorf("no warning says %q", c.warn)
			}
		})
	}
	// The same -raw rows laid out in columns (two or more spaces apart) are
	// placed by position.
	laid := strings.Join([]string{"一、总体情况", "正文。", "三、收到和处理政府信息公开申请情况",
		"申请人情况             自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计",
		"7.属于行政执法案卷          0                   0                         0     0",
		"8.属于行政查询事项          0        0          0         0          0    0     0",
		"五、存在的主要问题及改进情况", "无。"}, "\n") + "\n"
	r := parseRaw(t, laid)
	for ref, want := range map[string]string{"t3.denied_enforcement.natural_person": "0",
		"t3.denied_enforcement.commercial": "", "t3.denied_enforcement.research": "0",
		"t3.denied_enforcement.legal_services": "", "t3.denied_enforcement.other": "0", "t3.denied_enforcement.total": "0"} {
		if v, _ := r.Cell(ref); corpusValue(v) != want {
			t.Errorf("laid out: %s = %q, want %q", ref, corpusValue(v), want)
		}
	}
}

// A block of table 2 with one cell takes the one value that stands outside
// any row between its caption and the next block's (corpus 004: 550 before
// its label 行政许可; 006: 9487 after a page number and the column header
// that follow the label); never two values, never a value of another
// block's text.
func TestPDFRawOneCellBlock(t *testing.T) {
	head := []string{"一、总体情况", "正文。", "二、主动公开政府信息情况",
		"第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "0",
		"行政规范性文件", "0", "5", "5"}
	six := words("第二十条第（六）项 信息内容 本年处理决定数量 行政处罚 4119 行政强制 195")
	cases := []struct {
		name string
		five []string
		want string
	}{
		{"value before the label", words("第二十条第（五）项 信息内容 本年处理决定数量 550 行政许可"), "550"},
		{"value after the header, past a page number", words("第二十条第（五）项 信息内容 行政许可 -2- 本年处理决定数量 9487"), "9487"},
		{"two values", words("第二十条第（五）项 信息内容 本年处理决定数量 550 12 行政许可"), ""},
		{"no row label", words("第二十条第（五）项 信息内容 本年处理决定数量 550"), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := rawDoc(head, c.five, six, []string{"三、收到和处理政府信息公开申请情况", "无。"}, rawTail)
			r := parseRaw(t, src)
			want := map[string]string{"t2.licensing.decisions": c.want, "t2.penalty.decisions": "4119",
				"t2.coercion.decisions": "195", "t2.normative_docs.in_force": "5"}
			if diff := cmp.Diff(want, rawCells(r, want)); diff != "" {
				t.Errorf("table 2 (-want +got):\n%s", diff)
			}
		})
	}
}

// Table 4 out of order (corpus 002): a row the report's text states in
// full ("行政复议351件，其中结果维持72件，…") is read from the one run of
// values that is those counts; the rows the text does not state stay
// blank, and so does a stated row whose counts the table holds twice.
func TestPDFRawTable4ByProse(t *testing.T) {
	values := append(append(append(words("72 64 178 37 结果 结果 其他 复议后起诉 尚未审结 12 1 1 6 总计 351"),
		words("维持 纠正 结果 审结 13 4 8 1 26")...), "总计"), "20")
	const said = "政府信息公开行政复议 351件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件。"
	cases := []struct {
		name, prose string
		values      []string
		want        map[string]string
	}{
		{"stated", said, values, map[string]string{"t4.review.upheld": "72", "t4.review.pending": "37",
			"t4.review.total": "351", "t4.suit_direct.upheld": "", "t4.suit_after_review.total": ""}},
		{"not stated", "全年无特殊情况。", values, map[string]string{"t4.review.upheld": "", "t4.review.total": ""}},
		{"stated counts held twice", "行政复议 5件，其中结果维持 1 件，结果纠正 1 件，其他结果 1 件，尚未审结 2 件。",
			words("1 1 1 2 结果 复议后起诉 1 1 1 2 总计 5 维持 纠正 0 0 0 0 0 总计 5"),
			map[string]string{"t4.review.upheld": "", "t4.review.total": ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			head := []string{"一、总体情况", c.prose, "三、收到和处理政府信息公开申请情况"}
			src := rawDoc(head, rawT3Header, words("一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1"), rawT4Header, c.values, rawTail)
			r := parseRaw(t, src)
			if diff := cmp.Diff(c.want, rawCells(r, c.want)); diff != "" {
				t.Errorf("table 4 (-want +got):\n%s", diff)
			}
		})
	}
}
