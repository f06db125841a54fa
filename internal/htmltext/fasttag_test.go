package htmltext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// toTextBothWays converts doc with fastTag and without it, and reports the
// first difference in the text or its map.
func toTextBothWays(t *testing.T, doc string) {
	t.Helper()
	text, m := ToText([]byte(doc))
	noFastTag = true
	wantText, wantM := ToText([]byte(doc))
	noFastTag = false
	if string(text) != string(wantText) {
		t.Fatalf("%q:\ntext with fastTag (-tokens +fast):\n%s", doc, cmp.Diff(string(wantText), string(text)))
	}
	if diff := cmp.Diff(wantM, m); diff != "" {
		t.Fatalf("%q:\nmap with fastTag (-tokens +fast):\n%s", doc, diff)
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
	for _, doc := range tagSoups(t) {
		toTextBothWays(t, doc)
	}
	soups := tableSoups(5000)
	for _, doc := range soups {
		toTextBothWays(t, doc)
	}
	for _, doc := range soups[:200] {
		for i := range len(doc) {
			toTextBothWays(t, doc[:i])
		}
	}
}

func FuzzFastTag(f *testing.F) {
	for _, doc := range tableSoups(50) {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		toTextBothWays(t, doc)
	})
}
