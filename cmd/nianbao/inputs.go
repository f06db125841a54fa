package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/opengovcn/nianbao"
)

// stdinName is how standard input is named in messages and output.
const stdinName = "<standard input>"

// reportExts are the file name extensions a directory walk picks up.
var reportExts = []string{".txt", ".md", ".html", ".htm"}

// input is one report to read: a file, or standard input.
type input struct {
	name  string // the path as given or found, or stdinName
	stdin bool
	err   error // set when the argument could not be expanded
}

// expand turns command-line arguments into inputs in order: a file stands for
// itself whatever its name, a directory for the report files under it
// (walked recursively, sorted, hidden directories skipped), "-" for standard
// input. No arguments means standard input. An argument that cannot be read
// becomes an input carrying its error, so that it is reported in its place
// and does not stop the others.
func expand(args []string) ([]input, error) {
	if len(args) == 0 {
		return []input{{name: stdinName, stdin: true}}, nil
	}
	var ins []input
	sawStdin := false
	for _, a := range args {
		if a == "-" {
			if sawStdin {
				return nil, errors.New(`"-" (standard input) given more than once`)
			}
			sawStdin = true
			ins = append(ins, input{name: stdinName, stdin: true})
			continue
		}
		fi, err := os.Stat(a)
		if err != nil || !fi.IsDir() {
			ins = append(ins, input{name: a, err: err})
			continue
		}
		var found []input
		err = filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				found = append(found, input{name: path, err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != a && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if slices.Contains(reportExts, strings.ToLower(filepath.Ext(path))) {
				found = append(found, input{name: path})
			}
			return nil
		})
		if err != nil {
			found = append(found, input{name: a, err: err})
		}
		if len(found) == 0 {
			found = append(found, input{name: a, err: errNoReports})
		}
		slices.SortStableFunc(found, func(x, y input) int { return strings.Compare(x.name, y.name) })
		ins = append(ins, found...)
	}
	return ins, nil
}

var errNoReports = fmt.Errorf("no %s files in this directory", strings.Join(reportExts, " "))

// read returns the bytes of an input.
func (in input) read(stdin io.Reader) ([]byte, error) {
	if in.err != nil {
		return nil, in.err
	}
	if in.stdin {
		if stdin == nil {
			return nil, nil
		}
		return io.ReadAll(stdin)
	}
	return os.ReadFile(in.name)
}

// load reads and parses an input. On failure it returns a one-line message
// that says what to do.
func (in input) load(stdin io.Reader, strict bool) (r *nianbao.Report, data []byte, err error) {
	data, err = in.read(stdin)
	if err != nil {
		return nil, nil, err
	}
	p := &nianbao.Parser{Filename: in.name, Strict: strict}
	r, err = p.Parse(data)
	return r, data, err
}

// explain turns the error of reading or parsing an input into one line that
// names the input and says what to do about it.
func explain(name string, data []byte, err error) string {
	msg := strings.TrimPrefix(err.Error(), name+": ")
	var pe *fs.PathError
	switch {
	case errors.Is(err, errNoReports):
		return name + ": " + msg + "; give report files or another directory"
	case errors.Is(err, fs.ErrNotExist):
		return name + ": no such file or directory; check the path"
	case errors.Is(err, fs.ErrPermission):
		return name + ": permission denied; check the file's permissions"
	case errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "is a directory"):
		return name + ": is a directory"
	case errors.As(err, &pe):
		return name + ": cannot read: " + pe.Err.Error()
	case errors.Is(err, nianbao.ErrUnsupportedFormat):
		switch sniff(data) {
		case "pdf":
			return name + ": PDF is not supported directly; convert it with pdftotext -layout first"
		case "word":
			return name + ": Word documents are not supported directly; save it as plain text (UTF-8 .txt) first"
		case "image":
			return name + ": images are not supported; run OCR on it and save the text first"
		}
		return name + ": " + withHint(msg, "convert it to plain text first")
	case errors.Is(err, nianbao.ErrEncoding):
		return name + ": " + withHint(msg, "save the file as UTF-8 (or GB18030) text")
	case errors.Is(err, nianbao.ErrNotAReport):
		return name + ": " + withHint(msg, "check that the file is a 政府信息公开工作年度报告")
	}
	return name + ": " + msg
}

func withHint(msg, hint string) string {
	if strings.Contains(msg, "; ") {
		return msg // the library already says what to do
	}
	return msg + "; " + hint
}

// sniff names the kind of binary file data starts with: "pdf", "word",
// "image" or "".
func sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")),
		bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")),
		bytes.HasPrefix(data, []byte("{\\rtf")):
		return "word"
	case bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")),
		bytes.HasPrefix(data, []byte("\x89PNG")),
		bytes.HasPrefix(data, []byte("GIF8")):
		return "image"
	}
	return ""
}
