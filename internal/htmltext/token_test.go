package htmltext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// sameTokens reports the first token where tokenizer and html.Tokenizer
// differ on doc: type, raw bytes, and for start tags every attribute's key
// and value as TagAttr gives them.
func sameTokens(t *testing.T, doc string) {
	t.Helper()
	want := html.NewTokenizer(strings.NewReader(doc))
	got := newTokenizer(doc)
	only := newTokenizer(doc) // as the conversion reads: some attributes
	only.only = true
	for i := 0; ; i++ {
		wt, gt, ot := want.Next(), got.Next(), only.Next()
		if wt != gt || string(want.Raw()) != got.Raw() {
			t.Fatalf("token %d of %q: got %v %q, html.Tokenizer %v %q", i, doc, gt, got.Raw(), wt, want.Raw())
		}
		if ot != gt || only.Raw() != got.Raw() {
			t.Fatalf("token %d of %q: with only, got %v %q, without %v %q", i, doc, ot, only.Raw(), gt, got.Raw())
		}
		if ot == html.StartTagToken || ot == html.SelfClosingTagToken {
			// The attributes kept are those of the four kinds, in order.
			var kept []string
			for a := range got.attrs() {
				if attrKindOf(got.attrRaw(a)) != attrOther {
					kept = append(kept, got.attrKey(a)+"="+got.attrVal(a))
				}
			}
			var saw []string
			for a := range only.attrs() {
				if attrKindOf(only.attrRaw(a)) != attrOther {
					saw = append(saw, only.attrKey(a)+"="+only.attrVal(a))
				}
			}
			if strings.Join(kept, "\x00") != strings.Join(saw, "\x00") {
				t.Fatalf("token %d of %q: with only, attributes %q, without %q", i, doc, saw, kept)
			}
		}
		if wt == html.ErrorToken {
			return
		}
		if wt == html.StartTagToken || wt == html.SelfClosingTagToken || wt == html.EndTagToken {
			// (TagName before TagAttr: html.Tokenizer reads the name first.)
			if name, _ := want.TagName(); got.tagName() != string(name) {
				t.Fatalf("token %d of %q: tagName() %q, html.Tokenizer's %q", i, doc, got.tagName(), name)
			}
			// With only, the name and the attributes' kinds are the same.
			if name := only.tagName(); name != got.tagName() || only.rawTag != got.rawTag {
				t.Fatalf("token %d of %q: with only, tagName() %q, rawTag %q; without %q, %q", i, doc, name, only.rawTag, got.tagName(), got.rawTag)
			}
			for a := range only.attrs() {
				if k := attrKindOf(only.attrRaw(a)); k != only.attrKind(a) {
					t.Fatalf("token %d of %q: with only, attribute %d %q of kind %d, want %d", i, doc, a, only.attrRaw(a), only.attrKind(a), k)
				}
			}
		}
		if wt != html.StartTagToken && wt != html.SelfClosingTagToken {
			continue
		}
		n := got.attrs()
		for a := 0; ; a++ {
			wk, wv, wm := want.TagAttr()
			if a >= n {
				if wk != nil || wm {
					t.Fatalf("token %d of %q: %d attributes, html.Tokenizer has more (%q)", i, doc, n, wk)
				}
				break
			}
			if gk, gv := got.attrKey(a), got.attrVal(a); string(wk) != gk || string(wv) != gv || wm != (a+1 < n) {
				t.Fatalf("token %d of %q, attribute %d: got %q=%q, html.Tokenizer %q=%q", i, doc, a, gk, gv, wk, wv)
			}
			if !wm {
				break
			}
		}
	}
}

// checkPages runs check on the pages under testdata and random tags
// (tagSoups), on soups, and on every prefix of the first prefixes of soups
// (input ending anywhere).
func checkPages(t *testing.T, soups []string, prefixes int, check func(*testing.T, string)) {
	t.Helper()
	for _, doc := range append(tagSoups(t), soups...) {
		check(t, doc)
	}
	for _, doc := range soups[:prefixes] {
		for i := range len(doc) {
			check(t, doc[:i])
		}
	}
}

// markupSoups are random strings of the pieces HTML's tokenization turns
// on: raw text elements and their end tags, script escapes, comments and
// their odd ends, doctypes, bogus comments, processing instructions,
// attributes of every shape, character references, NUL and CR.
func markupSoups(n int) []string {
	parts := []string{"<", ">", "/", "!", "-", "--", "<!--", "-->", "--!>", "<!-->", "<!", "<!doctype", "<!DOCTYPE html>", "<!DocType",
		"<?xml?>", "</", "</>", "<script>", "</script>", "</SCRIPT ", "<SCRIPT>", "<!--<script>", "</script>-->", "<script", "</script", "<!--<SCRIPT ", "<scripts", "-->-", "<style>", "</style>",
		"<textarea>", "</textarea>", "<title>", "</title", "<plaintext>", "<xmp>", "</xmp>", "<iframe>", "<noscript>", "</noscript>",
		"<td", "<TD", " colspan=2", " ROWSPAN='3'", " style=\"display:none\"", " style=display&#58;none", " hidden", " a=/", "/>",
		" x=\"&amp;&lt\"", " y='a\rb'", " z=\x00", " =q", " Class=a class=b", " a", "=", "\"", "'", "&amp;", "&nbsp", "&#x3c;",
		"\x00", "\r", "\n", "\t", " ", "规", "text", "</td>", "<p>", "</p", "<a9", "<[CDATA[x]]>", "<![CDATA[", "]]>"}
	rnd := rand.New(rand.NewPCG(7, 8))
	out := make([]string, 0, n)
	for range n {
		var b strings.Builder
		if rnd.IntN(3) == 0 { // inside an element of raw text
			b.WriteString([]string{"<script>", "<script><!--", "<script><!--<script>", "<style>", "<textarea>", "<title>"}[rnd.IntN(6)])
		}
		for range rnd.IntN(24) + 1 {
			b.WriteString(parts[rnd.IntN(len(parts))])
		}
		out = append(out, b.String())
	}
	return out
}

// TestTokenizerMatchesXNetHTML: the tokenizer gives the tokens
// html.Tokenizer gives, on the pages under testdata, on tag soup, and on
// random markup, and on every prefix of some of it (input ending anywhere).
func TestTokenizerMatchesXNetHTML(t *testing.T) {
	checkPages(t, markupSoups(20000), 500, sameTokens)
	// A slash that ends the last value: the tag is self-closing only if
	// that attribute was not saved (a repeated name).
	for _, doc := range []string{"<td a=/>x", "<td a=x A=/>x", "<td style=x STYLE=/>x", "<td style=/>x",
		"<td a=x style=/>x", "<td hidden=a hidden=/>", "<br/>", "<br / >", "<td a/>", "<td a=\"/\"/>", "<td =/>"} {
		sameTokens(t, doc)
	}
	// Many attributes on one tag: duplicates found past the scan's limit.
	var b strings.Builder
	b.WriteString("<td")
	for i := range 100 {
		b.WriteString(" A" + strings.Repeat("b", i%40) + "=x")
	}
	b.WriteString(">")
	sameTokens(t, b.String())
}

func FuzzTokenizer(f *testing.F) {
	for _, doc := range markupSoups(50) {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		sameTokens(t, doc)
	})
}

// attrRaw returns the name of the i-th attribute of the current start tag
// as written.
func (z *tokenizer) attrRaw(i int) string { return z.buf[z.attr[i][0].start:z.attr[i][0].end] }
