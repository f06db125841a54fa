// Command nianbao is the nianbao command (github.com/opengovcn/nianbao/cmd/nianbao)
// that also reads PDF files directly: a .pdf file given, found in a
// directory, or a PDF on standard input is read with PDFium (package
// github.com/opengovcn/nianbao/pdf: PDFium compiled to WebAssembly, run by
// wazero; pure Go, no cgo) and its text handed to the parser. Everything
// else — the commands, flags, output and messages — is the same; see the
// documentation of github.com/opengovcn/nianbao/cmd/nianbao.
//
// Install:
//
//	go install github.com/opengovcn/nianbao/pdf/cmd/nianbao@latest
//
// Usage:
//
//	nianbao parse -f csv 报告.pdf
//	nianbao validate 年报/        # .pdf files among the others
//
// A PDF's positions in messages (line:column) are those of the text the
// reader made of it (nianbao-pdf 报告.pdf prints that text). A PDF that
// cannot be read — not a PDF, encrypted with a password to open it, a scan
// with no text — is an input that cannot be read (exit status 2), with a
// message saying why and what to do. Starting PDFium compiles its
// WebAssembly once per process (several seconds); the compiled code is
// cached in the user's cache directory (NIANBAO_WAZERO_CACHE: a directory,
// or off), so a later run starts in a fraction of a second.
package main

import (
	"os"

	"github.com/opengovcn/nianbao/internal/cli"
	"github.com/opengovcn/nianbao/pdf"
	"github.com/opengovcn/nianbao/pdf/internal/pdfmsg"
)

// The version of a release build, set with -ldflags "-X
// main.buildVersion=… -X main.buildCommit=… -X main.buildDate=…", as
// scripts/release.sh does for cmd/nianbao. Empty in any other build.
var (
	buildVersion string
	buildCommit  string
	buildDate    string
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, options()))
}

// options registers the PDF reader.
func options() cli.Options {
	return cli.Options{
		Readers: map[string]cli.Reader{".pdf": readPDF},
		Version: buildVersion, Commit: buildCommit, Date: buildDate,
		Notice: pdf.Notice,
	}
}

// readPDF is the text of a PDF, as pdf.ToText lays it out.
func readPDF(_ string, data []byte) ([]byte, error) {
	text, err := pdf.ToText(data)
	if err != nil {
		return nil, &pdfmsg.Error{Err: err}
	}
	return text, nil
}
