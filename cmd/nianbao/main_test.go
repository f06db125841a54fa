package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// This build reads no PDF and carries no PDF dependency: a .pdf file gets
// the note on how to convert it or which nianbao reads it (exit 2), and
// nothing the command imports is PDFium or wazero (they are the pdf
// module's, pdf/cmd/nianbao).
func TestNoPDF(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	deps, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, d := range strings.Fields(string(deps)) {
		if strings.Contains(d, "wazero") || strings.Contains(d, "pdfium") || strings.HasPrefix(d, "github.com/opengovcn/nianbao/pdf") {
			t.Errorf("cmd/nianbao depends on %s", d)
		}
	}
	bin := filepath.Join(t.TempDir(), "nianbao")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "parse", "-f", "csv", "../../pdf/testdata/seed002.nbdocx.pdf")
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 2 {
		t.Errorf("exit %d (%v), want 2", code, err)
	}
	for _, want := range []string{
		"seed002.nbdocx.pdf: PDF 文件不能直接读取：先用 pdftotext -layout 转成文字",
		"go install github.com/opengovcn/nianbao/pdf/cmd/nianbao@latest",
		" / a PDF file is not read directly",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
