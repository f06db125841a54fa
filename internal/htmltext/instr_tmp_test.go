package htmltext

import (
	"os"
	"strconv"
	"testing"

	"golang.org/x/net/html"
)

func TestInstrTok(t *testing.T) {
	f := os.Getenv("TF")
	if f == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(os.Getenv("IN"))
	src, _ := os.ReadFile("../../testdata/corpus/" + f + ".txt")
	doc := string(src)
	for range n {
		z := newTokenizer(doc)
		z.only = true
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt == html.StartTagToken || tt == html.EndTagToken || tt == html.SelfClosingTagToken {
				z.tagName()
			}
		}
	}
}
