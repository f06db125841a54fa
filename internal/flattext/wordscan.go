package flattext

import (
	"strings"
	"unicode/utf8"
)

// wordScan finds the occurrences of many words in a text in one pass over
// it, instead of one strings.Index loop per word (slow on Chinese text, where
// every word's first byte is common).
type wordScan struct {
	words   []string
	byFirst map[rune][]int       // indices of the words that start with a rune
	firsts  [0x10000 / 64]uint64 // bit r: some word starts with rune r (r < 0x10000)
}

func newWordScan(words []string) *wordScan {
	ws := &wordScan{words: words, byFirst: map[rune][]int{}}
	for k, w := range words {
		if w == "" {
			panic("nianbao: wordScan of an empty word")
		}
		r, _ := utf8.DecodeRuneInString(w)
		ws.byFirst[r] = append(ws.byFirst[r], k)
		if r < 0x10000 {
			ws.firsts[r/64] |= 1 << (r % 64)
		}
	}
	return ws
}

// wordAt is an occurrence of word k at byte offset at.
type wordAt struct{ k, at int }

// scan appends to dst the occurrences in s of each word, non-overlapping for
// one word and leftmost first: those a loop of strings.Index from the end of
// the last occurrence finds. They come in order of offset, then of k. (A
// word of valid UTF-8 starts at the start of a rune or after an invalid byte,
// and the scan visits both.)
func (ws *wordScan) scan(dst []wordAt, s string) []wordAt {
	next := make([]int, len(ws.words)) // where each word may next occur
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r >= 0x10000 || ws.firsts[r/64]&(1<<(r%64)) != 0 {
			for _, k := range ws.byFirst[r] {
				if i >= next[k] && strings.HasPrefix(s[i:], ws.words[k]) {
					next[k] = i + len(ws.words[k])
					dst = append(dst, wordAt{k, i})
				}
			}
		}
		i += n
	}
	return dst
}
