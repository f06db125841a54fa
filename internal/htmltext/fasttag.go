package htmltext

import (
	"strings"

	"github.com/opengovcn/nianbao/internal/chars"
)

// Tags of the common shape, and text up to a tag, read without a token.
//
// A page of a report is mostly tags: the table of a Word or WPS export is
// some 3,500 of them in 100 KB (<td style="…" width="44">, <p style="…">,
// <span style="…">, </span>, <o:p>), and handing each to the walker as a
// token of the tokenizer (its raw bytes, its name, its attributes saved
// one by one and read back) cost more than reading it. fastTag reads a tag
// of the common shape in one pass and acts on it as the walker acts on its
// token: a name of letters, digits and "-:_.", then attributes each a name
// and, if it has one, a value in quotes, then ">". Anything else (a slash,
// a value without quotes, white space around "=", a character reference,
// CR or NUL in a value the walker reads, an element of raw text such as
// <script>, <style> or <title>, the end of the input) is left to the
// tokenizer, which reads every tag as golang.org/x/net/html does. Text
// that ends at a tag is likewise handed to the walker directly (textEnd).
// TestFastTagSameText and FuzzFastTag check that a page reads the same
// either way.

// noFastTag turns fastTag off (tests compare the two ways).
var noFastTag = false

// tagNameByte: the bytes of a tag's name fastTag reads itself, nameByte
// or nameUpper (an upper-case letter, which tagName lowers); 0 for others.
// attrNameByte: bytes of an attribute's name: any but white space, '/',
// '>', '=' (which end it, as in the tokenizer) and quotes, '<' and NUL,
// which fastTag leaves to the tokenizer.
var tagNameByte, attrNameByte = func() (t [256]byte, a [256]bool) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		switch {
		case 'A' <= b && b <= 'Z':
			t[c] = nameByte | nameUpper
		case 'a' <= b && b <= 'z' || chars.IsASCIIDigit(rune(b)) || b == '-' || b == ':' || b == '_' || b == '.':
			t[c] = nameByte
		}
		a[c] = !isSpace[c] && !strings.ContainsRune("/>=\"'<\x00", rune(b))
	}
	return
}()

const (
	nameByte  = 1
	nameUpper = 2
)

// rawTextElement reports whether the tokenizer reads the content of an
// element of this name (lower case) as raw text (readStartTag).
func rawTextElement(name string) bool {
	switch name {
	case "iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp":
		return true
	}
	return false
}

// fast reads tags of the common shape (fastTag) and text up to a tag
// (textEnd) from doc[i] on, as long as they come, and returns where it
// stopped: at the end, or at what the tokenizer is to read.
func (w *htmlWalker) fast(doc string, i int) int {
	for i < len(doc) {
		if doc[i] == '<' {
			j, ok := w.fastTag(doc, i)
			if !ok {
				return i
			}
			i = j
			continue
		}
		k := textEnd(doc, i)
		if k == 0 {
			return i
		}
		if w.skip != "" {
			w.tr.skip(doc[i:k])
		} else {
			w.checkedText(doc, i, k)
		}
		i = k
	}
	return i
}

// fastTag reads the tag at buf[i] (a '<') if it is of the common shape,
// does what the walker does with its token, and returns the offset after
// it and true; else it does nothing and returns false.
func (w *htmlWalker) fastTag(buf string, i int) (int, bool) {
	n := len(buf)
	if i+2 >= n {
		return 0, false
	}
	end := buf[i+1] == '/'
	j := i + 1
	if end {
		j++
	}
	if c := buf[j]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
		return 0, false
	}
	ns, kinds := j, byte(0)
	for j < n {
		k := tagNameByte[buf[j]]
		if k == 0 {
			break
		}
		kinds |= k
		j++
	}
	if j >= n || buf[j] != '>' && !isSpace[buf[j]] {
		return 0, false
	}
	name := buf[ns:j]
	if kinds&nameUpper != 0 {
		name = lowerName(name)
	}
	if end {
		for j < n && isSpace[buf[j]] {
			j++
		}
		if j >= n || buf[j] != '>' {
			return 0, false // attributes in an end tag: the tokenizer's
		}
		w.tr.skip(buf[i : j+1])
		w.endTag(name)
		return j + 1, true
	}
	if rawTextElement(name) {
		return 0, false
	}
	// The attributes the walker reads: the first of each kind.
	var (
		seen                        [attrRowspan + 1]bool
		style, colspan, rowspan     string
		styleAt                     int // where style's value starts
		hasHidden, hasS, hasC, hasR bool
	)
	for {
		for j < n && isSpace[buf[j]] {
			j++
		}
		if j >= n {
			return 0, false
		}
		if buf[j] == '>' {
			break
		}
		ks := j
		for j < n && attrNameByte[buf[j]] {
			j++
		}
		if j == ks || j >= n {
			return 0, false
		}
		ke := j
		var val string
		vs := j
		switch c := buf[j]; {
		case c == '=':
			j++
			if j >= n || buf[j] != '"' && buf[j] != '\'' {
				return 0, false
			}
			q := buf[j]
			k := strings.IndexByte(buf[j+1:], q)
			if k < 0 {
				return 0, false
			}
			vs = j + 1
			val = buf[vs : vs+k]
			j += k + 2
			if j >= n || buf[j] != '>' && !isSpace[buf[j]] {
				return 0, false
			}
		case isSpace[c]:
			// A name alone, unless "=" follows after the white space.
			k := j
			for k < n && isSpace[buf[k]] {
				k++
			}
			if k >= n || buf[k] == '=' {
				return 0, false
			}
		case c != '>':
			return 0, false
		}
		// (the four kinds' names start with s, h, c or r: most others need no look)
		kind := attrOther
		switch buf[ks] | 0x20 {
		case 's', 'h', 'c', 'r':
			kind = attrKindOf(buf[ks:ke])
		}
		if kind == attrOther || seen[kind] {
			continue
		}
		seen[kind] = true
		switch kind {
		case attrStyle:
			style, styleAt, hasS = val, vs, true
		case attrHidden:
			hasHidden = true
		case attrColspan:
			colspan, hasC = val, true
		case attrRowspan:
			rowspan, hasR = val, true
		}
	}
	j++ // the '>'
	// A value the tokenizer would decode (attrVal) is left to it; a
	// style in the cache was looked at when it was put there.
	if hasC && needsDecoding(colspan) || hasR && needsDecoding(rowspan) {
		return 0, false
	}
	styleHidden, styleKnown := false, false
	if hasS && !hasHidden && w.skip == "" {
		if styleHidden, styleKnown = w.styles.get(style); !styleKnown && needsDecoding(style) {
			return 0, false
		}
	}
	if w.skip != "" {
		if name == w.skip {
			w.skipN++
		}
	} else {
		// As startTag reads the same attributes from the token.
		cs, rs, hidden := 1, 1, hasHidden
		if hasS && !hidden {
			if !styleKnown {
				styleHidden = styleHides(style)
				w.styles.put(style, styleHidden)
			}
			hidden = styleHidden
		}
		if hasC {
			cs = spanAttr(colspan, 1)
		}
		if hasR {
			rs = spanAttr(rowspan, 1)
		}
		if hidden || classOf(name) != 0 {
			w.element(name, cs, rs, hidden, false) // (an inline element that shows is nothing to it)
		}
	}
	if hasS && styleKnown && w.check {
		// The value's bytes are those of one read before (checkUTF8).
		w.checkUTF8(buf, styleAt)
		w.checkedTo = styleAt + len(style)
	}
	w.tr.skip(buf[i:j])
	return j, true
}

// needsDecoding reports whether an attribute's value holds a character
// reference, CR or NUL, which attrVal turns into other text.
func needsDecoding(v string) bool {
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '&', '\r', 0:
			return true
		}
	}
	return false
}

// textEnd returns the end of the text token that starts at doc[i] (not a
// '<') when a tag, a comment or a doctype follows it: the next '<' before
// a letter, '/', '!' or '?'. Else (a '<' before anything else, the end of
// the input) it returns 0, and the tokenizer reads the text.
func textEnd(doc string, i int) int {
	k := strings.IndexByte(doc[i:], '<')
	if k < 0 || i+k+1 >= len(doc) {
		return 0
	}
	k += i
	switch c := doc[k+1]; {
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z', c == '/', c == '!', c == '?':
		return k
	}
	return 0
}
