package nianbao

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
)

// TestFirstYear checks that firstYear, which folds only a prefix of a long
// text when it can, finds what findYear finds in the whole folded text,
// around the prefix's end too.
func TestFirstYear(t *testing.T) {
	pad := strings.Repeat("政务公开", 400) // 4,800 bytes
	years := []string{"2023年", "２０２３年", "2 0 2 3 年", "2023\n年", "12023年", "2023", "1989年", "“2023”年"}
	for _, y := range years {
		for _, cut := range []int{0, 3, 240, 250, 251, 252, 253, 254, 255, 256, 257, 258, 1010, 1020, 1024, 4090, 4096, 4100} {
			for _, s := range []string{pad[:cut/3*3] + y + pad, pad[:cut/3*3] + "a" + y + pad, y, pad + y, pad[:cut/3*3] + y} {
				want, _ := findYear(fold(s))
				if got := firstYear(s); got != want {
					t.Fatalf("firstYear(%d bytes, year %q at %d) = %d, want %d", len(s), y, cut/3*3, got, want)
				}
			}
		}
	}
}

// TestStatPeriodKeys: findPeriod starts its search at the first 统计.
func TestStatPeriodKeys(t *testing.T) {
	for _, k := range statPeriodKeys {
		if !strings.HasPrefix(k, "统计") {
			t.Errorf("key %q does not start with 统计", k)
		}
	}
}

// TestQuote: quote is strconv.Quote, and every rune plainRune accepts is
// one strconv.Quote keeps as it is.
func TestQuote(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if plainRune(r) && strconv.Quote(string(r)) != `"`+string(r)+`"` {
			t.Errorf("plainRune(%U) but strconv.Quote escapes it", r)
		}
	}
	for _, s := range []string{"", "规章", "（一）予以公开", "a\"b", `a\b`, "\t", "\x7f", "\xff", "\u00a0", "１２", "“三安全一稳定”", "—…·", "abc def", "\u200b", "\U0001F600"} {
		if got, want := quote(s), strconv.Quote(s); got != want {
			t.Errorf("quote(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestFoldRuneCJK: the shortcut of foldRune for CJK ideographs gives what
// the rest of it would.
func TestFoldRuneCJK(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if chars.IsSpace(r) || r >= 0xFF01 && r <= 0xFF5E {
			t.Fatalf("%U is folded specially", r)
		}
		switch r {
		case '“', '”', '‘', '’', '「', '」', '『', '』', '＂', '＇', '＊', '、', '。':
			t.Fatalf("%U is folded specially", r)
		}
	}
}

// TestIndexSpaceTrimSpan: chars.IndexSpace is strings.IndexFunc(s, chars.IsSpace),
// chars.SpaceLen the length of the space rune s starts with, and
// trimSpan's shortcut trims what TrimFunc(s, chars.IsSpace) does, on every
// rune around and inside text and on invalid UTF-8.
func TestIndexSpaceTrimSpan(t *testing.T) {
	var samples []string
	for r := rune(0); r < 0x10000; r += 7 {
		samples = append(samples, string(r), "规"+string(r)+"a", string(r)+"章 ")
	}
	for _, r := range []rune{' ', '\t', '\u00a0', '\u3000', '\u2002', '\u2003', '\u2009', '\u200b', '\ufeff', '\u0085', '\u2028'} {
		samples = append(samples, "规章"+string(r)+"0", string(r)+"规", "规"+string(r), "\xe4"+string(r), "\xe3"+string(r)+"\xe3\x80")
	}
	for _, s := range samples {
		if got, want := chars.IndexSpace(s), strings.IndexFunc(s, chars.IsSpace); got != want {
			t.Errorf("chars.IndexSpace(%q) = %d, want %d", s, got, want)
		}
		want := 0
		if r, n := utf8.DecodeRuneInString(s); chars.IsSpace(r) {
			want = n
		}
		if got := chars.SpaceLen(s); got != want {
			t.Errorf("chars.SpaceLen(%q) = %d, want %d", s, got, want)
		}
		src := &source{text: s}
		sp := src.trimSpan(srcSpan{0, len(s)})
		if got, want := src.str(sp), strings.TrimFunc(s, chars.IsSpace); got != want {
			t.Errorf("trimSpan(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestHasUnescapedPipe: hasUnescapedPipe finds what a scan that skips the
// byte after each backslash finds.
func TestHasUnescapedPipe(t *testing.T) {
	scan := func(s string) bool {
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '\\':
				i++
			case '|':
				return true
			}
		}
		return false
	}
	parts := []string{"", "|", `\`, "a", "规", `\|`, `\\`, `\\|`}
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				for _, d := range parts {
					s := a + b + c + d
					if got, want := hasUnescapedPipe(s), scan(s); got != want {
						t.Errorf("hasUnescapedPipe(%q) = %v, want %v", s, got, want)
					}
				}
			}
		}
	}
}

// TestParseConcurrent: parses running at once, which share the pooled
// working memory (scratchPool) and the caches built once, give what one
// parse alone gives.
func TestParseConcurrent(t *testing.T) {
	var files []string
	for _, pat := range []string{"testdata/seeds/*.txt", "testdata/corpus/*.txt"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	type result struct {
		r   *Report
		err error
	}
	srcs := make([][]byte, len(files))
	want := make([]result, len(files))
	for i, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[i] = src
		r, err := Parse(src)
		want[i] = result{r, err}
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range len(files) {
				i := (k + g*7) % len(files) // each goroutine in its own order
				r, err := Parse(srcs[i])
				if !reflect.DeepEqual(r, want[i].r) || (err == nil) != (want[i].err == nil) {
					t.Errorf("%s: a concurrent parse differs from a parse alone", files[i])
				}
			}
		}()
	}
	wg.Wait()
}

// TestMayHoldDropped: every rune that folding drops and that is no space
// makes mayHoldDropped true, alone and inside text.
func TestMayHoldDropped(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if _, keep := foldRune(r, 0); keep || chars.IsSpace(r) || r >= 0xD800 && r < 0xE000 {
			continue
		}
		for _, s := range []string{string(r), "规章" + string(r) + "0"} {
			if !mayHoldDropped(s) {
				t.Errorf("mayHoldDropped(%q) = false, want true", s)
			}
		}
	}
	for _, s := range []string{"（一）予以公开", "1、属于国家秘密：", "三、本年度办理结果。"} {
		if mayHoldDropped(s) {
			t.Errorf("mayHoldDropped(%q) = true, want false", s)
		}
	}
}
