package flattext

import (
	"strings"
)

// wordScan finds the occurrences of many words in a text in one pass over
// it, instead of one strings.Index loop per word (slow on Chinese text, where
// every word's first byte is common).
//
// The words are kept by their first two bytes: a word can start only at a
// byte that begins its first rune, never at one that continues a rune, so
// the scan looks up each such byte and the next and tries the few words
// filed there, without decoding the text.
type wordScan struct {
	words []string
	// bucket[b0<<8|b1] is 1 + the index into lists of the words that
	// start with the bytes b0 b1, or 0 for none; a word of one byte b0 is
	// filed under every b1. ones are the words of one byte by that byte,
	// for the text's last byte.
	bucket *[1 << 16]uint16
	lists  [][]int
	ones   [256][]int
}

func newWordScan(words []string) *wordScan {
	ws := &wordScan{words: words, bucket: new([1 << 16]uint16)}
	file := func(key int, k int) {
		if ws.bucket[key] == 0 {
			ws.lists = append(ws.lists, nil)
			ws.bucket[key] = uint16(len(ws.lists))
		}
		l := &ws.lists[ws.bucket[key]-1]
		*l = append(*l, k) // in increasing k
	}
	for k, w := range words {
		switch len(w) {
		case 0:
			panic("nianbao: wordScan of an empty word")
		case 1:
			for b1 := range 256 {
				file(int(w[0])<<8|b1, k)
			}
			ws.ones[w[0]] = append(ws.ones[w[0]], k)
		default:
			file(int(w[0])<<8|int(w[1]), k)
		}
	}
	if len(ws.lists) >= 1<<16 {
		panic("nianbao: wordScan of too many words")
	}
	return ws
}

// wordAt is an occurrence of word k at byte offset at.
type wordAt struct{ k, at int }

// scan appends to dst the occurrences in s of each word, non-overlapping for
// one word and leftmost first: those a loop of strings.Index from the end of
// the last occurrence finds. They come in order of offset, then of k. (A
// word of valid UTF-8 starts at the start of a rune or after an invalid byte,
// never at a byte that continues a rune, and the scan tries every other
// byte.)
func (ws *wordScan) scan(dst []wordAt, s string) []wordAt {
	next := make([]int, len(ws.words)) // where each word may next occur
	try := func(i int, ks []int) {
		for _, k := range ks {
			if i >= next[k] && strings.HasPrefix(s[i:], ws.words[k]) {
				next[k] = i + len(ws.words[k])
				dst = append(dst, wordAt{k, i})
			}
		}
	}
	for i := 0; i+1 < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			continue // continues a rune
		}
		if b := ws.bucket[int(s[i])<<8|int(s[i+1])]; b != 0 {
			try(i, ws.lists[b-1])
		}
	}
	if n := len(s); n > 0 && s[n-1]&0xC0 != 0x80 {
		try(n-1, ws.ones[s[n-1]])
	}
	return dst
}
