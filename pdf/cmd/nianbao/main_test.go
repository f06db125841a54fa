package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao/internal/cli"
)

type result struct {
	code           int
	stdout, stderr string
}

// nb runs this nianbao (the PDF reader registered) in-process.
func nb(t *testing.T, stdin []byte, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(args, bytes.NewReader(stdin), &out, &errb, options())
	return result{code, out.String(), errb.String()}
}

// cells reads the long CSV of nianbao parse -f csv: ref → value.
func cells(t *testing.T, out string) map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(recs) < 2 || strings.Join(recs[0], ",") != "table,row,column,value" {
		t.Fatalf("not the long CSV:\n%s", out)
	}
	m := map[string]string{}
	for _, r := range recs[1:] {
		m[r[0]+"."+r[1]+"."+r[2]] = r[3]
	}
	return m
}

// keyCells are cells every check of a report starts from.
var keyCells = []string{"t2.regulations.issued", "t3.new.total", "t3.carried_over.total", "t3.granted.total",
	"t3.total.total", "t3.carried_forward.total", "t4.review.total", "t4.suit_direct.total", "t4.suit_after_review.total"}

// nianbao parse -f csv on the agencies' own PDFs (testdata/real, not
// committed: see its README) gives the golden's key cells.
func TestParseRealPDF(t *testing.T) {
	for _, c := range []struct{ file, golden string }{
		{"huaian_szf_2024.pdf", "001_huaian_szf_2024_pdflayout.csv"},
		{"hongze_qzf_2023.pdf", "003_hongze_qzf_2023_pdflayout.csv"},
		{"hongze_qzf_2024.pdf", "005_hongze_qzf_2024_pdflayout.csv"},
	} {
		path := filepath.Join("../../testdata/real", c.file)
		if _, err := os.Stat(path); err != nil {
			t.Logf("%s not here (pdf/testdata/real/README.md): skipped", path)
			continue
		}
		res := nb(t, nil, "parse", "-f", "csv", path)
		if res.code != 0 {
			t.Errorf("%s: exit %d\n%s", c.file, res.code, res.stderr)
			continue
		}
		got := cells(t, res.stdout)
		gold := golden(t, filepath.Join("../../../testdata/corpus/cells", c.golden))
		want, have := map[string]string{}, map[string]string{}
		for _, ref := range keyCells {
			if gold[ref] == "" {
				t.Fatalf("%s: the golden has no value for %s", c.golden, ref)
			}
			want[ref], have[ref] = gold[ref], got[ref]
		}
		if diff := cmp.Diff(want, have); diff != "" {
			t.Errorf("%s: key cells (-want +got):\n%s", c.file, diff)
		}
	}
}

// The committed fixture (nianbao's .docx printed to PDF by LibreOffice):
// every cell of the CSV is the truth's.
func TestParseFixture(t *testing.T) {
	const fixture = "../../testdata/seed002.nbdocx.pdf"
	res := nb(t, nil, "parse", "-f", "csv", fixture)
	if res.code != 0 {
		t.Fatalf("exit %d\n%s", res.code, res.stderr)
	}
	got := cells(t, res.stdout)
	truth, err := os.ReadFile("../../testdata/seed002.truth.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := cells(t, string(truth))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
}

// A directory walk reads .pdf files among the others, with no note that
// they are skipped; a PDF on standard input is read too.
func TestWalkAndStdin(t *testing.T) {
	src, err := os.ReadFile("../../testdata/seed002.nbdocx.pdf")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.pdf"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	res := nb(t, nil, "export", dir)
	if res.code != 0 || strings.Contains(res.stderr, "跳过") || !strings.Contains(res.stdout, "a.pdf") {
		t.Errorf("export of a directory with a .pdf: exit %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	res = nb(t, src, "parse", "-f", "csv", "-")
	if res.code != 0 || cells(t, res.stdout)["t3.new.total"] == "" {
		t.Errorf("a PDF on standard input: exit %d\n%s", res.code, res.stderr)
	}
}

// A PDF that cannot be read: the file's name, the reason in Chinese then
// English, exit status 2; fmt -w never writes text into a PDF.
func TestErrors(t *testing.T) {
	dir := t.TempDir()
	notPDF := filepath.Join(dir, "x.pdf")
	if err := os.WriteFile(notPDF, []byte("一、总体情况"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ file, msg string }{
		{"../../testdata/bad/encrypted.pdf", "../../testdata/bad/encrypted.pdf: PDF 设有打开密码，无法读取；请用密码打开后另存为不加密的 PDF / the PDF needs a password to open"},
		{notPDF, notPDF + ": 不是 PDF 文件（没有 %PDF- 文件头） / not a PDF file (no %PDF- header)"},
	} {
		for _, cmd := range []string{"parse", "validate", "export", "fmt"} {
			res := nb(t, nil, cmd, c.file)
			if res.code != 2 || !strings.Contains(res.stderr, c.msg) {
				t.Errorf("nianbao %s %s: exit %d, stderr %q; want 2 and %q", cmd, c.file, res.code, res.stderr, c.msg)
			}
		}
	}
	src, err := os.ReadFile("../../testdata/seed002.nbdocx.pdf")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	res := nb(t, nil, "fmt", "-w", p)
	if after, _ := os.ReadFile(p); !bytes.Equal(after, src) {
		t.Error("fmt -w rewrote the PDF")
	}
	if res.code != 1 || !strings.Contains(res.stderr, p+": 未改写：这不是文字文件（PDF）") {
		t.Errorf("fmt -w on a PDF: exit %d, %q", res.code, res.stderr)
	}
}

// golden reads a golden of every cell (ref,value,status,note): ref → value.
func golden(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, r := range recs[1:] {
		m[r[0]] = r[1]
	}
	return m
}

// nianbao help says this build reads .pdf files, in both languages.
func TestHelp(t *testing.T) {
	res := nb(t, nil, "help")
	for _, want := range []string{"这个版本还直接读取 .pdf 文件", "This build also reads .pdf files directly"} {
		if res.code != 0 || !strings.Contains(res.stdout, want) {
			t.Errorf("nianbao help: exit %d, lacks %q:\n%s", res.code, want, res.stdout)
		}
	}
}

// TestVersionNotices: version -v names PDFium, go-pdfium and wazero after
// the project's NOTICE.
func TestVersionNotices(t *testing.T) {
	res := nb(t, nil, "version", "-v")
	for _, want := range []string{"golang.org/x/text", "PDFium", "github.com/klippa-app/go-pdfium", "github.com/tetratelabs/wazero"} {
		if res.code != 0 || !strings.Contains(res.stdout, want) {
			t.Errorf("nianbao version -v: exit %d, lacks %q", res.code, want)
		}
	}
}
