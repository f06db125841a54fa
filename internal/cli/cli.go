// Package cli is the nianbao command: every subcommand, its flags, its
// input handling and its messages. cmd/nianbao is a thin main around Main;
// pdf/cmd/nianbao (the pdf module) is the same command with a reader for
// .pdf files registered (Options.Readers), so that the core module carries
// no PDF dependency. The command's documentation is cmd/nianbao's.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"
)

// Exit statuses.
const (
	exitOK       = 0 // everything fine (warnings allowed)
	exitFindings = 1 // findings or errors in the reports
	exitBad      = 2 // unreadable input or usage error
)

// Reader turns the bytes of a file of a kind the parser does not read (a
// PDF) into the text it reads. name is the input's name as given, for
// messages. An error that has a method Bilingual() (zh, en string) is shown
// with that message; any other as "无法读取 / cannot read: " and its text.
type Reader func(name string, data []byte) (text []byte, err error)

// Options are what a build of the command adds to it.
type Options struct {
	// Readers are the readers of file kinds the parser does not read, by
	// file name extension in lower case with its dot (".pdf"). A file
	// with such an extension, given or found by a directory walk, is read
	// by its reader; so is standard input or a file of another name whose
	// content sniff.Detect recognises as that kind (a PDF by its %PDF-
	// header).
	Readers map[string]Reader
	// Version, Commit and Date are a release build's version, commit and
	// the commit's date (RFC 3339), as scripts/release.sh sets them; empty
	// otherwise (nianbao version then shows the module's version or the
	// VCS revision).
	Version, Commit, Date string
	// Notice is the notice of the third-party code a build adds (the PDF
	// reader's PDFium, wazero…), which nianbao version -v prints after the
	// project's NOTICE.
	Notice string
}

// Main runs nianbao with the given arguments (without the program name)
// and returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, opts Options) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, workers: runtime.NumCPU(), opts: opts}
	return e.run(args)
}

// command is one subcommand of nianbao.
type command struct {
	name     string
	synopsis string // "nianbao parse [-f json|csv|md|html] [file|dir|-]..."
	zh, en   string // one-line description
	longZH   string // further help in Chinese (may be empty)
	longEN   string // further help in English (may be empty)
	// flags declares the command's flags on fs and returns the function that
	// runs the command on the remaining arguments.
	flags func(fs *flag.FlagSet, env *env) func(args []string) int
}

// env is what a command runs with: its streams and the worker count.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	workers        int
	out            *outWriter // stdout as run wraps it
	maxSize        byteSize   // -max-size: the largest input read
	quiet          bool       // -q: no summary line, no notes on skipped files
	english        bool       // -en: English messages where a command has them in one language
	batch          bool       // more than one argument, or a directory: output records every input
	skipped        int        // files a walk or a run skipped, each with a note
	// -align-short, -loose-glue: the Parser's opt-in guesses.
	alignShort, looseGlue bool
	opts                  Options // the build's readers and version
}

// outWriter is standard output as the commands write it: it keeps the first
// write error, a short write counting as one (io.ErrShortWrite), and writes
// nothing after it. run checks it when the command is done, so that output
// that could not be written (a full disk, /dev/full, a closed pipe) makes
// the exit status 2 and says so, whatever wrote it. Only one goroutine
// writes to it at a time.
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		o.err = err
	}
	return n, err
}

// failed reports whether writing to standard output has failed.
func (e *env) failed() bool { return e.out != nil && e.out.err != nil }

// commands lists the commands in the order help shows them. It is set in
// init: the commands' help refers to it.
var commands []*command

func init() {
	commands = []*command{parseCmd, fmtCmd, validateCmd, exportCmd, schemaCmd, versionCmd}
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// run is Main without options. Tests call it in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return Main(args, stdin, stdout, stderr, Options{})
}

// run runs nianbao in the environment e. A failed write to standard output
// ends it with exitBad and a message, whatever the command returned.
func (e *env) run(args []string) int {
	e.out = &outWriter{w: e.stdout}
	e.stdout = e.out
	code := e.dispatch(args)
	if err := e.out.err; err != nil {
		name := "nianbao"
		if len(args) > 0 && lookup(args[0]) != nil {
			name += " " + args[0]
		}
		fmt.Fprintf(e.stderr, "%s: 无法写入标准输出，输出不完整 / cannot write to standard output, the output is incomplete: %v\n", name, err)
		return exitBad
	}
	return code
}

// dispatch runs the command args name.
func (e *env) dispatch(args []string) int {
	stdout, stderr := e.stdout, e.stderr
	if len(args) == 0 {
		e.usage(stderr)
		return exitBad
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		e.usage(stdout)
		return exitOK
	case "help":
		return e.help(args[1:], stdout, stderr)
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "nianbao: 没有 %q 这个命令，nianbao help 列出全部命令 / unknown command %q; run 'nianbao help' for the list of commands\n", name, name)
		return exitBad
	}
	fs := flag.NewFlagSet("nianbao "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	exec := c.flags(fs, e)
	files, err := parseFlags(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			commandHelp(stdout, c)
			return exitOK
		}
		zh, en := flagError(err)
		return usageError(e, c.name, zh, en)
	}
	return exec(files)
}

// parseFlags parses the flags of a command wherever they stand on the
// line, before the file names or after them or between them, as in
// "nianbao validate report.txt -en": the flag package stops at the first
// argument that is not a flag, so parseFlags takes that argument as a file
// and goes on. "--" ends the flags: every argument after it is a file, even
// one that starts with "-". A lone "-" is a file (standard input).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(files, rest...), nil // the flag package ate the "--"
		}
		if len(rest) == 0 {
			return files, nil
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
}

// flagError says in Chinese and English what is wrong with the flags, from
// an error of the flag package (which speaks English only).
func flagError(err error) (zh, en string) {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		f := strings.TrimPrefix(msg, "flag provided but not defined: ")
		return "没有 " + f + " 这个选项", msg
	case strings.HasPrefix(msg, "flag needs an argument: "):
		f := strings.TrimPrefix(msg, "flag needs an argument: ")
		return "选项 " + f + " 后面要给一个值", msg
	case strings.HasPrefix(msg, "invalid value "), strings.HasPrefix(msg, "invalid boolean value "):
		// invalid value "x" for flag -max-size: <the Set error, which is bilingual>
		head, why, _ := strings.Cut(msg, ": ")
		v, f, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(head, "invalid boolean value "), "invalid value "), " for flag ")
		zh = "选项 " + f + " 的值 " + v + " 无效"
		if why != "" {
			if z, e, ok := strings.Cut(why, " / "); ok {
				return zh + "：" + z, head + ": " + e
			}
			zh += "：" + why
		}
		return zh, msg
	}
	return "选项有误：" + msg, msg
}

// usageError prints a one-line usage error, in Chinese and then in
// English, and returns exitBad.
func usageError(e *env, cmd, zh, en string) int {
	fmt.Fprintf(e.stderr, "nianbao %s: %s，nianbao help %s 显示用法 / %s; run 'nianbao help %s' for usage\n", cmd, zh, cmd, en, cmd)
	return exitBad
}

func (e *env) help(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		e.usage(stdout)
		return exitOK
	case 1:
		c := lookup(args[0])
		if c == nil {
			fmt.Fprintf(stderr, "nianbao help: 没有 %q 这个命令，nianbao help 列出全部命令 / unknown command %q; run 'nianbao help' for the list of commands\n", args[0], args[0])
			return exitBad
		}
		commandHelp(stdout, c)
		return exitOK
	}
	fmt.Fprintln(stderr, "nianbao help: 请只给一个命令，如 nianbao help parse / give one command, as in 'nianbao help parse'")
	return exitBad
}

const usageZH = `nianbao —— 政府信息公开工作年度报告的读取、规范化、校验和导出工具

用法：
	nianbao <命令> [选项] [文件|目录|-]...

命令：
%s
输入可以是文件、目录（递归读取其中的 .txt .md .html .htm .docx 文件）或 "-"（标准输入）；未给出文件时读取标准输入，
标准输入是终端时显示用法。目录中只读普通文件：不是年报的 README.md 等说明文件跳过，PDF、Word 等文件逐个提示如何转换，
其他文件合并为一行提示；隐藏文件、命名管道等特殊文件跳过，符号链接只在所给目录之内跟随；每个输入最大 200 MB（-max-size）。
选项可以写在文件名之前或之后；"--" 之后的参数都是文件名。
多个文件并行处理，输出顺序与输入顺序一致；无法读取的文件也记入输出（JSON 的 error 字段，CSV 的 status、error 列）
并在标准错误上说明，最后一行是汇总（-q 不输出汇总和跳过文件的提示）。
退出状态：0 正常；1 报告中有错误；2 有文件无法读取或不是年报、输出无法写出，或用法错误。

运行 "nianbao help <命令>" 查看各命令的选项。
`

const usageEN = `nianbao — read, format, check and export annual reports on government information disclosure

Usage:
	nianbao <command> [flags] [file|dir|-]...

Commands:
%s
Inputs are files, directories (walked recursively for .txt .md .html .htm .docx files) or "-" for standard
input, also read when no file is given unless it is a terminal (then the usage is shown). A walk reads
regular files only: a README that is not a report is skipped, PDF, Word and similar files get a note each
on how to convert them, other files one note together; hidden files, named pipes and other special files
are skipped, and symbolic links are followed only within the directories given; an input may be at most
200 MB (-max-size). Flags may come before or after the files; "--" ends them.
Files are processed in parallel; output follows input order. A file that cannot be read is recorded in
the output (an error field in JSON, status and error columns in CSV) and on standard error, and a summary
line ends the run (-q leaves it and the notes on skipped files out).
Exit status: 0 ok; 1 errors in the reports; 2 a file that cannot be read or is not a report, output that
could not be written, or a usage error.

Run "nianbao help <command>" for the flags of a command.
`

func (e *env) usage(w io.Writer) {
	var zh, en strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&zh, "\t%-9s %s\n", c.name, c.zh)
		fmt.Fprintf(&en, "\t%-9s %s\n", c.name, c.en)
	}
	fmt.Fprintf(&zh, "\t%-9s %s\n", "help", "显示命令的帮助（nianbao help <命令>）")
	fmt.Fprintf(&en, "\t%-9s %s\n", "help", "show help for a command (nianbao help <command>)")
	fmt.Fprintf(w, usageZH, zh.String())
	if x := e.readerExts(); x != "" {
		fmt.Fprintf(w, "\n这个版本还直接读取 %s 文件（给出的文件、目录中的文件和标准输入）。\n", x)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, usageEN, en.String())
	if x := e.readerExts(); x != "" {
		fmt.Fprintf(w, "\nThis build also reads %s files directly (given, found in a directory, or on standard input).\n", x)
	}
}

// readerExts lists the extensions of the build's readers, or "".
func (e *env) readerExts() string {
	return strings.Join(e.exts()[len(reportExts):], " ")
}

// commandHelp prints the help of one command: synopsis, description and
// flags, in Chinese and then in English.
func commandHelp(w io.Writer, c *command) {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.flags(fs, &env{})
	var flags strings.Builder
	fs.SetOutput(&flags)
	fs.PrintDefaults()

	fmt.Fprintf(w, "用法 / usage: %s\n\n", c.synopsis)
	fmt.Fprintf(w, "%s\n", c.zh)
	if c.longZH != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.longZH))
	}
	fmt.Fprintf(w, "\n%s\n", c.en)
	if c.longEN != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.longEN))
	}
	if flags.Len() > 0 {
		fmt.Fprintf(w, "\n选项 / flags:\n%s", flags.String())
	}
}
