package chars

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// TestSpaceClasses checks every white-space class against IsSpace and
// against its own definition, on every rune of the Basic Multilingual Plane.
func TestSpaceClasses(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if IsBreakingSpace(r) && !IsInlineSpace(r) || IsInlineSpace(r) && !IsSpace(r) {
			t.Errorf("%U: breaking ⊂ inline ⊂ IsSpace does not hold", r)
		}
		if got, want := IsInlineSpace(r), strings.ContainsRune(" \t\u3000\u00a0", r); got != want {
			t.Errorf("IsInlineSpace(%U) = %v, want %v", r, got, want)
		}
		if got, want := IsBreakingSpace(r), strings.ContainsRune(" \t\u3000", r); got != want {
			t.Errorf("IsBreakingSpace(%U) = %v, want %v", r, got, want)
		}
		if got, want := IsCollapsible(r), strings.ContainsRune(" \t\n\r\f\u00a0\u3000\u200b\ufeff\x00", r); got != want {
			t.Errorf("IsCollapsible(%U) = %v, want %v", r, got, want)
		}
		if got, want := IsHTMLSpace(r), strings.ContainsRune(" \t\n\r\f", r); got != want {
			t.Errorf("IsHTMLSpace(%U) = %v, want %v", r, got, want)
		}
		if got, want := IsAnySpace(r), IsSpace(r) || unicode.IsSpace(r); got != want {
			t.Errorf("IsAnySpace(%U) = %v, want %v", r, got, want)
		}
		if IsSpace(r) && r < utf8.RuneSelf && !unicode.IsSpace(r) {
			t.Errorf("%U: an ASCII IsSpace rune that is no Unicode white space", r)
		}
	}
}

// TestIndexSpace: IndexSpace is strings.IndexFunc(s, IsSpace), SpaceLen
// the length of the space rune s starts with, on every rune around text
// and on invalid UTF-8.
func TestIndexSpace(t *testing.T) {
	var samples []string
	for r := rune(0); r < 0x10000; r += 7 {
		samples = append(samples, string(r), "规"+string(r)+"a", string(r)+"章 ")
	}
	for _, r := range []rune{' ', '\t', '\u00a0', '\u3000', '\u2002', '\u2003', '\u2009', '\u200b', '\ufeff', '\u0085', '\u2028'} {
		samples = append(samples, "规章"+string(r)+"0", string(r)+"规", "规"+string(r), "\xe4"+string(r), "\xe3"+string(r)+"\xe3\x80")
	}
	for _, s := range samples {
		if got, want := IndexSpace(s), strings.IndexFunc(s, IsSpace); got != want {
			t.Errorf("IndexSpace(%q) = %d, want %d", s, got, want)
		}
		want := 0
		if r, n := utf8.DecodeRuneInString(s); IsSpace(r) {
			want = n
		}
		if got := SpaceLen(s); got != want {
			t.Errorf("SpaceLen(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestDigits checks the digit classes on every rune of the BMP.
func TestDigits(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		v, ok := DigitValue(r)
		want := strings.ContainsRune("0123456789０１２３４５６７８９", r)
		if ok != want || IsDigit(r) != want {
			t.Errorf("DigitValue(%U) = %d, %v; IsDigit = %v; want %v", r, v, ok, IsDigit(r), want)
		}
		if ok && (!unicode.IsDigit(r) || width.Fold.String(string(r)) != string(rune('0'+v))) {
			t.Errorf("DigitValue(%U) = %d", r, v)
		}
	}
	for _, tc := range []struct {
		s    string
		all  bool
		lead int
	}{{"", false, 0}, {"0", true, 1}, {"2023年", false, 4}, {"１２", false, 0}, {"a1", false, 0}} {
		if AllDigits(tc.s) != tc.all || LeadingDigits(tc.s) != tc.lead {
			t.Errorf("AllDigits(%q) = %v, LeadingDigits = %d; want %v, %d", tc.s, AllDigits(tc.s), LeadingDigits(tc.s), tc.all, tc.lead)
		}
	}
}

// TestNumerals: the numerals 一 … 十 in order, and the classes built on them.
func TestNumerals(t *testing.T) {
	for i, r := range []rune("一二三四五六七八九十") {
		if NumeralValue(r) != i+1 || Numeral(i+1) != string(r) || !IsNumeral(r) || !IsHanNumber(r) {
			t.Errorf("%c: NumeralValue %d, Numeral(%d) = %q", r, NumeralValue(r), i+1, Numeral(i+1))
		}
		if d := HanDigit(r); i < 9 && d != i+1 || i == 9 && d != 0 {
			t.Errorf("HanDigit(%c) = %d", r, d)
		}
	}
	for r := rune(0); r < 0x10000; r++ {
		if got, want := IsHanNumber(r), strings.ContainsRune("一二三四五六七八九十百零〇", r); got != want {
			t.Errorf("IsHanNumber(%U) = %v, want %v", r, got, want)
		}
		if got, want := IsNumeral(r), strings.ContainsRune("一二三四五六七八九十", r); got != want {
			t.Errorf("IsNumeral(%U) = %v, want %v", r, got, want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Numeral(11) did not panic")
		}
	}()
	Numeral(11)
}

// TestNarrow: Narrow maps U+FF01–U+FF5E as golang.org/x/text/width.Fold
// does, and leaves every other rune alone (width.Fold also turns U+3000
// into a space, half-width katakana into full width, and so on).
func TestNarrow(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		n, ok := Narrow(r)
		if ok != IsFullWidthASCII(r) {
			t.Fatalf("Narrow(%U) ok = %v", r, ok)
		}
		if !ok {
			if n != r {
				t.Errorf("Narrow(%U) = %U", r, n)
			}
			continue
		}
		if want := []rune(width.Fold.String(string(r))); len(want) != 1 || want[0] != n {
			t.Errorf("Narrow(%U) = %U, width.Fold gives %U", r, n, want)
		}
	}
}

// TestDecodeRune: DecodeRune decodes what utf8.DecodeRuneInString does, on
// every first byte from 0x80 with every second and some third bytes, and on
// truncated text.
func TestDecodeRune(t *testing.T) {
	for c := 0x80; c < 0x100; c++ {
		for b1 := 0; b1 < 0x100; b1++ {
			for _, b2 := range []byte{0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xE4, 0xFF} {
				for _, s := range []string{string([]byte{byte(c), byte(b1), b2}), string([]byte{byte(c), byte(b1), b2, 0x80}), string([]byte{byte(c), byte(b1)})} {
					r, n := DecodeRune(s)
					wr, wn := utf8.DecodeRuneInString(s)
					if r != wr || n != wn {
						t.Fatalf("DecodeRune(%q) = %U, %d, want %U, %d", s, r, n, wr, wn)
					}
				}
			}
		}
	}
}

// TestLeadWidth: LeadWidth is the length of the rune a valid UTF-8 text
// starts with.
func TestLeadWidth(t *testing.T) {
	for _, r := range []rune{'a', 'é', '规', '𠀀', 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000} {
		s := string(r)
		if got := LeadWidth(s[0]); got != len(s) {
			t.Errorf("LeadWidth(%q) = %d, want %d", s, got, len(s))
		}
	}
}

// TestValidRuneCount: ValidRuneCount is utf8.RuneCountInString on valid
// UTF-8, at every length and alignment.
func TestValidRuneCount(t *testing.T) {
	s := "规章 a\u00a0é\U0001F600，１２3\n行政规范性文件"
	for i := range len(s) {
		for j := i; j <= len(s); j++ {
			if sub := s[i:j]; utf8.ValidString(sub) {
				if got, want := ValidRuneCount(sub), utf8.RuneCountInString(sub); got != want {
					t.Errorf("ValidRuneCount(%q) = %d, want %d", sub, got, want)
				}
			}
		}
	}
}

// TestLinesAndTail: LinesAndTail is the newlines of valid UTF-8 and the
// runes after the last, at every length and alignment, newlines at every
// byte of an eight-byte word among multi-byte runes.
func TestLinesAndTail(t *testing.T) {
	s := "规章\n a\u00a0é\n\n\U0001F600，１\n２3\nx\n行政规范性文件\nabcdefgh\n\n\n\n\n\n\n\n规\n"
	for i := range len(s) {
		for j := i; j <= len(s); j++ {
			sub := s[i:j]
			if !utf8.ValidString(sub) {
				continue
			}
			lines := strings.Count(sub, "\n")
			tail := utf8.RuneCountInString(sub[strings.LastIndexByte(sub, '\n')+1:])
			if gl, gt := LinesAndTail(sub); gl != lines || gt != tail {
				t.Errorf("LinesAndTail(%q) = %d, %d, want %d, %d", sub, gl, gt, lines, tail)
			}
		}
	}
}

// TestIsASCIIString: IsASCIIString is "no byte ≥ 0x80", at every length
// and alignment.
func TestIsASCIIString(t *testing.T) {
	s := "<td style=\"font-family: 微软雅黑;\" width=\"44\">\x7f\x80 abcdefghijklmnop"
	for i := range len(s) {
		for j := i; j <= len(s); j++ {
			want := true
			for k := i; k < j; k++ {
				if s[k] >= 0x80 {
					want = false
				}
			}
			if got := IsASCIIString(s[i:j]); got != want {
				t.Errorf("IsASCIIString(%q) = %v, want %v", s[i:j], got, want)
			}
		}
	}
}

// TestWiden: Widen is Narrow undone, for every printable ASCII character,
// and leaves other runes.
func TestWiden(t *testing.T) {
	for r := rune(0); r < 0x80; r++ {
		w, ok := Widen(r)
		if want := r >= 0x21 && r <= 0x7E; ok != want {
			t.Fatalf("Widen(%q) ok %v", r, ok)
		}
		if !ok {
			if w != r {
				t.Fatalf("Widen(%q) = %q, want it unchanged", r, w)
			}
			continue
		}
		if n, nok := Narrow(w); !nok || n != r || !IsFullWidthASCII(w) {
			t.Fatalf("Narrow(Widen(%q)) = %q, %v", r, n, nok)
		}
	}
	if w, ok := Widen('规'); ok || w != '规' {
		t.Fatalf("Widen('规') = %q, %v", w, ok)
	}
}

// TestStartsInlineSpace: StartsInlineSpace names exactly the first bytes
// of the IsInlineSpace runes.
func TestStartsInlineSpace(t *testing.T) {
	starts := map[byte]bool{}
	for r := rune(0); r < 0x10000; r++ {
		if IsInlineSpace(r) {
			starts[string(r)[0]] = true
		}
	}
	for c := 0; c < 256; c++ {
		if StartsInlineSpace(byte(c)) != starts[byte(c)] {
			t.Errorf("StartsInlineSpace(%#x) = %v, want %v", c, StartsInlineSpace(byte(c)), starts[byte(c)])
		}
	}
}
