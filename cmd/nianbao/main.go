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
// recursively for .txt .md .html .htm .docx; regular files only, hidden ones
// skipped, a README that is not a report skipped, PDF, Word and other files
// noted; symbolic links followed only within the directories given) or "-"
// for standard input (also read when no file is given, unless it is a
// terminal: then the command's usage is shown); an input may be at most
// 200 MB (-max-size). Flags may come before or after the files; "--" ends
// them. Files are processed in parallel and the output comes in input
// order; a file that cannot be read is recorded in the output (an entry
// with an error in JSON, status and error columns in CSV) and on standard
// error, and a summary line ends the run (-q leaves it out). Exit status: 0
// ok, 1 errors in the reports, 2 unreadable input, output that could not be
// written, or a usage error.
//
// Every message is in Chinese, then in English. Run "nianbao help
// <command>" for the flags of each command.
//
// This build reads no PDF: a .pdf file gets a note on how to convert it.
// The same command reading PDF files directly is
// github.com/opengovcn/nianbao/pdf/cmd/nianbao (a module of its own, with
// PDFium compiled to WebAssembly). The code of the command is package
// internal/cli; this is its main.
package main

import (
	"os"

	"github.com/opengovcn/nianbao/internal/cli"
)

// The version of a release build, set by scripts/release.sh with
// -ldflags "-X main.buildVersion=v0.2.0 -X main.buildCommit=… -X
// main.buildDate=…". Empty in any other build.
var (
	buildVersion string
	buildCommit  string
	buildDate    string // the commit's date, RFC 3339, UTC
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr,
		cli.Options{Version: buildVersion, Commit: buildCommit, Date: buildDate}))
}
