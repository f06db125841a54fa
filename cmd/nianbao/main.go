// Command nianbao reads, formats, checks and exports China's annual reports on
// government information disclosure (政府信息公开工作年度报告).
//
// Usage:
//
//	nianbao <command> [flags] [file|dir|-]...
//
// The commands are:
//
//	parse     read reports and print them as JSON, CSV, canonical text or HTML
//	fmt       print or rewrite reports in canonical form (like gofmt)
//	validate  check the template's arithmetic and consistency
//	export    one row per report, for spreadsheets and pandas (CSV or JSON lines)
//	schema    list the cell references of the template
//	version   print the version
//	help      show help for a command
//
// Every command that reads reports takes files, directories (walked
// recursively for .txt .md .html .htm; regular files only, hidden ones
// skipped, symbolic links followed only within the directories given) or
// "-" for standard input (also the default when no file is given); an input
// may be at most 200 MB (-max-size). Files are processed in parallel and the
// output comes in input order. Exit status: 0 ok, 1 findings or errors in
// the reports, 2 unreadable input, output that could not be written, or a
// usage error.
//
// Run "nianbao help <command>" for the flags of each command, in Chinese and
// English.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
)

// Exit statuses.
const (
	exitOK       = 0 // everything fine (warnings allowed)
	exitFindings = 1 // findings or errors in the reports
	exitBad      = 2 // unreadable input or usage error
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
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

// commands lists the commands in the order help shows them.
var commands = []*command{parseCmd, fmtCmd, validateCmd, exportCmd, schemaCmd, versionCmd}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// run runs nianbao with the given arguments (without the program name) and
// returns the exit status. Tests call it in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, workers: runtime.NumCPU()}
	return e.run(args)
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
		usage(stderr)
		return exitBad
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	case "help":
		return help(args[1:], stdout, stderr)
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "nianbao: unknown command %q; run 'nianbao help' for the list of commands\n", name)
		return exitBad
	}
	fs := flag.NewFlagSet("nianbao "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	exec := c.flags(fs, e)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			commandHelp(stdout, c)
			return exitOK
		}
		fmt.Fprintf(stderr, "nianbao %s: %v; run 'nianbao help %s' for usage\n", c.name, err, c.name)
		return exitBad
	}
	return exec(fs.Args())
}

// usageError prints a one-line usage error and returns exitBad.
func usageError(e *env, cmd, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "nianbao %s: %s; run 'nianbao help %s' for usage\n", cmd, fmt.Sprintf(format, args...), cmd)
	return exitBad
}

func help(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		usage(stdout)
		return exitOK
	case 1:
		c := lookup(args[0])
		if c == nil {
			fmt.Fprintf(stderr, "nianbao help: unknown command %q; run 'nianbao help' for the list of commands\n", args[0])
			return exitBad
		}
		commandHelp(stdout, c)
		return exitOK
	}
	fmt.Fprintln(stderr, "nianbao help: give one command, as in 'nianbao help parse'")
	return exitBad
}

const usageZH = `nianbao —— 政府信息公开工作年度报告的读取、规范化、校验和导出工具

用法：
	nianbao <命令> [选项] [文件|目录|-]...

命令：
%s
输入可以是文件、目录（递归读取其中的 .txt .md .html .htm 文件）或 "-"（标准输入；未给出文件时也读取标准输入）。
目录中只读普通文件，跳过隐藏文件、命名管道等特殊文件，符号链接只在所给目录之内跟随；每个输入最大 200 MB（-max-size）。
多个文件并行处理，输出顺序与输入顺序一致。
退出状态：0 正常；1 报告中有错误或问题；2 输入无法读取、输出无法写出或用法错误。

运行 "nianbao help <命令>" 查看各命令的选项。
`

const usageEN = `nianbao — read, format, check and export annual reports on government information disclosure

Usage:
	nianbao <command> [flags] [file|dir|-]...

Commands:
%s
Inputs are files, directories (walked recursively for .txt .md .html .htm files) or "-" for standard
input (also read when no file is given). A walk reads regular files only, skips hidden files, named pipes
and other special files, and follows symbolic links only within the directories given; an input may be
at most 200 MB (-max-size). Files are processed in parallel; output follows input order.
Exit status: 0 ok; 1 findings or errors in the reports; 2 unreadable input, output that could not be
written, or a usage error.

Run "nianbao help <command>" for the flags of a command.
`

func usage(w io.Writer) {
	var zh, en strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&zh, "\t%-9s %s\n", c.name, c.zh)
		fmt.Fprintf(&en, "\t%-9s %s\n", c.name, c.en)
	}
	fmt.Fprintf(&zh, "\t%-9s %s\n", "help", "显示命令的帮助（nianbao help <命令>）")
	fmt.Fprintf(&en, "\t%-9s %s\n", "help", "show help for a command (nianbao help <command>)")
	fmt.Fprintf(w, usageZH, zh.String())
	fmt.Fprintln(w)
	fmt.Fprintf(w, usageEN, en.String())
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
