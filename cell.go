package nianbao

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/opengovcn/nianbao/internal/chars"
)

// Kind is the kind of a table cell's content.
type Kind uint8

// Cell kinds. The zero Kind is Absent.
const (
	// Absent: the cell is not part of the layout the report used, e.g. a
	// 2019 cell in a 2021 table. Absent cells are not listed in exports.
	Absent Kind = iota
	// Number: a number, kept as its normalised digits (see [Cell.Value]).
	Number
	// Blank: the cell exists but nothing is written in it. Blank is not 0.
	Blank
	// NotApplicable: a slash or dash mark (/, ／, —, -, --).
	NotApplicable
	// Text: anything else (无, 不适用, a footnote mark), kept verbatim.
	Text
)

var kindNames = [...]string{Absent: "absent", Number: "number", Blank: "blank", NotApplicable: "not_applicable", Text: "text"}

// String returns the kind's name: absent, number, blank, not_applicable or text.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) {
	if int(k) >= len(kindNames) {
		return nil, fmt.Errorf("nianbao: invalid cell kind %d", k)
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if n == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("%w: unknown cell kind %q", ErrBadCell, b)
}

// Cell is one value cell of tables 2–4.
//
// A Number keeps its normalised digits in Value: ASCII digits, an optional
// leading minus sign and an optional decimal point with digits after it
// ("96171.6" stays exactly that; there is no float64 anywhere). A Text cell
// keeps its text verbatim in Value. Blank, NotApplicable and Absent cells have
// an empty Value.
//
// Pos is where the cell's content starts in the source; it does not take part
// in [Cell.Equal].
type Cell struct {
	Kind  Kind
	Value string
	Pos   Position
}

// BlankCell returns a blank cell.
func BlankCell() Cell { return Cell{Kind: Blank} }

// NACell returns a not-applicable cell.
func NACell() Cell { return Cell{Kind: NotApplicable} }

// TextCell returns a text cell holding s verbatim.
func TextCell(s string) Cell { return Cell{Kind: Text, Value: s} }

// IntCell returns a number cell holding n.
func IntCell(n int64) Cell { return Cell{Kind: Number, Value: strconv.FormatInt(n, 10)} }

// NumCell returns a number cell holding the decimal number s, which must already
// be normalised: an optional "-", ASCII digits, and optionally "." followed
// by digits. Use [ParseValue] to read a cell as people write it.
func NumCell(s string) (Cell, error) {
	if !IsNumber(s) {
		return Cell{}, fmt.Errorf("%w: %q is not a decimal number", ErrBadNumber, s)
	}
	return Cell{Kind: Number, Value: s}, nil
}

// MustNum is like [NumCell] but panics if s is not a normalised number. It is meant
// for literals in programs and tests.
func MustNum(s string) Cell {
	c, err := NumCell(s)
	if err != nil {
		panic(err)
	}
	return c
}

// IsNumber reports whether s is a normalised decimal number: an optional
// "-", one or more ASCII digits, and optionally "." and one or more digits.
func IsNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasDot := strings.Cut(s, ".")
	return chars.AllDigits(intPart) && (!hasDot || chars.AllDigits(frac))
}

// Equal reports whether two cells have the same kind and value, ignoring
// positions. go-cmp uses it, so reports compare by content.
func (c Cell) Equal(d Cell) bool { return c.Kind == d.Kind && c.Value == d.Value }

// IsZero reports whether the cell is Absent; encoding/json omits such cells.
func (c Cell) IsZero() bool { return c.Kind == Absent }

// String returns the cell as CSV and the canonical text show it: the digits of
// a number, "" for blank and absent, "/" for not applicable, the text verbatim.
func (c Cell) String() string {
	switch c.Kind {
	case Number, Text:
		return c.Value
	case NotApplicable:
		return "/"
	}
	return ""
}

// Int64 returns the value of a number cell that is an integer fitting in
// int64, and whether it is one.
func (c Cell) Int64() (int64, bool) {
	if c.Kind != Number || strings.Contains(c.Value, ".") {
		return 0, false
	}
	n, err := strconv.ParseInt(c.Value, 10, 64)
	return n, err == nil
}

// Rat returns the exact value of a number cell and whether it is one.
func (c Cell) Rat() (*big.Rat, bool) {
	if c.Kind != Number {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(c.Value)
	return r, ok
}

type cellJSON struct {
	Kind  Kind     `json:"kind"`
	Value string   `json:"value,omitempty"`
	Pos   Position `json:"pos,omitzero"`
}

// MarshalJSON encodes the cell as {"kind":"number","value":"12"},
// {"kind":"blank"}, {"kind":"not_applicable"} or {"kind":"text","value":"无"},
// with "pos" when the position is known.
func (c Cell) MarshalJSON() ([]byte, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	return json.Marshal(cellJSON(c))
}

// UnmarshalJSON decodes what MarshalJSON encodes and rejects cells whose value
// does not fit their kind, with an error wrapping [ErrBadCell].
func (c *Cell) UnmarshalJSON(b []byte) error {
	var j cellJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	d := Cell(j)
	if err := d.check(); err != nil {
		return err
	}
	*c = d
	return nil
}

func (c Cell) check() error {
	switch c.Kind {
	case Number:
		if !IsNumber(c.Value) {
			return fmt.Errorf("%w: number cell holds %q", ErrBadCell, c.Value)
		}
	case Text:
		if c.Value == "" {
			return fmt.Errorf("%w: empty text cell", ErrBadCell)
		}
	case Absent, Blank, NotApplicable:
		if c.Value != "" {
			return fmt.Errorf("%w: %s cell holds %q", ErrBadCell, c.Kind, c.Value)
		}
	default:
		return fmt.Errorf("%w: unknown kind %d", ErrBadCell, c.Kind)
	}
	return nil
}

// ParseValue reads one table cell as people write it, following FORMAT.md:
// surrounding spaces are trimmed; nothing left is Blank; a slash or dash mark
// (/ ／ — – - -- ——) is NotApplicable; a number in ASCII or full-width digits,
// with an optional sign, thousands separators and a decimal point, is a
// Number with its normalised digits; anything else is Text, kept verbatim.
func ParseValue(s string) Cell {
	s = strings.TrimFunc(s, chars.IsSpace)
	if s == "" {
		return BlankCell()
	}
	if isNAMark(s) {
		return NACell()
	}
	if n, ok := normalizeNumber(s); ok {
		return Cell{Kind: Number, Value: n}
	}
	return TextCell(s)
}

func isNAMark(s string) bool {
	for _, r := range s {
		switch r {
		case '/', '／', '—', '–', '-', '－', '―', '─', '━', '\\', '＼':
		default:
			return false
		}
	}
	// A run of dashes longer than a few characters is a rule, not a cell
	// mark; the parser decides that before calling ParseValue.
	return true
}

// normalizeNumber folds full-width digits and signs, removes thousands
// separators and a leading "+", and reports whether s is a number.
func normalizeNumber(s string) (string, bool) {
	// The digits go to a buffer on the stack: text that is no number, the
	// common case, allocates nothing.
	var buf [32]byte
	b := buf[:0]
	digits, afterDot, groupLen, sawComma := 0, false, 0, false
	for i, r := range s {
		d, isDigit := chars.DigitValue(r)
		switch {
		case isDigit:
			b = append(b, byte('0'+d))
			digits++
			groupLen++
		case (r == '-' || r == '－' || r == '﹣' || r == '−') && i == 0:
			b = append(b, '-')
		case (r == '+' || r == '＋') && i == 0:
		case (r == ',' || r == '，') && !afterDot && digits > 0:
			if sawComma && groupLen != 3 {
				return "", false
			}
			sawComma, groupLen = true, 0
		case (r == '.' || r == '．') && !afterDot && digits > 0:
			if sawComma && groupLen != 3 {
				return "", false
			}
			b = append(b, '.')
			afterDot, sawComma = true, false
			digits = 0
		default:
			return "", false
		}
	}
	if digits == 0 || (sawComma && groupLen != 3) {
		return "", false
	}
	return string(b), true
}
