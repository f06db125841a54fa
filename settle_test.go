package nianbao

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestProseMatches checks that proseMatches finds what the prose regexps
// find over the whole text: on every corpus file and seed, and on random
// strings of the words the regexps are made of.
func TestProseMatches(t *testing.T) {
	var texts []string
	for _, pat := range []string{"testdata/corpus/*.txt", "testdata/corpus/*.md", "testdata/seeds/*.txt"} {
		m, _ := filepath.Glob(pat)
		for _, f := range m {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b), strings.ReplaceAll(string(b), "\n", ""))
		}
	}
	words := []string{"制发", "制定", "出台", "印发", "发布", "废止", "宣布失效", "现行有效", "了", "的", "行政", "规范性文件",
		"规章", "规范", "文件", "1", "23", "0", " ", "\t", "\n", "件", "份", "部", "，", "年", "\xe4", "a"}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(ws ...string) string { return ws[rng.IntN(len(ws))] }
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			if rng.IntN(2) == 0 {
				b.WriteString(words[rng.IntN(len(words))])
				continue
			}
			// Mostly a statement, with a part left out or doubled now and then.
			b.WriteString(pick("制发", "制定", "出台", "印发", "发布", "废止", "宣布失效", "现行有效", "", "废止废止"))
			b.WriteString(pick("了", "", "", "的"))
			b.WriteString(pick("的", "", ""))
			b.WriteString(pick("行政", "", "", "规范"))
			b.WriteString(pick("规范性文件", "规章", "规章规章", "规范性文件规章"))
			b.WriteString(pick("1", "23", "007", "", "4 5"))
			b.WriteString(pick("", " ", "\t ", "\n"))
			b.WriteString(pick("件", "份", "部", "", "年", "件件"))
		}
		texts = append(texts, b.String())
	}
	matched := 0
	for ref, re := range proseRegexps {
		for _, text := range texts {
			want := re.FindAllStringSubmatchIndex(text, -1)
			got := proseMatches(re, text, proseNouns[ref])
			if len(want) > 0 {
				matched++
			}
			if len(want) == 0 && len(got) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: got %v, want %v", ref, text, got, want)
			}
		}
	}
	if matched < 5000 {
		t.Fatalf("only %d texts with matches", matched)
	}
	t.Logf("%d texts with matches", matched)
}
