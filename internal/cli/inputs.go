package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/sniff"
)

// stdinName is how standard input is named in messages and output.
const stdinName = "<standard input>"

// reportExts are the file name extensions a directory walk picks up; a
// build with readers (Options.Readers) adds theirs (env.exts).
var reportExts = []string{".txt", ".md", ".html", ".htm", ".docx"}

// exts are the file name extensions a walk picks up in this build:
// reportExts, then the readers' in order.
func (e *env) exts() []string {
	if len(e.opts.Readers) == 0 {
		return reportExts
	}
	return append(slices.Clone(reportExts), slices.Sorted(maps.Keys(e.opts.Readers))...)
}

// isReportName reports whether a walk reads a file of this name.
func (e *env) isReportName(name string) bool {
	return slices.Contains(e.exts(), strings.ToLower(filepath.Ext(name)))
}

// readerFor returns the reader of an input's bytes: the reader of its
// name's extension, else the reader of the kind its content is (a PDF
// named otherwise, or on standard input), else nil.
func (e *env) readerFor(name string, data []byte) Reader {
	if len(e.opts.Readers) == 0 {
		return nil
	}
	if rd := e.opts.Readers[strings.ToLower(filepath.Ext(name))]; rd != nil {
		return rd
	}
	if f, ok := sniff.Detect(data); ok {
		return e.opts.Readers["."+f.Kind]
	}
	return nil
}

// readerError is the error of a Reader, with the input's name.
type readerError struct{ err error }

func (r *readerError) Error() string { return r.err.Error() }
func (r *readerError) Unwrap() error { return r.err }

// input is one report to read: a file, or standard input.
type input struct {
	name  string // the path as given or found, or stdinName
	stdin bool
	err   error // set when the argument could not be expanded
	// readme marks a file a walk found whose name says it is about the
	// other files (README.md, LICENSE.txt, 说明.txt): when it is not a
	// report, it is skipped with a note, not an error.
	readme bool
}

// message is a message in Chinese and in English.
type message struct{ zh, en string }

// String returns the message as the CLI prints it: Chinese, then English.
func (m message) String() string { return m.zh + " / " + m.en }

// usageErr is a usage error found in the arguments.
type usageErr message

func (u *usageErr) Error() string { return u.en }

// errNoInput is returned by expand when no file is given and standard
// input is a terminal: nobody is going to type a report there.
var errNoInput = errors.New("no file given and standard input is a terminal")

// stdinTerminal reports whether standard input is a terminal: a character
// device other than the null device (nianbao validate < /dev/null, as cron
// runs it, reads an empty input). It is a variable for tests.
var stdinTerminal = func(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(fi, null)
}

// expand turns command-line arguments into inputs in order: a file stands for
// itself whatever its name, a directory for the report files under it
// (walked recursively, sorted; see walk), "-" for standard input. No
// arguments means standard input, unless it is a terminal (errNoInput). An
// argument that cannot be read becomes an input carrying its error, so that
// it is reported in its place and does not stop the others. What a walk
// skips is noted on e.stderr (see note). expand sets e.batch when there is
// more than one argument or a directory among them.
func (e *env) expand(args []string) ([]input, error) {
	if len(args) == 0 {
		if stdinTerminal(e.stdin) {
			return nil, errNoInput
		}
		return []input{{name: stdinName, stdin: true}}, nil
	}
	e.batch = len(args) > 1
	// The directories given, resolved: the walks follow links into them only.
	var roots []string
	for _, a := range args {
		if fi, err := os.Stat(a); err == nil && fi.IsDir() && a != "-" {
			e.batch = true
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
				return nil, &usageErr{`"-"（标准输入）只能给一次`, `"-" (standard input) given more than once`}
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

// expandFailed reports an error of expand for the command cmd and returns
// exitBad: with no file at a terminal, the command's help.
func (e *env) expandFailed(cmd string, err error) int {
	if errors.Is(err, errNoInput) {
		fmt.Fprintf(e.stderr, "nianbao %s: 没有给出文件；要读标准输入，请给出 -，如 nianbao %s - < 报告.txt / no file given; to read standard input, give -, as in nianbao %s - < report.txt\n\n", cmd, cmd, cmd)
		commandHelp(e.stderr, lookup(cmd))
		return exitBad
	}
	var u *usageErr
	if errors.As(err, &u) {
		return usageError(e, cmd, u.zh, u.en)
	}
	return usageError(e, cmd, err.Error(), err.Error())
}

// note writes a one-line note on something a walk or a run skipped, unless
// -q is given, and counts it.
func (e *env) note(name string, m message) {
	e.skipped++
	if !e.quiet {
		fmt.Fprintf(e.stderr, "%s: %s\n", quoteName(name), m)
	}
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
	note := func(name, zh, en string) { e.note(name, message{zh, en}) }
	others := map[string]int{} // files of other kinds, by extension
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
			switch ext := strings.ToLower(filepath.Ext(path)); {
			case e.isReportName(path):
				found = append(found, input{name: name, readme: isReadme(path)})
			case extKinds[ext] != "":
				a := advice(extKinds[ext])
				note(name, "不是可读取的报告格式，已跳过；"+a.zh, "not a report format nianbao reads, skipped; "+a.en)
			default:
				others[ext]++
			}
		case t&fs.ModeSymlink != 0:
			target, err := realPath(path)
			if err != nil {
				if e.isReportName(path) {
					note(name, "符号链接无效，已跳过", "a broken symbolic link, skipped")
				}
				return nil
			}
			fi, err := os.Stat(target)
			switch {
			case err != nil:
				if e.isReportName(path) {
					note(name, "符号链接无效，已跳过", "a broken symbolic link, skipped")
				}
			case fi.IsDir():
				if !inside(target, roots) {
					note(name, "指向所给目录之外的目录的符号链接，未跟随", "a symbolic link to a directory outside the directories given, not followed")
				}
			case !e.isReportName(path):
			case !inside(target, roots):
				note(name, "指向所给目录之外的符号链接，未读取", "a symbolic link to outside the directories given, not read")
			case !fi.Mode().IsRegular():
				note(name, "指向"+fileKind(fi.Mode())+"的符号链接，不是普通文件，已跳过", "a symbolic link to "+fileKindEN(fi.Mode())+", not a regular file, skipped")
			case e.walked(target, roots):
				// read where it is
			default:
				found = append(found, input{name: name})
			}
		default:
			if e.isReportName(path) {
				note(name, "是"+fileKind(t)+"，不是普通文件，已跳过", "is "+fileKindEN(t)+", not a regular file, skipped")
			}
		}
		return nil
	})
	if err != nil {
		found = append(found, input{name: dir, err: err})
	}
	if len(others) > 0 {
		e.noteOthers(dir, others)
	}
	if len(found) == 0 {
		found = append(found, input{name: dir, err: &noReportsError{e.exts()}})
	}
	slices.SortStableFunc(found, func(x, y input) int { return strings.Compare(x.name, y.name) })
	return found
}

// noteOthers writes one note for the files of other kinds a walk of dir
// skipped (data, code, spreadsheets), by extension, and counts them.
func (e *env) noteOthers(dir string, others map[string]int) {
	exts := slices.Sorted(maps.Keys(others))
	n := 0
	var zh, en []string
	for _, x := range exts {
		n += others[x]
		if x == "" {
			zh = append(zh, fmt.Sprintf("无扩展名 %d 个", others[x]))
			en = append(en, fmt.Sprintf("%d without extension", others[x]))
			continue
		}
		zh = append(zh, fmt.Sprintf("%s %d 个", x, others[x]))
		en = append(en, fmt.Sprintf("%d %s", others[x], x))
	}
	e.note(dir, message{
		fmt.Sprintf("另有 %d 个文件不是报告格式（%s），已跳过；读取的是 %s 文件", n, strings.Join(zh, "，"), strings.Join(e.exts(), " ")),
		fmt.Sprintf("%d other files not in a report format (%s) skipped; a walk reads %s files", n, strings.Join(en, ", "), strings.Join(e.exts(), " ")),
	})
	e.skipped += n - 1
}

// extKinds are the extensions of files a walk skips with a note of their
// own, because they may well be a report in a form nianbao does not read:
// the note says how to turn it into one it reads.
var extKinds = map[string]string{
	".pdf": sniff.PDF,
	".doc": sniff.Word, ".wps": sniff.Word, ".rtf": sniff.Word, ".odt": sniff.Word,
	".ofd": sniff.OFD,
	".zip": sniff.Archive, ".rar": sniff.Archive, ".7z": sniff.Archive, ".gz": sniff.Archive, ".tgz": sniff.Archive,
	".jpg": sniff.Image, ".jpeg": sniff.Image, ".png": sniff.Image, ".gif": sniff.Image, ".tif": sniff.Image,
	".tiff": sniff.Image, ".bmp": sniff.Image, ".webp": sniff.Image,
	".mht": kindMHTML, ".mhtml": kindMHTML,
}

// kindMHTML is a web page saved as one file with its images (MHTML).
const kindMHTML = "mhtml"

// advice says what to do with a file of a kind nianbao does not read.
func advice(kind string) message {
	switch kind {
	case sniff.PDF:
		return message{"先用 pdftotext -layout 转成文字，如 pdftotext -layout 报告.pdf 报告.txt；或改用能直接读取 PDF 的 nianbao（实验性）：go install github.com/opengovcn/nianbao/pdf/cmd/nianbao@latest",
			"convert it with pdftotext -layout first, as in pdftotext -layout report.pdf report.txt; or use the nianbao that reads PDF directly (experimental): go install github.com/opengovcn/nianbao/pdf/cmd/nianbao@latest"}
	case sniff.Word:
		return message{"先在 Word 或 WPS 中另存为纯文本（.txt，编码选 UTF-8）", "save it as plain text (.txt, UTF-8) in Word or WPS first"}
	case sniff.OFD:
		return message{"先用 OFD 阅读器另存为 PDF，再用 pdftotext -layout 转成文字", "save it as PDF with an OFD reader, then convert it with pdftotext -layout"}
	case sniff.Archive:
		return message{"先解压，再读取其中的报告", "unpack it and give the reports in it"}
	case sniff.Image:
		return message{"先用文字识别（OCR）转成文字", "run OCR on it and save the text first"}
	case kindMHTML:
		return message{"在浏览器中另存为“网页，仅 HTML”（.html）", "save it from the browser as a web page, HTML only (.html)"}
	}
	return message{"请给出年报本身：文字（.txt）、网页（.html），或 PDF 转成的文字", "give the report itself: text (.txt), a web page (.html), or the text of its PDF"}
}

// readmeNames are the names (without extension, in lower case) of files
// that tell about the others in a directory.
var readmeNames = []string{"readme", "license", "licence", "notice", "changelog", "contributing", "authors", "copying", "说明", "使用说明", "readme_cn", "readme_zh"}

// isReadme reports whether a file's name says it is about the other files.
func isReadme(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	return slices.Contains(readmeNames, strings.TrimSuffix(base, filepath.Ext(base)))
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
func (e *env) walked(p string, roots []string) bool {
	if !e.isReportName(p) {
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

// errNoReports is wrapped by the error of a directory with no report file.
var errNoReports = errors.New("no report files in this directory")

// noReportsError is the error of a directory with no file a walk reads:
// exts are the extensions it looked for.
type noReportsError struct{ exts []string }

func (n *noReportsError) Error() string {
	return fmt.Sprintf("no %s files in this directory", strings.Join(n.exts, " "))
}

func (n *noReportsError) Unwrap() error { return errNoReports }

// defaultMaxSize is the default of -max-size.
const defaultMaxSize = 200 << 20

// errTooLarge is wrapped by the error of an input larger than -max-size.
var errTooLarge = errors.New("input too large")

// tooLargeError is the error of an input larger than -max-size.
type tooLargeError struct{ limit int64 }

func (t *tooLargeError) Error() string {
	return "input too large: larger than the limit of " + byteSize(t.limit).String() + ", not read; raise it with -max-size"
}

func (t *tooLargeError) Unwrap() error { return errTooLarge }

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

func tooLarge(limit int64) error { return &tooLargeError{limit} }

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
	fs.Var(&e.maxSize, "max-size", "每个输入（文件或标准输入）的大小上限 / the largest input read, files and standard input alike")
	fs.BoolVar(&e.quiet, "q", false, "不在标准错误上输出汇总行和跳过文件的提示 / no summary line and no notes on skipped files on standard error")
}

// guessFlags declares the Parser's opt-in guesses, for the commands that
// read reports (parse, export, validate); fmt has none, so that a guess is
// never written back into a file.
func guessFlags(fs *flag.FlagSet, e *env) {
	fs.BoolVar(&e.alignShort, "align-short", false, "猜测：值少于单元格、位置又不能说明空格在哪里的行按右对齐读（默认留空并报告） / guess: read a row with fewer values than cells, whose positions do not tell where its blanks are, aligned to the right (default: left blank, with a warning)")
	fs.BoolVar(&e.looseGlue, "loose-glue", false, "猜测：连在一起的数字没有合乎合计的拆法时，取相差最小的拆法（默认留空并报告） / guess: for digits run together that no cut makes add up, take the cut that misses by the least (default: left blank, with a warning)")
}

// englishFlag declares -en, for commands whose summary line is in one
// language: Chinese, or English with -en.
func englishFlag(fs *flag.FlagSet, e *env) {
	fs.BoolVar(&e.english, "en", false, "汇总行用英文 / the summary line in English")
}

// load reads and parses an input. On failure it returns a one-line message
// that says what to do.
func (in input) load(e *env, strict bool) (r *nianbao.Report, data []byte, err error) {
	r, data, _, err = in.loadText(e, strict)
	return r, data, err
}

// loadText is load that also says whether a Reader made the text of the
// input (a PDF): data is then that text, not the input's bytes.
func (in input) loadText(e *env, strict bool) (r *nianbao.Report, data []byte, converted bool, err error) {
	data, err = in.read(e)
	if err != nil {
		return nil, nil, false, err
	}
	if rd := e.readerFor(in.name, data); rd != nil {
		text, err := rd(in.name, data)
		if err != nil {
			return nil, data, false, &readerError{err}
		}
		data, converted = text, true
	}
	p := &nianbao.Parser{Filename: in.name, Strict: strict, AlignShortRows: e.alignShort, LooseGlue: e.looseGlue}
	r, err = p.Parse(data)
	return r, data, converted, err
}

// outcome is what became of an input that was not read as a report.
type outcome struct {
	msg     message
	skipped bool // not a failure: a README that is not a report
}

// line returns the outcome as one line: the input's name and the message.
func (o outcome) line(name string) string { return quoteName(name) + ": " + o.msg.String() }

// failed returns the outcome of an input that could not be read or parsed:
// a failure, or for a README found by a walk that is not a report, a skip.
func (in input) failed(data []byte, err error) outcome {
	if in.readme && errors.Is(err, nianbao.ErrNotAReport) {
		return outcome{msg: message{"说明文件，不是年报，已跳过", "a README, not a report, skipped"}, skipped: true}
	}
	return outcome{msg: explain(in.name, data, err)}
}

// explain turns the error of reading or parsing an input into a message, in
// Chinese and in English, that says what is wrong in words anyone who
// handles these files knows, and what to do about it.
func explain(name string, data []byte, err error) message {
	msg := clipMessage(strings.TrimPrefix(err.Error(), name+": "))
	var pe *fs.PathError
	var tl *tooLargeError
	var nr *noReportsError
	var re *readerError
	var bi interface{ Bilingual() (zh, en string) }
	switch {
	case errors.As(err, &re) && errors.As(err, &bi):
		zh, en := bi.Bilingual()
		return message{zh, en}
	case errors.As(err, &re):
		return message{"无法读取：" + msg, "cannot read: " + msg}
	case errors.As(err, &tl):
		s := byteSize(tl.limit).String()
		return message{"文件超过 " + s + " 的大小上限，未读取；可用 -max-size 放宽", "larger than the limit of " + s + ", not read; raise it with -max-size"}
	case errors.As(err, &nr):
		x := strings.Join(nr.exts, " ")
		return message{"目录中没有 " + x + " 文件；请给出报告文件或其他目录", "no " + x + " files in this directory; give report files or another directory"}
	case errors.Is(err, fs.ErrNotExist):
		return message{"文件或目录不存在，请检查路径", "no such file or directory; check the path"}
	case errors.Is(err, fs.ErrPermission):
		return message{"没有读取权限，请检查文件的权限", "permission denied; check the file's permissions"}
	case errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "is a directory"):
		return message{"是目录，不是文件", "is a directory"}
	case errors.As(err, &pe):
		return message{"无法读取：" + pe.Err.Error(), "cannot read: " + pe.Err.Error()}
	case errors.Is(err, nianbao.ErrUnsupportedFormat) && strings.Contains(msg, "Word .docx file that cannot be read"):
		// A .docx the library read as one and could not: its reason.
		why := msg[strings.Index(msg, "cannot be read")+len("cannot be read"):]
		why = strings.TrimLeft(why, ": ")
		return message{"Word 文档（.docx）已损坏或无法读取（" + why + "）；请在 Word 或 WPS 中打开后重新保存", "a Word document (.docx) that cannot be read (" + why + "); open it in Word or WPS and save it again"}
	case errors.Is(err, nianbao.ErrUnsupportedFormat):
		f, ok := sniff.Detect(data)
		if !ok {
			return message{"不是文字文件，不能直接读取：" + msg + "；请先转成文字", msg}
		}
		if g, ok := sniff.ByName(name); ok && f.Generic {
			f = g // a container that does not say what it holds: its name does
		}
		a := advice(f.Kind)
		return message{f.ZH + "不能直接读取：" + a.zh, f.EN + " is not read directly; " + a.en}
	case errors.Is(err, nianbao.ErrEncoding) && errors.Is(err, nianbao.ErrNotAReport):
		return message{"有无法识别的字节（" + encodingZH(msg) + "），也没有找到年报的结构；可能是文字编码不对：请另存为 UTF-8 文本", withHint(msg, "save the file as UTF-8 text")}
	case errors.Is(err, nianbao.ErrEncoding):
		return message{"无法识别文字编码（" + encodingZH(msg) + "）：不是 UTF-8、GB18030 或 UTF-16 文字，可能是二进制文件；请另存为 UTF-8 文本", withHint(msg, "save the file as UTF-8 (or GB18030) text")}
	case errors.Is(err, nianbao.ErrNotAReport) && strings.Contains(msg, "the input is empty"):
		return message{"文件是空的，不是年报", "the input is empty, not a report"}
	case errors.Is(err, nianbao.ErrNotAReport):
		return message{"不是政府信息公开工作年度报告：没有模板的部分标题（一、总体情况，二、主动公开政府信息情况……），也没有表格；请确认文件是年报", withHint(msg, "check that the file is a 政府信息公开工作年度报告")}
	}
	return message{"无法读取：" + msg, msg}
}

// encodingZH says in Chinese where decoding failed, from the English
// message of the parser ("NUL byte at offset 12", "invalid UTF-8 at offset
// 30", "3:7: 5 bytes that are not UTF-8 replaced by U+FFFD").
func encodingZH(msg string) string {
	if m := offsetRe.FindStringSubmatch(msg); m != nil {
		return "第 " + m[1] + " 字节起"
	}
	if m := posRe.FindStringSubmatch(msg); m != nil {
		return "第 " + m[1] + " 行第 " + m[2] + " 列起"
	}
	return "原文中"
}

var (
	offsetRe = regexp.MustCompile(`at offset (\d+)`)
	posRe    = regexp.MustCompile(`^(\d+):(\d+): `)
)

func withHint(msg, hint string) string {
	if strings.Contains(msg, "; ") {
		return msg // the library already says what to do
	}
	return msg + "; " + hint
}

// diagnosticText is d.Error() with its file name quoted by quoteName and
// its message in Chinese, then in English, each clipped to half of what
// clipMessage keeps.
func diagnosticText(d *nianbao.Diagnostic) string {
	c := *d
	c.Msg = clipRunes(d.MessageZH(), maxMessage/2) + " / " + clipRunes(c.Msg, maxMessage/2)
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
func clipMessage(msg string) string { return clipRunes(msg, maxMessage) }

// clipRunes is clipMessage with a limit of max runes.
func clipRunes(msg string, max int) string {
	n := 0
	for i := range msg {
		if n == max {
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
