package chars

import (
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

// TestIndexAny: IndexAny and ContainsAny are strings.IndexAny and
// strings.ContainsAny, on texts with invalid bytes, broken runes and the
// runes of the set in any order, for the sets the parser asks about and
// for random ones (U+FFFD included, which takes strings' way).
func TestIndexAny(t *testing.T) {
	sets := []string{"。；;/\t", "。,，;；:：!！?？、", "。；;", "|\t｜", "。；", "+-＋－", "，,、；（(《", "，。；", "", "a", "\ufffd。"}
	pieces := []string{"行政", "许可", "。", "；", ";", "/", "\t", "|", "｜", "+", "-", "＋", "－", "，", ",", "、", "（", "(",
		"《", "a", "1", " ", "\xE3", "\x80\x82", "\xEF\xBC", "\x9B", "\xFF", "\ufffd", "😀"}
	rapid.Check(t, func(t *rapid.T) {
		var b strings.Builder
		for _, p := range rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 30).Draw(t, "s") {
			b.WriteString(p)
		}
		s := b.String()
		set := rapid.SampledFrom(sets).Draw(t, "set")
		if rapid.Bool().Draw(t, "random set") {
			rs := rapid.SliceOfN(rapid.SampledFrom([]rune("。；;/\t|｜+＋a1（《😀\ufffd")), 0, 6).Draw(t, "runes")
			set = string(rs)
		}
		if !utf8.ValidString(set) {
			return
		}
		if got, want := IndexAny(s, set), strings.IndexAny(s, set); got != want {
			t.Fatalf("IndexAny(%q, %q) = %d, want %d", s, set, got, want)
		}
		if got, want := ContainsAny(s, set), strings.ContainsAny(s, set); got != want {
			t.Fatalf("ContainsAny(%q, %q) = %v, want %v", s, set, got, want)
		}
	})
}

// BenchmarkContainsAny: a line of Chinese text and a set of punctuation,
// against strings.ContainsAny.
func BenchmarkContainsAny(b *testing.B) {
	line := "索引号014314799/2024-00002分类信息公开年报其他报告发布机构沭阳县发展和改革局行政许可行政处罚"
	set := "。；;|\t"
	b.Run("chars", func(b *testing.B) {
		for b.Loop() {
			ContainsAny(line, set)
		}
	})
	b.Run("strings", func(b *testing.B) {
		for b.Loop() {
			strings.ContainsAny(line, set)
		}
	})
}
