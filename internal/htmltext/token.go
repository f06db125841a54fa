// Copyright 2010 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// This file is the tokenizer of golang.org/x/net/html (token.go, v0.62.0)
// cut down to what the conversion reads, Next, Raw and TagAttr, and made to
// read a string it holds whole rather than an io.Reader: no buffer to
// refill, no byte copied, and the runs of text, script, quoted values and
// declarations found with strings.IndexByte instead of a call per byte. It
// yields the same tokens, byte for byte, as html.Tokenizer with its
// defaults (no CDATA, no buffer limit); TestTokenizerMatchesXNetHTML and
// FuzzTokenizer check that against the original.

package htmltext

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/opengovcn/nianbao/internal/chars"
)

// span is a range of bytes in a tokenizer's buffer.
type span struct{ start, end int }

// tokenizer splits HTML into tokens as html.Tokenizer does.
type tokenizer struct {
	buf string
	// eof is html.Tokenizer's err: set when a read ran past the end.
	eof bool
	tt  html.TokenType
	// buf[raw.start:raw.end] holds the raw bytes of the current token.
	raw span
	// buf[data.start:data.end] holds the current token's data: a tag
	// token's tag name, a text token's text, and the like.
	data        span
	pendingAttr [2]span
	attr        [][2]span
	attrNames   map[string]bool // names of attr in lower case, once it is long
	// rawTag is the lower-case "script" of the "</script>" that closes the
	// next token, if the last start tag was of an element of raw text.
	rawTag string
	// only: save only the attributes the conversion reads (see keep).
	only bool
	// lastVal is the end of the value of the current tag's last
	// attribute, saved or not, or -1.
	lastVal int
	// name is the current tag's name in lower case, as tagName gives it.
	name string
	// kinds[i] is attrKindOf the name of attr[i].
	kinds []attrKind
}

func newTokenizer(s string) *tokenizer { return &tokenizer{buf: s} }

// readByte returns the next byte, or sets eof and returns 0 at the end.
func (z *tokenizer) readByte() byte {
	if z.raw.end >= len(z.buf) {
		z.eof = true
		return 0
	}
	c := z.buf[z.raw.end]
	z.raw.end++
	return c
}

// readTo moves past the next byte c, as readByte called until it returns c
// does, and reports whether there was one (else it is at the end, eof set).
func (z *tokenizer) readTo(c byte) bool {
	i := strings.IndexByte(z.buf[z.raw.end:], c)
	if i < 0 {
		z.raw.end = len(z.buf)
		z.eof = true
		return false
	}
	z.raw.end += i + 1
	return true
}

// atOrReadTo is readTo(c), without the search when c is the next byte (a
// tag right after the text before it, returned as a token of its own).
func (z *tokenizer) atOrReadTo(c byte) bool {
	if z.raw.end < len(z.buf) && z.buf[z.raw.end] == c {
		z.raw.end++
		return true
	}
	return z.readTo(c)
}

func (z *tokenizer) skipWhiteSpace() {
	if z.eof {
		return
	}
	buf := z.buf
	for i := z.raw.end; i < len(buf); i++ {
		if !isSpace[buf[i]] {
			z.raw.end = i
			return
		}
	}
	z.raw.end = len(buf)
	z.eof = true
}

// isSpace is HTML's white space (chars.IsHTMLSpace: ' ', '\n', '\r', '\t',
// '\f'). endsName adds '/' and '>', which end a tag name; endsKey adds '='
// to those, which ends an attribute name (unless it is the name's first
// byte).
var isSpace, endsName, endsKey = func() (sp, name, key [256]bool) {
	for c := range utf8.RuneSelf {
		if chars.IsHTMLSpace(rune(c)) {
			sp[c], name[c], key[c] = true, true, true
		}
	}
	name['/'], name['>'] = true, true
	key['/'], key['>'], key['='] = true, true, true
	return
}()

// readRawOrRCDATA reads until the next "</foo>", where "foo" is z.rawTag.
func (z *tokenizer) readRawOrRCDATA() {
	if z.rawTag == "script" {
		z.readScript()
		z.rawTag = ""
		return
	}
	for z.readTo('<') {
		c := z.readByte()
		if z.eof {
			break
		}
		if c != '/' {
			z.raw.end--
			continue
		}
		if z.readRawEndTag() || z.eof {
			break
		}
	}
	z.data.end = z.raw.end
	z.rawTag = ""
}

// readRawEndTag attempts to read a tag like "</foo>", where "foo" is
// z.rawTag. If it succeeds, it backs up the input position to reconsume
// the tag and returns true. The opening "</" has already been consumed.
func (z *tokenizer) readRawEndTag() bool {
	for i := 0; i < len(z.rawTag); i++ {
		c := z.readByte()
		if z.eof {
			return false
		}
		if c != z.rawTag[i] && c != z.rawTag[i]-('a'-'A') {
			z.raw.end--
			return false
		}
	}
	c := z.readByte()
	if z.eof {
		return false
	}
	if endsName[c] {
		z.raw.end -= 3 + len(z.rawTag)
		return true
	}
	z.raw.end--
	return false
}

// readScript reads until the next </script> tag, following the rules for
// escaping and hiding the closing tag.
func (z *tokenizer) readScript() {
	defer func() {
		z.data.end = z.raw.end
	}()
	var c byte

scriptData:
	if !z.readTo('<') {
		return
	}
	goto scriptDataLessThanSign

scriptDataLessThanSign:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '/':
		goto scriptDataEndTagOpen
	case '!':
		goto scriptDataEscapeStart
	}
	z.raw.end--
	goto scriptData

scriptDataEndTagOpen:
	if z.readRawEndTag() || z.eof {
		return
	}
	goto scriptData

scriptDataEscapeStart:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '-' {
		goto scriptDataEscapeStartDash
	}
	z.raw.end--
	goto scriptData

scriptDataEscapeStartDash:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '-' {
		goto scriptDataEscapedDashDash
	}
	z.raw.end--
	goto scriptData

scriptDataEscaped:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDashDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataEscaped

scriptDataEscapedLessThanSign:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '/' {
		goto scriptDataEscapedEndTagOpen
	}
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
		goto scriptDataDoubleEscapeStart
	}
	z.raw.end--
	goto scriptData

scriptDataEscapedEndTagOpen:
	if z.readRawEndTag() || z.eof {
		return
	}
	goto scriptDataEscaped

scriptDataDoubleEscapeStart:
	z.raw.end--
	for i := 0; i < len("script"); i++ {
		c = z.readByte()
		if z.eof {
			return
		}
		if c != "script"[i] && c != "SCRIPT"[i] {
			z.raw.end--
			goto scriptDataEscaped
		}
	}
	c = z.readByte()
	if z.eof {
		return
	}
	if endsName[c] {
		goto scriptDataDoubleEscaped
	}
	z.raw.end--
	goto scriptDataEscaped

scriptDataDoubleEscaped:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDashDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedLessThanSign:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '/' {
		goto scriptDataDoubleEscapeEnd
	}
	z.raw.end--
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapeEnd:
	if z.readRawEndTag() {
		z.raw.end += len("</script>")
		goto scriptDataEscaped
	}
	if z.eof {
		return
	}
	goto scriptDataDoubleEscaped
}

// readComment reads the next comment token starting with "<!--". The
// opening "<!--" has already been consumed. (The comment's data, which
// html.Tokenizer keeps for Text, is not kept: only Raw is read.)
func (z *tokenizer) readComment() {
	var dashCount int
	beginning := true
	for {
		c := z.readByte()
		if z.eof {
			return
		}
		switch c {
		case '-':
			dashCount++
			continue
		case '>':
			if dashCount >= 2 || beginning {
				return
			}
		case '!':
			if dashCount >= 2 {
				c = z.readByte()
				if z.eof {
					return
				} else if c == '>' {
					return
				} else if c == '-' {
					dashCount = 1
					beginning = false
					continue
				}
			}
		}
		dashCount = 0
		beginning = false
	}
}

// readUntilCloseAngle reads until the next ">".
func (z *tokenizer) readUntilCloseAngle() {
	z.readTo('>')
}

// readMarkupDeclaration reads the next token starting with "<!": a
// comment, a doctype, or a bogus comment. The opening "<!" has already been
// consumed.
func (z *tokenizer) readMarkupDeclaration() html.TokenType {
	z.data.start = z.raw.end
	var c [2]byte
	for i := 0; i < 2; i++ {
		c[i] = z.readByte()
		if z.eof {
			return html.CommentToken
		}
	}
	if c[0] == '-' && c[1] == '-' {
		z.readComment()
		return html.CommentToken
	}
	z.raw.end -= 2
	if z.readDoctype() {
		return html.DoctypeToken
	}
	z.readUntilCloseAngle()
	return html.CommentToken
}

// readDoctype attempts to read a doctype declaration and returns true if
// successful. The opening "<!" has already been consumed.
func (z *tokenizer) readDoctype() bool {
	const s = "DOCTYPE"
	for i := 0; i < len(s); i++ {
		c := z.readByte()
		if z.eof {
			// Back up to read the fragment of "DOCTYPE" again; the end
			// is met again on the next read.
			z.raw.end = z.data.start
			z.eof = false
			return false
		}
		if c != s[i] && c != s[i]+('a'-'A') {
			z.raw.end = z.data.start
			return false
		}
	}
	if z.skipWhiteSpace(); z.eof {
		return true
	}
	z.readUntilCloseAngle()
	return true
}

// startTagIn reports whether the tag name in z.buf[z.data.start:z.data.end]
// case-insensitively matches any element of ss.
func (z *tokenizer) startTagIn(ss ...string) bool {
loop:
	for _, s := range ss {
		if z.data.end-z.data.start != len(s) {
			continue loop
		}
		for i := 0; i < len(s); i++ {
			c := z.buf[z.data.start+i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != s[i] {
				continue loop
			}
		}
		return true
	}
	return false
}

// readStartTag reads the next start tag token. The opening "<a" has
// already been consumed, where 'a' means anything in [A-Za-z].
func (z *tokenizer) readStartTag() html.TokenType {
	z.readTag(true)
	if z.eof {
		return html.ErrorToken
	}
	c, raw := z.buf[z.data.start], false
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	switch c {
	case 'i':
		raw = z.startTagIn("iframe")
	case 'n':
		raw = z.startTagIn("noembed", "noframes", "noscript")
	case 'p':
		raw = z.startTagIn("plaintext")
	case 's':
		raw = z.startTagIn("script", "style")
	case 't':
		raw = z.startTagIn("textarea", "title")
	case 'x':
		raw = z.startTagIn("xmp")
	}
	if raw {
		z.rawTag = strings.ToLower(z.buf[z.data.start:z.data.end])
	}
	// A self-closing tag (<br/>), unless the slash ends an unquoted value
	// (<p a=/>).
	if z.buf[z.raw.end-2] != '/' {
		return html.StartTagToken
	}
	if z.lastVal-1 != z.raw.end-2 {
		// The slash ends no attribute's value: every attribute saved
		// ends before the last one read.
		return html.SelfClosingTagToken
	}
	if z.only {
		// Whether the last attribute was saved (not a repeated name)
		// depends on all of them: the tag is read again, saving all.
		end := z.raw.end
		z.raw.end = z.data.start + 1
		z.only = false
		z.readTag(true)
		z.only = true
		z.raw.end = end
	}
	nAttrs := len(z.attr)
	if nAttrs == 0 || z.raw.end-2 != z.attr[nAttrs-1][1].end-1 {
		return html.SelfClosingTagToken
	}
	return html.StartTagToken
}

// readTag reads the next tag token and its attributes. If saveAttr, those
// attributes are saved in z.attr (the first of each name, compared in
// ASCII lower case, and only those with a name; with z.only, only those
// named as in keep), otherwise z.attr is emptied. The opening "<a" or "</a"
// has already been consumed.
//
// It does what html.Tokenizer's readTag, readTagAttrKey and readTagAttrVal
// do, byte for byte, in one loop over a local index: a tag is read without
// a call per attribute or per byte. z.lastVal is the end of the value of
// the last attribute read, saved or not (-1 if none).
func (z *tokenizer) readTag(saveAttr bool) {
	z.attr = z.attr[:0]
	z.kinds = z.kinds[:0]
	z.lastVal = -1
	if len(z.attrNames) > 0 {
		clear(z.attrNames)
	}
	z.readTagName()
	if z.eof {
		return
	}
	buf := z.buf
	n := len(buf)
	i := z.raw.end
	for {
		for i < n && isSpace[buf[i]] {
			i++
		}
		if i >= n {
			break
		}
		if buf[i] == '>' {
			z.raw.end = i + 1
			return
		}
		// The name: up to white space, '/', '>' or '=' (an equals sign
		// before the name begins is part of it).
		ks := i
		if buf[i] != '/' {
			i++
			for i < n && !endsKey[buf[i]] {
				i++
			}
		}
		if i >= n {
			break
		}
		ke := i
		// The value, if an '=' follows (after white space).
		vs, ve := ke, ke
		j := i
		for j < n && isSpace[buf[j]] {
			j++
		}
		if j >= n {
			break
		}
		switch buf[j] {
		case '/':
			i = j + 1
		case '=':
			j++
			for j < n && isSpace[buf[j]] {
				j++
			}
			if j >= n {
				i = n
				break
			}
			switch q := buf[j]; q {
			case '>':
				i = j
			case '\'', '"':
				vs = j + 1
				k := strings.IndexByte(buf[vs:], q)
				if k < 0 {
					i = n
					break
				}
				ve = vs + k
				i = ve + 1
			default:
				vs = j
				k := j + 1
				for k < n && !isSpace[buf[k]] && buf[k] != '>' {
					k++
				}
				ve = k
				if k < n && isSpace[buf[k]] {
					k++
				}
				i = k
			}
		default:
			i = j
		}
		if i >= n {
			break
		}
		z.lastVal = ve
		if saveAttr && ks != ke {
			if k := attrKindOf(buf[ks:ke]); k != attrOther || !z.only {
				z.pendingAttr = [2]span{{ks, ke}, {vs, ve}}
				if !z.seenAttr(k) {
					z.attr = append(z.attr, z.pendingAttr)
					z.kinds = append(z.kinds, k)
				}
			}
		}
	}
	// The end of the input, inside the tag: no token (html.Tokenizer's
	// error), whatever was read of it.
	z.raw.end = n
	z.eof = true
}

// attrKind tells the attributes the conversion reads from the others.
type attrKind uint8

const (
	attrOther attrKind = iota
	attrStyle
	attrHidden
	attrColspan
	attrRowspan
)

// attrKindOf returns the kind of an attribute of this name, compared in
// ASCII lower case. (For a lower-case letter l, c|0x20 == l holds for c
// = l and its upper case only.)
func attrKindOf(name string) attrKind {
	switch len(name) {
	case len("style"):
		if name[0]|0x20 == 's' && name[1]|0x20 == 't' && name[2]|0x20 == 'y' && name[3]|0x20 == 'l' && name[4]|0x20 == 'e' {
			return attrStyle
		}
	case len("hidden"):
		if name[0]|0x20 == 'h' && name[1]|0x20 == 'i' && name[2]|0x20 == 'd' && name[3]|0x20 == 'd' && name[4]|0x20 == 'e' &&
			name[5]|0x20 == 'n' {
			return attrHidden
		}
	case len("colspan"):
		if name[3]|0x20 != 's' || name[4]|0x20 != 'p' || name[5]|0x20 != 'a' || name[6]|0x20 != 'n' {
			return attrOther
		}
		switch {
		case name[0]|0x20 == 'c' && name[1]|0x20 == 'o' && name[2]|0x20 == 'l':
			return attrColspan
		case name[0]|0x20 == 'r' && name[1]|0x20 == 'o' && name[2]|0x20 == 'w':
			return attrRowspan
		}
	}
	return attrOther
}

// seenAttr reports whether an attribute of pendingAttr's name, compared in
// ASCII lower case, is in z.attr already: a scan of the few attributes of
// a tag, a map once they are many (keeping a hostile tag linear).
func (z *tokenizer) seenAttr(kind attrKind) bool {
	if kind != attrOther {
		// One of the four kinds: the same name is the same kind.
		for _, k := range z.kinds {
			if k == kind {
				return true
			}
		}
		return false
	}
	key := z.buf[z.pendingAttr[0].start:z.pendingAttr[0].end]
	const scan = 16
	if len(z.attr) < scan {
		for _, a := range z.attr {
			if asciiEqualFold(z.buf[a[0].start:a[0].end], key) {
				return true
			}
		}
		return false
	}
	if z.attrNames == nil {
		z.attrNames = map[string]bool{}
	}
	if len(z.attrNames) == 0 {
		for _, a := range z.attr {
			z.attrNames[lowerASCII(z.buf[a[0].start:a[0].end])] = true
		}
	}
	k := lowerASCII(key)
	if z.attrNames[k] {
		return true
	}
	z.attrNames[k] = true // it is saved next
	return false
}

// asciiEqualFold reports whether a and b are equal with ASCII letters
// lowered, as html.Tokenizer compares attribute names.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// readTagName sets z.data to the "div" in "<div k=v>", and z.name to the
// name in lower case (tagName). The first byte of the name has already
// been consumed.
func (z *tokenizer) readTagName() {
	start := z.raw.end - 1
	z.data.start = start
	buf := z.buf
	c := buf[start]
	plain := !(c-'A' < 26 || c == 0) // no upper-case letter, no NUL
	for i := z.raw.end; i < len(buf); i++ {
		c := buf[i]
		if endsName[c] {
			z.data.end = i
			z.raw.end = i
			if isSpace[c] {
				z.raw.end = i + 1
			}
			if plain {
				z.name = buf[start:i]
			} else {
				z.name = lowerName(buf[start:i])
			}
			return
		}
		if c-'A' < 26 || c == 0 {
			plain = false
		}
	}
	z.raw.end = len(buf)
	z.eof = true
	z.data.end = z.raw.end
	z.name = ""
}

// Next scans the next token and returns its type.
func (z *tokenizer) Next() html.TokenType {
	z.raw.start = z.raw.end
	z.data.start = z.raw.end
	z.data.end = z.raw.end
	if z.eof {
		z.tt = html.ErrorToken
		return z.tt
	}
	if z.rawTag != "" {
		if z.rawTag == "plaintext" {
			// Everything up to the end.
			z.raw.end = len(z.buf)
			z.eof = true
			z.data.end = z.raw.end
		} else {
			z.readRawOrRCDATA()
		}
		if z.data.end > z.data.start {
			z.tt = html.TextToken
			return z.tt
		}
	}

loop:
	for z.atOrReadTo('<') {
		// Is the '<' part of a tag, comment or doctype, or of the text?
		c := z.readByte()
		if z.eof {
			break loop
		}
		var tokenType html.TokenType
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			tokenType = html.StartTagToken
		case c == '/':
			tokenType = html.EndTagToken
		case c == '!' || c == '?':
			tokenType = html.CommentToken
		default:
			z.raw.end--
			continue
		}

		// Text read before the tag is a token of its own, returned first.
		if x := z.raw.end - len("<a"); z.raw.start < x {
			z.raw.end = x
			z.data.end = x
			z.tt = html.TextToken
			return z.tt
		}
		switch tokenType {
		case html.StartTagToken:
			z.tt = z.readStartTag()
			return z.tt
		case html.EndTagToken:
			c = z.readByte()
			if z.eof {
				break loop
			}
			if c == '>' {
				// "</>" is no token: an empty comment, for Raw.
				z.tt = html.CommentToken
				return z.tt
			}
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				z.readTag(false)
				if z.eof {
					z.tt = html.ErrorToken
				} else {
					z.tt = html.EndTagToken
				}
				return z.tt
			}
			z.raw.end--
			z.readUntilCloseAngle()
			z.tt = html.CommentToken
			return z.tt
		case html.CommentToken:
			if c == '!' {
				z.tt = z.readMarkupDeclaration()
				return z.tt
			}
			z.raw.end--
			z.readUntilCloseAngle()
			z.tt = html.CommentToken
			return z.tt
		}
	}
	if z.raw.start < z.raw.end {
		z.data.end = z.raw.end
		z.tt = html.TextToken
		return z.tt
	}
	z.tt = html.ErrorToken
	return z.tt
}

// Raw returns the unmodified text of the current token.
func (z *tokenizer) Raw() string { return z.buf[z.raw.start:z.raw.end] }

// attrs returns the number of attributes of the current start tag.
func (z *tokenizer) attrs() int {
	if z.tt != html.StartTagToken && z.tt != html.SelfClosingTagToken {
		return 0
	}
	return len(z.attr)
}

// attrKey returns the name of the i-th attribute of the current start tag
// as html.Tokenizer's TagAttr gives it: in lower case, NUL as U+FFFD.
func (z *tokenizer) attrKey(i int) string {
	key := z.buf[z.attr[i][0].start:z.attr[i][0].end]
	if strings.IndexByte(key, 0) >= 0 || hasUpper(key) {
		key = lowerASCII(strings.ReplaceAll(key, "\x00", "\ufffd"))
	}
	return key
}

// attrRawVal returns the value of the i-th attribute of the current start
// tag as written (attrVal is a function of it).
func (z *tokenizer) attrRawVal(i int) string { return z.buf[z.attr[i][1].start:z.attr[i][1].end] }

// attrKind returns the kind of the i-th attribute of the current start tag.
func (z *tokenizer) attrKind(i int) attrKind { return z.kinds[i] }

// attrVal returns the value of the i-th attribute of the current start tag
// as html.Tokenizer's TagAttr gives it: NUL as U+FFFD, CR LF and CR as LF,
// character references decoded as in an attribute. A value holding none
// of &, CR and NUL is as it stands; for one that does, html.Tokenizer
// itself is asked, on the tag alone (a start tag is read the same wherever
// it stands).
func (z *tokenizer) attrVal(i int) string {
	val := z.buf[z.attr[i][1].start:z.attr[i][1].end]
	if !needsDecoding(val) {
		return val
	}
	t := html.NewTokenizer(strings.NewReader(z.Raw()))
	t.Next()
	if z.only {
		// z.attr holds some of the attributes: this one is the first of
		// its name (one of the four kinds', ASCII) that html.Tokenizer gives.
		key := z.attrKey(i)
		for {
			k, v, more := t.TagAttr()
			if string(k) == key {
				return string(v)
			}
			if !more {
				return ""
			}
		}
	}
	for n := 0; ; n++ {
		_, v, more := t.TagAttr()
		if n == i {
			return string(v)
		}
		if !more {
			return ""
		}
	}
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// lowerASCII lowers the ASCII letters of s, as html.Tokenizer lowers names.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
