package nianbao

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/sniff"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/opengovcn/nianbao/internal/chars"
)

// decode turns raw input into UTF-8 text with LF line ends.
//
// It reads UTF-16 text (see fromUTF16), strips a UTF-8 byte-order mark,
// converts CRLF and lone CR to LF, and reads text that is not valid UTF-8 as
// GB18030 when it decodes cleanly as such. Binary formats (PDF, Word and
// other Office files, OFD, archives, images) are refused with
// ErrUnsupportedFormat and their name.
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
		return "", nil, fmt.Errorf("%w: the input is %s; convert it to text first", ErrUnsupportedFormat, f)
	}
	if u, ok := fromUTF16(src); ok {
		src = u
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

// decodeString is decode for text that is already a string (a front
// end's, or the input copied once): s itself when decode would return it
// as it is (valid UTF-8 without NUL, CR or byte-order mark, no binary
// format's first bytes: the common case), so that the text is not copied
// again; else decode's result.
func decodeString(s string) (string, []decodeIssue, error) {
	if strings.IndexByte(s, 0) < 0 && strings.IndexByte(s, '\r') < 0 && !strings.HasPrefix(s, "\xEF\xBB\xBF") &&
		utf8.ValidString(s) && binaryFormat([]byte(s[:min(len(s), sniff.PrefixLen)])) == "" {
		// (Valid UTF-8 has no FF or FE byte, and without NUL no UTF-16.)
		return s, nil, nil
	}
	return decode([]byte(s))
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

// binaryFormat names the file format that is not text src is in, as in
// "a Word document (.docx)", or returns "".
func binaryFormat(src []byte) string {
	if f, ok := sniff.Detect(src); ok {
		return f.EN
	}
	return ""
}

// fromUTF16 returns UTF-16 text converted to UTF-8, and whether src is
// UTF-16 text: with a byte-order mark (FF FE little-endian, FE FF
// big-endian; Windows Notepad's "Unicode" is the first), or without one
// when its zero bytes say so. A report's digits, spaces and line ends are
// ASCII, whose UTF-16 form has a zero byte in every second place (the odd
// places little-endian, the even ones big-endian); UTF-8 and GB18030 text
// has no zero bytes, binary data has them everywhere. So src without a
// mark is read as UTF-16 when at least one character in 20 is such a zero
// on one side, the other side has at most a quarter as many, and what it
// decodes to is text: characters that are printable or white space, no
// lone surrogates, at most one in 50 not so. Line and column positions in
// the result are those of the UTF-16 text (columns count characters).
func fromUTF16(src []byte) ([]byte, bool) {
	var bigEndian bool
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		src = src[2:]
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		src, bigEndian = src[2:], true
	default:
		if len(src) < 4 || bytes.IndexByte(src, 0) < 0 {
			return nil, false
		}
		n := min(len(src), 1<<16) &^ 1
		even, odd := 0, 0
		for i := 0; i < n; i += 2 {
			if src[i] == 0 {
				even++
			}
			if src[i+1] == 0 {
				odd++
			}
		}
		pairs := n / 2
		switch {
		case odd*20 >= pairs && even*4 <= odd:
		case even*20 >= pairs && odd*4 <= even:
			bigEndian = true
		default:
			return nil, false
		}
		if !textUTF16(src[:n], bigEndian) {
			return nil, false
		}
	}
	units := make([]uint16, len(src)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(src[2*i])<<8 | uint16(src[2*i+1])
		} else {
			units[i] = uint16(src[2*i+1])<<8 | uint16(src[2*i])
		}
	}
	out := make([]byte, 0, len(src)*3/2)
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	if len(src)%2 == 1 {
		out = utf8.AppendRune(out, utf8.RuneError) // a lone last byte
	}
	return out, true
}

// textUTF16 reports whether src, an even number of bytes, decodes as UTF-16
// in the given byte order to text: at most one character in 50 is a lone
// surrogate, a control character other than white space, or unassigned.
func textUTF16(src []byte, bigEndian bool) bool {
	units := make([]uint16, len(src)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(src[2*i])<<8 | uint16(src[2*i+1])
		} else {
			units[i] = uint16(src[2*i+1])<<8 | uint16(src[2*i])
		}
	}
	bad, n := 0, 0
	for _, r := range utf16.Decode(units) {
		n++
		switch {
		case chars.IsHTMLSpace(r): // white space, control characters among it
		case r == utf8.RuneError, unicode.IsControl(r), !unicode.IsPrint(r) && !chars.IsUnicodeSpace(r):
			bad++
		}
	}
	return n > 0 && bad*50 <= n
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
// line. Binary formats, which decode refuses, are returned as they are (a
// PNG's signature holds a CRLF); so is input without a CR. UTF-16 text must
// be converted first (fromUTF16): its CR is two bytes, and the byte 0x0D is
// half of many a Chinese character (不 is 0D 4E).
// Otherwise the result is a new slice. A CR never occurs inside a UTF-8 or
// GB18030 multi-byte sequence, so the conversion is safe before decoding.
func lineEnds(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 || binaryFormat(src) != "" {
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
