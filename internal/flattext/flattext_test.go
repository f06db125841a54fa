package flattext

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/nianbao/internal/chars"
)

// The front end is tested end to end in the root package (flattext_test.go,
// glue_fields_test.go: the lines made of flattened pages, their positions,
// the reports parsed from them); these are tests of its parts.

// The space runs of a flat line are skipped rune by rune: a multi-byte
// space (U+3000, U+00A0) is skipped whole, and a CJK character whose last
// byte is 0xA0 (丠, E4 B8 A0) is no space.
func TestSkipRunes(t *testing.T) {
	l := "12\u3000\u00a0 四丠\u00a0"
	if got, want := skipRunes(l, 2, len(l), chars.IsInlineSpace), len("12\u3000\u00a0 "); got != want {
		t.Errorf("skipRunes forward = %d, want %d", got, want)
	}
	if got, want := skipRunes(l, 2, len(l), chars.IsBreakingSpace), len("12\u3000"); got != want {
		t.Errorf("skipRunes over row space = %d, want %d (U+00A0 is no row space)", got, want)
	}
	end := len("12\u3000\u00a0 四丠")
	if got := skipRunesBack(l, 0, end, chars.IsInlineSpace); got != end {
		t.Errorf("skipRunesBack before 丠 = %d, want %d (its last byte 0xA0 is no space)", got, end)
	}
	at := len("12\u3000\u00a0 ")
	if got := skipRunesBack(l, 0, at, chars.IsInlineSpace); got != 2 {
		t.Errorf("skipRunesBack before 四 = %d, want 2", got)
	}
	// A year after a row's digits, with an ideographic space among them.
	row := "四、结转下年度继续办理2\u3000000002" + "2025年，我局"
	d := strings.Index(row, "2")
	if got, want := yearAfterRun(row, d), strings.Index(row, "2025年"); got != want {
		t.Errorf("yearAfterRun = %d, want %d", got, want)
	}
}

// TestWordScan checks wordScan against a loop of strings.Index per word, on
// random text over a small alphabet (with invalid UTF-8) and the flat-line
// vocabulary.
func TestWordScan(t *testing.T) {
	indexLoop := func(words []string, s string) []wordAt {
		var out []wordAt
		for k, w := range words {
			for off := 0; ; {
				i := strings.Index(s[off:], w)
				if i < 0 {
					break
				}
				out = append(out, wordAt{k, off + i})
				off += i + len(w)
			}
		}
		return out
	}
	byWord := func(occ []wordAt) []wordAt {
		occ = slices.Clone(occ)
		slices.SortStableFunc(occ, func(a, b wordAt) int { return a.k - b.k })
		return occ
	}
	alphabet := []string{"一", "二", "、", "规", "范", "性", "文件", "a", "aa", " ", "\xe4", "\xb8", "\xe4\xb8", "𠀀"}
	words := []string{"一、", "规范性文件", "范性", "aa", "a", "一", "一、二", "𠀀一", "\xe4\xb8\x80", "性文件规"}
	ws := newWordScan(words)
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(40) {
			b.WriteString(alphabet[rnd.IntN(len(alphabet))])
		}
		s := b.String()
		got := ws.scan(nil, s)
		if diff := cmp.Diff(indexLoop(words, s), byWord(got), cmp.AllowUnexported(wordAt{})); diff != "" {
			t.Fatalf("scan(%q) (-want +got):\n%s", s, diff)
		}
		if !slices.IsSortedFunc(got, func(a, b wordAt) int { return cmp2(a.at, b.at, a.k, b.k) }) {
			t.Fatalf("scan(%q) = %v, not in order of offset, then word", s, got)
		}
	}
	// The vocabulary of flat lines, on a corpus page.
	src, err := os.ReadFile("../../testdata/corpus/007_pingtan_gwh_2019_webflat.txt")
	if err != nil {
		t.Fatal(err)
	}
	v := flatVocab()
	sq, _ := squeeze(string(src))
	if diff := cmp.Diff(indexLoop(v.labels, sq), byWord(v.labelScan.scan(nil, sq)), cmp.AllowUnexported(wordAt{})); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}

// TestRunIntoProse: the cuts of 041, whose cells run into the prose after
// them (the parse of such a page is tested in the root package).
func TestRunIntoProse(t *testing.T) {
	t.Run("year", func(t *testing.T) {
		for _, tc := range []struct {
			l    string
			want int // offset of the cut, -1 for none
		}{
			{"数量20000022025年，我局共收到", len("数量2000002")},
			{"收费02025年，我局", len("收费0")},
			{"数量2000 0022025年", len("数量2000 002")},
			{"数量2025年", -1},          // the year alone: no digits of the row before it
			{"数量200000020年内", -1},    // 0020 is no year of 20xx
			{"数量20000022025，我局", -1}, // no 年
			{"数量19000021999年", -1},   // 19xx: not a report's year
		} {
			d := strings.IndexFunc(tc.l, chars.IsDigit)
			if got := yearAfterRun(tc.l, d); got != tc.want {
				t.Errorf("yearAfterRun(%q) = %d, want %d", tc.l, got, tc.want)
			}
		}
	})
	t.Run("table 4", func(t *testing.T) {
		hdr := "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
		for _, tc := range []struct {
			tail string
			want string // the run cut out, "" for none
		}{
			{"10000100000000000我局严格规范", "10000100000000000"},
			{"00 0 0 01 0 0 0 1 0 0 0 00我局", "00 0 0 01 0 0 0 1 0 0 0 00"},
			{"10000100000000000", ""},          // no prose after: the run at the end is cut as before
			{"1000010我局", ""},                  // fewer digits than table 4's 15 cells
			{"我局共收到申请。总计000000000000000件", ""}, // a 总计 in prose
		} {
			l := hdr + tc.tail
			a, b := t4RunBeforeProse(l, 0, len(l))
			got := ""
			if a >= 0 {
				got = l[a:b]
			}
			if got != tc.want {
				t.Errorf("t4RunBeforeProse(…%s) = %q, want %q", tc.tail, got, tc.want)
			}
		}
	})
}

// A numbered row label spelt otherwise than the catalog does, right after
// a row's digits (corpus 041: "…00000007.属于行政执法案件3000003…", 案件 for
// 案卷), is broken before its number when the number and four characters
// begin a catalog label of that number; a digit before a full stop and text
// that begins no label stays with the digits.
func TestNumberedLabelAt(t *testing.T) {
	labels := flatVocab().labels
	for _, c := range []struct {
		s    string
		want int
	}{
		{"7.属于行政执法案件3000003", len("7.属于行政执法案件")},
		{"7.属于行政执法案卷3000003", len("7.属于行政执法案卷")},
		{"7.属于其他3000003", 0},           // too little in common
		{"9.属于行政执法案件3000003", 0},       // no label numbered 9 begins so
		{"7.属于行政执法案件，另有很多很多文字在这里3", 0}, // too much text for a misspelt label
		{"7.属于行政执法案件", 0},              // no digits after it: no row of values to break off
	} {
		if got := numberedLabelAt(labels, c.s); got != c.want {
			t.Errorf("numberedLabelAt(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}

// TestSqueeze: squeeze drops the runes chars.IsInlineSpace holds, decoding
// the line rune by rune, and gives each byte kept its offset.
func TestSqueeze(t *testing.T) {
	pieces := []string{"a", "1", " ", "\t", "\u00a0", "\u3000", "规", "、", "。", "\u00e9", "\xc2", "\xe3\x80", "\xff", "\U0001F600"}
	rnd := rand.New(rand.NewPCG(11, 12))
	for range 3000 {
		var b strings.Builder
		for range rnd.IntN(30) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		l := b.String()
		var want strings.Builder
		var wantAt []int
		for i, r := range l {
			n := len(string(r))
			if r == '\ufffd' && !strings.HasPrefix(l[i:], "\ufffd") {
				n = 1
			}
			if !chars.IsInlineSpace(r) {
				want.WriteString(l[i : i+n])
				for k := i; k < i+n; k++ {
					wantAt = append(wantAt, k)
				}
			}
		}
		got, m := squeeze(l)
		var at []int
		for i := range len(got) {
			at = append(at, m.off(i))
		}
		if got != want.String() || !slices.Equal(at, wantAt) {
			t.Fatalf("squeeze(%q) = %q %v, want %q %v", l, got, at, want.String(), wantAt)
		}
		for off := range len(l) + 1 {
			if got, want := sqIndex(m, off), sort.SearchInts(wantAt, off); got != want {
				t.Fatalf("sqIndex(%q, %d) = %d, want %d", l, off, got, want)
			}
		}
	}
}

// cmp2 compares (a1, a2) with (b1, b2).
func cmp2(a1, b1, a2, b2 int) int {
	if a1 != b1 {
		return a1 - b1
	}
	return a2 - b2
}

// TestIsFlatBytes: isFlatBytes is isFlatLine, on every line of the corpus
// and its prefixes.
func TestIsFlatBytes(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/corpus/*.txt")
	flat := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.SplitAfter(string(src), "\n") {
			for _, n := range []int{len(l), len(l) / 2, 799, 800, 801, 200, 199} {
				if n > len(l) {
					continue
				}
				if got, want := isFlatBytes([]byte(l[:n])), isFlatLine(l[:n]); got != want {
					t.Fatalf("%s: isFlatBytes(%.40q…) = %v, isFlatLine %v", f, l[:n], got, want)
				} else if got {
					flat++
				}
			}
		}
	}
	if flat < 20 {
		t.Errorf("only %d flat lines tried", flat)
	}
}
