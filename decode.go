package nianbao

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/opengovcn/nianbao/internal/chars"
)

// decode turns raw input into UTF-8 text with LF line ends.
//
// It strips a UTF-8 byte-order mark, converts CRLF and lone CR to LF, and
// reads text that is not valid UTF-8 as GB18030 when it decodes cleanly as
// such. Binary formats (PDF, ZIP-based Word files, images) are refused with
// ErrUnsupportedFormat.
//
// Bad bytes inside text do not make the whole input unreadable: a line of
// GB18030 in a UTF-8 file is read as GB18030, and NUL bytes and bytes that
// are neither UTF-8 nor GB18030 are each replaced by U+FFFD; every such
// repair is returned as an issue for a warning. Input that is mostly bad
// bytes (binary data) is refused with ErrEncoding and the byte offset of the
// first problem.
//
// The line and rune-column structure of the result is that of the input, so
// positions computed on it point into the original.
func decode(src []byte) (string, []decodeIssue, error) {
	if f := binaryFormat(src); f != "" {
		return "", nil, fmt.Errorf("%w: the input is a %s file; convert it to text first", ErrUnsupportedFormat, f)
	}
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return "", nil, fmt.Errorf("%w: the input is UTF-16 text; save it as UTF-8", ErrEncoding)
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	nul := bytes.IndexByte(src, 0)
	valid := utf8.Valid(src)
	if nul < 0 && valid {
		return normalizeNewlines(src), nil, nil
	}
	var text string
	var issues []decodeIssue
	var bad int
	if !valid && plausibleGB(src) && !mostlyUTF8(src) {
		if dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src); err == nil {
			text, issues, bad = repair(normalizeNewlines(dec), false)
		}
	}
	if text == "" {
		text, issues, bad = repair(normalizeNewlines(src), true)
	}
	if bad*8 > len(src) {
		if nul >= 0 {
			return "", nil, fmt.Errorf("%w: NUL byte at offset %d; the input is binary data, not text", ErrEncoding, nul)
		}
		return "", nil, fmt.Errorf("%w: invalid UTF-8 at offset %d, and the input is not GB18030 text either", ErrEncoding, invalidUTF8Offset(src))
	}
	return text, issues, nil
}

// decodeIssue is a repair decode made: off is its byte offset in the
// decoded text.
type decodeIssue struct {
	off int
	msg string
}

// mostlyUTF8 reports whether more lines of src are valid UTF-8 with
// non-ASCII characters than are invalid: then src is UTF-8 with some bad
// lines, not GB18030 text.
func mostlyUTF8(src []byte) bool {
	good, bad := 0, 0
	for len(src) > 0 {
		var line []byte
		line, src, _ = bytes.Cut(src, []byte("\n"))
		switch {
		case !utf8.Valid(line):
			bad++
		case !chars.IsASCII(line):
			good++
		}
	}
	return good > bad
}

// repair replaces NUL bytes and bytes that are not UTF-8 with U+FFFD, one
// per byte; with gbLines, a line that is not UTF-8 but GB18030 is read as
// GB18030 instead. It returns the text, an issue for every repair, and the
// number of bytes replaced.
func repair(text string, gbLines bool) (string, []decodeIssue, int) {
	var b strings.Builder
	b.Grow(len(text) + len(text)/8)
	var issues []decodeIssue
	bad := 0
	for len(text) > 0 {
		line := text
		nl := ""
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, nl, text = text[:i], "\n", text[i+1:]
		} else {
			text = ""
		}
		if gbLines && !utf8.ValidString(line) && plausibleGB([]byte(line)) {
			if dec, err := simplifiedchinese.GB18030.NewDecoder().String(line); err == nil {
				issues = append(issues, decodeIssue{b.Len(), "this line is GB18030 text in a UTF-8 file; read as GB18030"})
				line = dec
			}
		}
		// Runs of bad bytes, each replaced rune by rune.
		for i := 0; i < len(line); {
			c := line[i]
			if c != 0 && c < utf8.RuneSelf {
				b.WriteByte(c)
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(line[i:])
			if c != 0 && (r != utf8.RuneError || n > 1) {
				b.WriteString(line[i : i+n])
				i += n
				continue
			}
			start, nuls, run := b.Len(), 0, 0
			for i < len(line) {
				if line[i] == 0 {
					nuls++
				} else if r, n := utf8.DecodeRuneInString(line[i:]); r != utf8.RuneError || n > 1 {
					break
				}
				b.WriteRune(utf8.RuneError)
				i++
				run++
			}
			bad += run
			msg := fmt.Sprintf("%d bytes that are not UTF-8 replaced by U+FFFD", run)
			switch {
			case nuls == run && run == 1:
				msg = "a NUL byte replaced by U+FFFD"
			case nuls == run:
				msg = fmt.Sprintf("%d NUL bytes replaced by U+FFFD", run)
			case run == 1:
				msg = "a byte that is not UTF-8 replaced by U+FFFD"
			case nuls > 0:
				msg = fmt.Sprintf("%d bytes that are not UTF-8 (%d of them NUL) replaced by U+FFFD", run, nuls)
			}
			issues = append(issues, decodeIssue{start, msg})
		}
		b.WriteString(nl)
	}
	return b.String(), issues, bad
}

// binaryFormat names the file format whose magic number starts src, or "".
func binaryFormat(src []byte) string {
	magic := []struct {
		prefix string
		name   string
	}{
		{"%PDF-", "PDF"},
		{"PK\x03\x04", "ZIP (Word .docx or other Office)"},
		{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "Word .doc (OLE)"},
		{"\xFF\xD8\xFF", "JPEG image"},
		{"\x89PNG\r\n\x1a\n", "PNG image"},
		{"GIF87a", "GIF image"},
		{"GIF89a", "GIF image"},
		{"{\\rtf", "RTF"},
	}
	for _, m := range magic {
		if bytes.HasPrefix(src, []byte(m.prefix)) {
			return m.name
		}
	}
	return ""
}

// plausibleGB reports whether non-UTF-8 input looks like GB18030 text rather
// than arbitrary bytes: every byte ≥ 0x80 must start or continue a valid
// two- or four-byte GB18030 sequence, and control bytes other than the usual
// white space must be rare.
func plausibleGB(src []byte) bool {
	ctrl := 0
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c < 0x80:
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
				ctrl++
			}
			i++
		case c == 0x80 || c == 0xFF:
			return false
		case i+1 < len(src) && src[i+1] >= 0x40 && src[i+1] <= 0xFE && src[i+1] != 0x7F:
			i += 2
		case i+3 < len(src) && src[i+1] >= 0x30 && src[i+1] <= 0x39 &&
			src[i+2] >= 0x81 && src[i+2] <= 0xFE && src[i+3] >= 0x30 && src[i+3] <= 0x39:
			i += 4
		default:
			return false
		}
	}
	return ctrl*100 <= len(src)
}

func invalidUTF8Offset(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(src)
}

// lineEnds converts the line ends of raw input to LF: CRLF (Windows) and a
// lone CR (old Mac OS) each become one LF, in any mixture. It is the first
// stage of every parse, before the input is sniffed for HTML or a flattened
// web page: a report whose lines end in CR alone must not read as one long
// line. Binary formats and UTF-16 text, which decode refuses, are returned
// as they are (a PNG's signature holds a CRLF); so is input without a CR.
// Otherwise the result is a new slice. A CR never occurs inside a UTF-8 or
// GB18030 multi-byte sequence, so the conversion is safe before decoding.
func lineEnds(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 || binaryFormat(src) != "" ||
		bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return src
	}
	out := make([]byte, 0, len(src))
	for {
		i := bytes.IndexByte(src, '\r')
		if i < 0 {
			return append(out, src...)
		}
		out = append(append(out, src[:i]...), '\n')
		src = src[i+1:]
		if len(src) > 0 && src[0] == '\n' {
			src = src[1:]
		}
	}
}

// normalizeNewlines converts CRLF and lone CR to LF; the result does not
// share memory with b.
func normalizeNewlines(b []byte) string {
	if bytes.IndexByte(b, '\r') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			if i+1 < len(b) && b[i+1] == '\n' {
				continue
			}
			out = append(out, '\n')
			continue
		}
		out = append(out, b[i])
	}
	return string(out)
}
