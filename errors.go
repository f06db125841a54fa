package nianbao

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Sentinel errors. Every error and warning the package reports wraps one of
// them, so callers can test for a condition with errors.Is.
var (
	// ErrNotAReport: the input is not an annual report on government
	// information disclosure at all (empty, a news article, binary data).
	ErrNotAReport = errors.New("not an annual report on government information disclosure")
	// ErrEncoding: the input's bytes cannot be read as UTF-8 or GB18030.
	ErrEncoding = errors.New("unreadable text encoding")
	// ErrUnsupportedFormat: the input is a format nianbao does not read
	// directly (PDF, Word, an image).
	ErrUnsupportedFormat = errors.New("unsupported input format")
	// ErrUnknownCell: a cell reference that names no cell.
	ErrUnknownCell = errors.New("unknown cell reference")
	// ErrBadCell: a cell whose value does not fit its kind.
	ErrBadCell = errors.New("invalid cell")
	// ErrInvalid: the report breaks a validation rule; every [Finding]
	// wraps it.
	ErrInvalid = errors.New("report breaks a validation rule")
	// ErrBadNumber: text that should be a number and is not one.
	ErrBadNumber = errors.New("invalid number")
	// ErrRepaired: the parser repaired or guessed something (a label broken
	// across lines, a row read by position). A warning unless the parser
	// is strict.
	ErrRepaired = errors.New("repaired input")
	// ErrUnrecognized: text the parser kept but could not place.
	ErrUnrecognized = errors.New("unrecognized text")
	// ErrMissing: a table, row or section the template requires is missing.
	ErrMissing = errors.New("missing from the report")
	// ErrAmbiguous: the input can be read in more than one way and the
	// parser did not choose.
	ErrAmbiguous = errors.New("ambiguous input")
)

// Severity says how serious a diagnostic is.
type Severity uint8

// Severities.
const (
	SeverityWarning Severity = iota
	SeverityError
)

// String returns "warning" or "error".
func (s Severity) String() string {
	if s == SeverityError {
		return "error"
	}
	return "warning"
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "warning":
		*s = SeverityWarning
	case "error":
		*s = SeverityError
	default:
		return fmt.Errorf("nianbao: unknown severity %q", b)
	}
	return nil
}

// Diagnostic is a positioned message from the parser: a warning about
// something repaired or guessed, or an error. It implements error; Unwrap
// returns the sentinel it wraps.
type Diagnostic struct {
	File     string   `json:"file,omitempty"`
	Pos      Position `json:"pos,omitzero"`
	Severity Severity `json:"severity"`
	// Ref is the cell reference or section the diagnostic is about, if any.
	Ref string `json:"ref,omitempty"`
	// Msg is the message in plain words.
	Msg string `json:"message"`
	Err error  `json:"-"`
}

// Error returns "file:line:col: severity: message".
func (d *Diagnostic) Error() string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(d.File)
		b.WriteByte(':')
	}
	if d.Pos.IsValid() {
		b.WriteString(d.Pos.String())
		b.WriteByte(':')
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Msg)
	return b.String()
}

// Equal reports whether two diagnostics say the same thing at the same place.
// It compares sentinels with errors.Is, so a diagnostic decoded from JSON (which
// keeps no sentinel) equals only one without a sentinel.
func (d *Diagnostic) Equal(e *Diagnostic) bool {
	if d == nil || e == nil {
		return d == e
	}
	return d.File == e.File && d.Pos == e.Pos && d.Severity == e.Severity && d.Ref == e.Ref &&
		d.Msg == e.Msg && (d.Err == e.Err || errors.Is(d.Err, e.Err))
}

// Unwrap returns the sentinel error the diagnostic wraps.
func (d *Diagnostic) Unwrap() error { return d.Err }

// ErrorList is a list of diagnostics. Its Error method prints the first and
// how many more there are; errors.Is and errors.As see every element.
type ErrorList []*Diagnostic

// Error implements error.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", l[0].Error(), len(l)-1)
}

// Unwrap returns the elements, so errors.Is matches any of them.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, d := range l {
		out[i] = d
	}
	return out
}

// Err returns the list as an error, or nil if it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Sort sorts the list by file, line and column.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Pos.Column < b.Pos.Column
	})
}

func sortStrings(s []string) { sort.Strings(s) }
