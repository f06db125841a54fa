package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/opengovcn/nianbao/pdf"
)

const fixture = "../../testdata/seed002.nbdocx.pdf"

// -f csv writes the cells pdf.Parse reads, each as the seed's truth has it
// where a value is read (the fixture leaves no cell blank in its source).
func TestCSV(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"-f", "csv", fixture}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	truth := readTruth(t, strings.TrimSuffix(fixture, ".nbdocx.pdf")+".truth.csv")
	read, wrong := 0, 0
	for _, r := range recs[1:] {
		key := r[0] + "." + r[1] + "." + r[2]
		if r[3] == "" {
			continue
		}
		read++
		if truth[key] != r[3] {
			wrong++
			t.Errorf("%s = %q, want %q", key, r[3], truth[key])
		}
	}
	if read == 0 {
		t.Error("no cell read")
	}
	t.Logf("%d cells read, %d wrong", read, wrong)
}

// -f text writes pdf.ToText's text.
func TestText(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{fixture}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	src, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	want, err := pdf.ToText(src)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Error("-f text differs from pdf.ToText")
	}
}

// Bad input and bad usage: a clear bilingual message and the exit status.
func TestErrors(t *testing.T) {
	notPDF := t.TempDir() + "/x.pdf"
	if err := os.WriteFile(notPDF, []byte("一、总体情况"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{}, 2, "用法 / usage"},
		{[]string{"-f", "xml", fixture}, 2, "未知的输出格式"},
		{[]string{"/no/such/file.pdf"}, 1, "无法读取文件"},
		{[]string{notPDF}, 1, "不是 PDF 文件"},
		{[]string{"../../testdata/bad/encrypted.pdf"}, 1, "PDF 设有打开密码"},
	} {
		var out, errOut bytes.Buffer
		if code := run(c.args, &out, &errOut); code != c.code || !strings.Contains(errOut.String(), c.msg) {
			t.Errorf("%q: exit %d, %q; want %d and %q", c.args, code, errOut.String(), c.code, c.msg)
		}
	}
}

func readTruth(t *testing.T, name string) map[string]string {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range recs[1:] {
		out[r[0]+"."+r[1]+"."+r[2]] = r[3]
	}
	return out
}
