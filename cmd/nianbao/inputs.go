package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
// (walked recursively, sorted; see walk), "-" for standard input. No
// arguments means standard input. An argument that cannot be read becomes an
// input carrying its error, so that it is reported in its place and does not
// stop the others. What a walk skips with a note is noted on e.stderr.
func (e *env) expand(args []string) ([]input, error) {
	if len(args) == 0 {
		return []input{{name: stdinName, stdin: true}}, nil
	}
	// The directories given, resolved: the walks follow links into them only.
	var roots []string
	for _, a := range args {
		if fi, err := os.Stat(a); err == nil && fi.IsDir() && a != "-" {
			if real, err := realPath(a); err == nil {
				roots = append(roots, real)
			}
		}
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
		ins = append(ins, e.walk(a, roots)...)
	}
	return ins, nil
}

// realPath returns the absolute path of name with every symbolic link
// resolved.
func realPath(name string) (string, error) {
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

// walk returns the report files under the directory dir (a path as given,
// which may be or pass through a symbolic link), sorted, named under dir.
// It reads what it finds with care, for a directory can hold anything:
//
//   - only regular files whose names end in a report extension; a named
//     pipe, socket or device so named is skipped with a note (reading one
//     would hang or never end);
//   - hidden files and directories (names starting with ".") are skipped;
//   - a symbolic link named as a report is followed when it leads to a
//     regular file inside one of the directories given (roots, resolved),
//     unless the walk reads that file where it is; a link that leads out of
//     them, or nowhere, is skipped with a note; a link to a directory is never
//     followed (one out of the roots gets a note; one inside leads to files
//     read where they are).
func (e *env) walk(dir string, roots []string) []input {
	real, err := realPath(dir)
	if err != nil {
		return []input{{name: dir, err: err}}
	}
	var found []input
	note := func(name, zh, en string) {
		fmt.Fprintf(e.stderr, "%s: %s / %s\n", quoteName(name), zh, en)
	}
	err = filepath.WalkDir(real, func(path string, d fs.DirEntry, err error) error {
		name := dir
		if path != real {
			rel, _ := filepath.Rel(real, path)
			name = filepath.Join(dir, rel)
		}
		if err != nil {
			found = append(found, input{name: name, err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path == real {
			return nil
		}
		hidden := strings.HasPrefix(d.Name(), ".")
		if d.IsDir() {
			if hidden {
				return fs.SkipDir
			}
			return nil
		}
		if hidden {
			return nil
		}
		switch t := d.Type(); {
		case t.IsRegular():
			if isReportName(path) {
				found = append(found, input{name: name})
			}
		case t&fs.ModeSymlink != 0:
			target, err := realPath(path)
			if err != nil {
				if isReportName(path) {
					note(name, "符号链接无效，已跳过", "a broken symbolic link, skipped")
				}
				return nil
			}
			fi, err := os.Stat(target)
			switch {
			case err != nil:
				if isReportName(path) {
					note(name, "符号链接无效，已跳过", "a broken symbolic link, skipped")
				}
			case fi.IsDir():
				if !inside(target, roots) {
					note(name, "指向所给目录之外的目录的符号链接，未跟随", "a symbolic link to a directory outside the directories given, not followed")
				}
			case !isReportName(path):
			case !inside(target, roots):
				note(name, "指向所给目录之外的符号链接，未读取", "a symbolic link to outside the directories given, not read")
			case !fi.Mode().IsRegular():
				note(name, "指向"+fileKind(fi.Mode())+"的符号链接，不是普通文件，已跳过", "a symbolic link to "+fileKindEN(fi.Mode())+", not a regular file, skipped")
			case walked(target, roots):
				// read where it is
			default:
				found = append(found, input{name: name})
			}
		default:
			if isReportName(path) {
				note(name, "是"+fileKind(t)+"，不是普通文件，已跳过", "is "+fileKindEN(t)+", not a regular file, skipped")
			}
		}
		return nil
	})
	if err != nil {
		found = append(found, input{name: dir, err: err})
	}
	if len(found) == 0 {
		found = append(found, input{name: dir, err: errNoReports})
	}
	slices.SortStableFunc(found, func(x, y input) int { return strings.Compare(x.name, y.name) })
	return found
}

// isReportName reports whether a walk reads a file of this name.
func isReportName(name string) bool {
	return slices.Contains(reportExts, strings.ToLower(filepath.Ext(name)))
}

// inside reports whether the resolved path p is one of roots or under one.
func inside(p string, roots []string) bool {
	for _, r := range roots {
		if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) || r == string(filepath.Separator) {
			return true
		}
	}
	return false
}

// walked reports whether a walk of roots reads the resolved path p where it
// is: a regular report file under a root with no hidden directory or name on
// the way.
func walked(p string, roots []string) bool {
	if !isReportName(p) {
		return false
	}
	for _, r := range roots {
		rel, err := filepath.Rel(r, p)
		if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
			continue
		}
		hidden := false
		for part := range strings.SplitSeq(rel, string(filepath.Separator)) {
			hidden = hidden || strings.HasPrefix(part, ".")
		}
		if !hidden {
			return true
		}
	}
	return false
}

// fileKind and fileKindEN name the kind of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "命名管道（FIFO）"
	case m&fs.ModeSocket != 0:
		return "套接字"
	case m&fs.ModeDevice != 0:
		return "设备文件"
	}
	return "特殊文件"
}

func fileKindEN(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

var errNoReports = fmt.Errorf("no %s files in this directory", strings.Join(reportExts, " "))

// defaultMaxSize is the default of -max-size.
const defaultMaxSize = 200 << 20

// errTooLarge is wrapped by the error of an input larger than -max-size.
var errTooLarge = errors.New("input too large")

// read returns the bytes of an input, at most e.maxSize of them: a larger
// input is an error wrapping errTooLarge, found before it is read when its
// size is known, else as soon as the limit is passed (standard input, a
// pipe, /dev/zero).
func (in input) read(e *env) ([]byte, error) {
	if in.err != nil {
		return nil, in.err
	}
	limit := e.limit()
	if in.stdin {
		if e.stdin == nil {
			return nil, nil
		}
		return readLimited(e.stdin, limit, 0)
	}
	f, err := os.Open(in.name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: in.name, Err: errors.New("is a directory")}
	}
	size := int64(0)
	if fi.Mode().IsRegular() {
		size = fi.Size()
		if size > limit {
			return nil, tooLarge(limit)
		}
	}
	return readLimited(f, limit, size)
}

// limit is the size limit of an input.
func (e *env) limit() int64 {
	if e.maxSize > 0 {
		return int64(e.maxSize)
	}
	return defaultMaxSize
}

// readLimited reads r to its end, at most limit bytes of it; size, if not
// 0, is what r is expected to hold.
func readLimited(r io.Reader, limit, size int64) ([]byte, error) {
	buf := make([]byte, 0, min(size, limit)+512)
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, min(max(cap(buf), 512), int(limit+1)-len(buf)))
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, tooLarge(limit)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func tooLarge(limit int64) error {
	s := byteSize(limit).String()
	return fmt.Errorf("%w: 输入超过 %s 的大小上限，未读取，可用 -max-size 放宽 / larger than the limit of %s, not read; raise it with -max-size", errTooLarge, s, s)
}

// byteSize is a size in bytes as -max-size reads and prints it: a number,
// decimals allowed, with an optional unit B, K or KB, M or MB, G or GB
// (binary multiples: 1 KB = 1024 bytes), in any case.
type byteSize int64

func (b byteSize) String() string {
	for _, u := range []struct {
		name string
		n    int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if int64(b) >= u.n && int64(b)%u.n == 0 {
			return strconv.FormatInt(int64(b)/u.n, 10) + u.name
		}
	}
	return strconv.FormatInt(int64(b), 10) + "B"
}

func (b *byteSize) Set(s string) error {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"GB", 1 << 30}, {"G", 1 << 30}, {"MB", 1 << 20}, {"M", 1 << 20}, {"KB", 1 << 10}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.n
			break
		}
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || x <= 0 || x*float64(mult) > 1<<62 {
		return fmt.Errorf("大小应为正数，可带单位 KB、MB、GB，如 200MB / want a positive size with an optional unit KB, MB or GB, as in 200MB")
	}
	*b = byteSize(max(int64(x*float64(mult)), 1))
	return nil
}

// inputFlags declares the flags of every command that reads reports.
func inputFlags(fs *flag.FlagSet, e *env) {
	e.maxSize = defaultMaxSize
	fs.Var(&e.maxSize, "max-size", "the largest input read, files and standard input alike / 每个输入（文件或标准输入）的大小上限")
}

// load reads and parses an input. On failure it returns a one-line message
// that says what to do.
func (in input) load(e *env, strict bool) (r *nianbao.Report, data []byte, err error) {
	data, err = in.read(e)
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
	msg := clipMessage(strings.TrimPrefix(err.Error(), name+": "))
	name = quoteName(name)
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

// diagnosticText is d.Error() with its file name quoted by quoteName and
// its message clipped by clipMessage.
func diagnosticText(d *nianbao.Diagnostic) string {
	c := *d
	c.Msg = clipMessage(c.Msg)
	text := c.Error()
	if c.File != "" {
		text = quoteName(c.File) + strings.TrimPrefix(text, c.File)
	}
	return text
}

// maxMessage is the most runes of a message the CLI prints.
const maxMessage = 500

// clipMessage cuts a message longer than maxMessage runes, as one that
// quotes a huge piece of the input whole: its first maxMessage runes and a
// note of how many more there were.
func clipMessage(msg string) string {
	n := 0
	for i := range msg {
		if n == maxMessage {
			rest := utf8.RuneCountInString(msg[i:])
			return msg[:i] + fmt.Sprintf("…（另有 %d 字 / %d more characters）", rest, rest)
		}
		n++
	}
	return msg
}

// quoteName returns a file name as messages and line-oriented output
// (file:line:col: …, fmt -l) show it: as it is, unless it holds a control
// character (a newline would split the line into two that each look like
// output) or is not valid UTF-8; then Go-quoted, as "a\nb.txt".
func quoteName(name string) string {
	if !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl) {
		return strconv.Quote(name)
	}
	return name
}
