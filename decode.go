package nianbao

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// decode turns raw input into UTF-8 text with LF line ends.
//
// It strips a UTF-8 byte-order mark, converts CRLF and lone CR to LF, and
// reads text that is not valid UTF-8 as GB18030 when it decodes cleanly as
// such. Binary formats (PDF, ZIP-based Word files, images) are refused with
// ErrUnsupportedFormat, and input that is neither UTF-8 nor GB18030, or that
// contains NUL bytes, with ErrEncoding and the byte offset of the problem.
//
// The line and rune-column structure of the result is that of the input, so
// positions computed on it point into the original.
func decode(src []byte) (string, error) {
	if f := binaryFormat(src); f != "" {
		return "", fmt.Errorf("%w: the input is a %s file; convert it to text first", ErrUnsupportedFormat, f)
	}
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return "", fmt.Errorf("%w: the input is UTF-16 text; save it as UTF-8", ErrEncoding)
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return "", fmt.Errorf("%w: NUL byte at offset %d; the input is binary data, not text", ErrEncoding, i)
	}
	text := src
	if !utf8.Valid(src) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src)
		if err != nil || !plausibleGB(src) {
			off := invalidUTF8Offset(src)
			return "", fmt.Errorf("%w: invalid UTF-8 at offset %d, and the input is not GB18030 text either", ErrEncoding, off)
		}
		text = dec
	}
	return normalizeNewlines(text), nil
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

// normalizeNewlines converts CRLF and lone CR to LF.
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
