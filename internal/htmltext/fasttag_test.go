package htmltext

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// toTextBothWays converts doc with fastTag and without it, and reports the
// first difference in the text or its map.
func toTextBothWays(t *testing.T, doc string) {
	t.Helper()
	sameWithout(t, doc, &noFastTag, "with fastTag (-tokens +fast)")
}

// sameWithout converts doc as ToText does and with *off set (the way it
// is compared with), and reports the first difference in the text or its
// map, named by what.
func sameWithout(t *testing.T, doc string, off *bool, what string) {
	t.Helper()
	text, m := ToText([]byte(doc))
	*off = true
	wantText, wantM := ToText([]byte(doc))
	*off = false
	if string(text) != string(wantText) {
		t.Fatalf("%q:\ntext %s:\n%s", doc, what, cmp.Diff(string(wantText), string(text)))
	}
	if diff := cmp.Diff(wantM, m); diff != "" {
		t.Fatalf("%q:\nmap %s:\n%s", doc, what, diff)
	}
}

// tableSoups are random pages of the markup fastTag reads and of what it
// leaves to the tokenizer, in a report's tables: cells and rows with spans
// (quoted, unquoted, entities, repeated, in any case), styles that hide or
// not, hidden attributes, tags with slashes, white space around "=",
// elements of raw text, skipped elements, headings, text with references.
func tableSoups(n int) []string {
	tags := []string{"<table>", "</table>", "<tr>", "</tr>", "<TR>", "<td>", "</td>", "<th>", "</TD >", "<tbody>",
		"<p>", "</p>", "<P class=x>", "<span>", "</span>", "<o:p>", "</o:p>", "<br>", "<br/>", "<br />", "<h2>", "</h2>",
		"<div hidden>", "</div>", "<div>", "<pre>", "</pre>", "<script>x<y</script>", "<style>p{}</style>",
		"<title>t</title>", "<textarea>a<b></textarea>", "<nav>", "</nav>", "<select><option>o</option></select>",
		"<!-- c -->", "<!doctype html>", "</ td>", "<td/>", "<img src='x'>", "<a href=\"/x\">", "</a>", "</br>"}
	attrs := []string{` colspan="2"`, ` rowspan="3"`, ` ROWSPAN='2'`, ` colspan=2`, ` colspan = "2"`, ` colspan="&#50;"`,
		` style="font-family: 微软雅黑;"`, ` style="display:none"`, ` style='visibility : hidden'`, ` STYLE="display: NONE"`,
		` style="display&#58;none"`, ` style="a&amp;b"`, ` style="x` + "\r" + `y"`, ` hidden`, ` Hidden=""`, ` width="44"`,
		` valign="center"`, ` class=a`, ` align=""`, ` colspan="2" colspan="3"`, ` style="" style="display:none"`, ` a="x"b="y"`,
		` data-x='>'`, ` rowspan="0"`, ` x`, ` =y`, `/`, "\t", "\n"}
	texts := []string{"规章", "0", " ", "\n  ", "&nbsp;", "1&amp;2", "a<b", "<", "&lt;td&gt;", "总计", "（一）", "\u00a0", "x"}
	rnd := rand.New(rand.NewPCG(9, 10))
	out := make([]string, 0, n)
	for range n {
		var b strings.Builder
		for range rnd.IntN(40) + 1 {
			switch rnd.IntN(3) {
			case 0:
				b.WriteString(texts[rnd.IntN(len(texts))])
			default:
				tag := tags[rnd.IntN(len(tags))]
				if strings.HasSuffix(tag, ">") && !strings.HasPrefix(tag, "</") && !strings.HasSuffix(tag, "/>") && rnd.IntN(2) == 0 {
					tag = tag[:len(tag)-1]
					for range rnd.IntN(3) + 1 {
						tag += attrs[rnd.IntN(len(attrs))]
					}
					tag += ">"
				}
				b.WriteString(tag)
			}
		}
		out = append(out, b.String())
	}
	return out
}

// TestFastTagSameText: fastTag changes nothing a page reads as: the text
// and its map are the same with it and without it (every tag a token), on
// the pages under testdata, on random tags, on random report tables, and on
// every prefix of some of them.
func TestFastTagSameText(t *testing.T) {
	checkPages(t, tableSoups(5000), 200, toTextBothWays)
}

func FuzzFastTag(f *testing.F) {
	for _, doc := range tableSoups(50) {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		toTextBothWays(t, doc)
	})
}

// TestCheckUTF8: reading a page assumed to be UTF-8, the walker finds a
// byte that is not exactly when there is one, wherever it is (text, a tag's
// name, attribute or value, a cached style, a comment, a script, a skipped
// element, a tag the input ends in); and the page reads as it reads when it
// is checked first (GB18030 when it is not UTF-8).
func TestCheckUTF8(t *testing.T) {
	docs := append(tagSoups(t), tableSoups(3000)...)
	rnd := rand.New(rand.NewPCG(11, 12))
	bad := []string{"\xff", "\x80", "\xe8\xa7", "\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe0\x80\x80"}
	for n, doc := range docs {
		variants := []string{doc}
		for range 4 {
			if len(doc) == 0 {
				break
			}
			k := rnd.IntN(len(doc) + 1)
			variants = append(variants, doc[:k]+bad[rnd.IntN(len(bad))]+doc[k:])
		}
		if n < 300 {
			// A GB18030 page without a charset: all of its Chinese bytes.
			if gb, err := simplifiedchinese.GB18030.NewEncoder().String(doc); err == nil {
				variants = append(variants, gb)
			}
		}
		for _, v := range variants {
			checkedBothWays(t, v)
		}
	}
}

// checkedBothWays reports whether the walker finds a byte of page v that
// is not UTF-8 exactly when there is one, and v reads the same assumed to
// be UTF-8 as checked first.
func checkedBothWays(t *testing.T, v string) {
	t.Helper()
	if doc, _, assumed := decode([]byte(v), false, true); assumed {
		if _, invalid := walkPage(doc, true, true, new(walkMem)); invalid != !utf8.ValidString(doc) {
			t.Fatalf("%q: walker found a byte not UTF-8: %v; utf8.ValidString: %v", v, invalid, utf8.ValidString(doc))
		}
	}
	sameWithout(t, v, &noAssumeUTF8, "assuming UTF-8 (-checked first +assumed)")
}

func FuzzCheckUTF8(f *testing.F) {
	for _, doc := range tableSoups(40) {
		f.Add(doc)
		f.Add(doc + "\xff")
		f.Add("\xe8" + doc)
	}
	f.Fuzz(checkedBothWays)
}
