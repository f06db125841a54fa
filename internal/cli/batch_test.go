package cli

// Tests of issue 19: batch runs that lose nothing, a Chinese-first command
// line, flags anywhere, UTF-16 input, no wait at a terminal.

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
)

// TestFolderWithREADME checks that a folder of reports with a README.md
// (not a report), a PDF, a Word document and data files validates without
// an error: the README is skipped with a note, the PDF gets a note saying
// what to do, the Word document (.docx) is read as a report, the data files
// get one note together, and a README that is a report is read.
func TestFolderWithREADME(t *testing.T) {
	dir := t.TempDir()
	files := seeds(t)
	for i, f := range files[:3] {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("%d.txt", i)), readFile(t, f))
	}
	writeFile(t, filepath.Join(dir, "README.md"), "# 年报汇编\n\n本目录收有三份年报。\n")
	writeFile(t, filepath.Join(dir, "原件/2023.pdf"), "%PDF-1.7\n")
	writeFile(t, filepath.Join(dir, "原件/2022.docx"), readFile(t, "../../testdata/lodocx/seed004_blank1.docx"))
	writeFile(t, filepath.Join(dir, "data/a.csv"), "x\n")
	writeFile(t, filepath.Join(dir, "data/b.csv"), "x\n")
	writeFile(t, filepath.Join(dir, "data/c.json"), "{}\n")

	res := nb(t, "", "validate", dir)
	if res.code != exitOK {
		t.Errorf("validate %s: exit %d, want %d; stderr:\n%s", dir, res.code, exitOK, res.stderr)
	}
	wantNotes := []string{
		filepath.Join(dir, "README.md") + ": 说明文件，不是年报，已跳过 / a README, not a report, skipped",
		filepath.Join(dir, "原件/2023.pdf") + ": 不是可读取的报告格式，已跳过；先用 pdftotext -layout 转成文字",
		dir + ": 另有 3 个文件不是报告格式（.csv 2 个，.json 1 个），已跳过",
		"4 份报告：0 个错误，",
		"；跳过 5 个文件\n",
	}
	for _, n := range wantNotes {
		if !strings.Contains(res.stderr, n) {
			t.Errorf("stderr lacks %q:\n%s", n, res.stderr)
		}
	}
	if strings.Contains(res.stdout, "README.md") {
		t.Errorf("the README is in the output:\n%s", res.stdout)
	}
	// The same README given by name is an error: the user asked for it.
	if res := nb(t, "", "validate", "-q", filepath.Join(dir, "README.md")); res.code != exitBad || !strings.Contains(res.stderr, "不是政府信息公开工作年度报告") {
		t.Errorf("validate README.md: exit %d, want %d and an error; stderr:\n%s", res.code, exitBad, res.stderr)
	}
	// A README that is a report is read like any other file.
	writeFile(t, filepath.Join(dir, "README.md"), readFile(t, files[3]))
	res = nb(t, "", "export", dir)
	if res.code != exitOK || !strings.Contains(res.stdout, filepath.Join(dir, "README.md")+",ok,") {
		t.Errorf("export with a README that is a report: exit %d, the README not exported ok:\n%s\n%s", res.code, res.stdout, res.stderr)
	}
}

// TestFailureEntries checks that every output format records a file that
// could not be read, in its place: validate -f json, parse with JSON and
// CSV output, export with CSV and JSON lines.
func TestFailureEntries(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "fake.pdf")
	writeFile(t, fake, "%PDF-1.4\n%binary\n")
	clean := seeds(t)[4]
	pdfZH, pdfEN := "PDF 文件不能直接读取：先用 pdftotext -layout 转成文字", "a PDF file is not read directly; convert it with pdftotext -layout first"

	t.Run("validate -f json", func(t *testing.T) {
		res := nb(t, "", "validate", "-f", "json", fake, clean)
		if res.code != exitBad {
			t.Errorf("exit %d, want %d", res.code, exitBad)
		}
		var got []finding
		if err := json.Unmarshal([]byte(res.stdout), &got); err != nil {
			t.Fatalf("output is not a JSON array of findings: %v\n%s", err, res.stdout)
		}
		if len(got) == 0 || got[0].File != fake || got[0].Code != inputErrorCode || got[0].Severity != "error" ||
			!strings.HasPrefix(got[0].Message, pdfZH) || !strings.HasPrefix(got[0].MessageEN, pdfEN) || got[0].Error != got[0].Message+" / "+got[0].MessageEN {
			t.Errorf("first entry = %+v, want the input error of %s", got[0], fake)
		}
		if !strings.Contains(res.stderr, fake+": "+pdfZH) || !strings.Contains(res.stderr, "1 份报告：0 个错误，0 个警告；1 个文件无法读取\n") {
			t.Errorf("stderr lacks the error or the summary:\n%s", res.stderr)
		}
	})
	t.Run("parse json", func(t *testing.T) {
		res := nb(t, "", "parse", "-q", clean, fake, filepath.Join(dir, "missing.txt"))
		var got []parseEntry
		if err := json.Unmarshal([]byte(res.stdout), &got); err != nil {
			t.Fatalf("parse of three files is not one JSON array: %v\n%s", err, res.stdout)
		}
		if len(got) != 3 {
			t.Fatalf("%d entries, want 3", len(got))
		}
		if got[0].File != clean || got[0].Status != "ok" || got[0].Report == nil || got[0].Report.Agency != parseFile(t, clean).Agency {
			t.Errorf("entry 1: %s %s, want the report of %s", got[0].File, got[0].Status, clean)
		}
		if got[1].File != fake || got[1].Status != "error" || got[1].Report != nil || !strings.Contains(got[1].Error, pdfZH+"，如 pdftotext -layout 报告.pdf 报告.txt；或改用能直接读取 PDF 的 nianbao") ||
			!strings.Contains(got[1].Error, " / "+pdfEN) {
			t.Errorf("entry 2: %+v, want the error of %s", got[1], fake)
		}
		if got[2].Status != "error" || !strings.Contains(got[2].Error, "文件或目录不存在") {
			t.Errorf("entry 3: %+v, want the missing file", got[2])
		}
		// A directory of one file is a batch too: an array.
		one := t.TempDir()
		writeFile(t, filepath.Join(one, "a.txt"), readFile(t, clean))
		if res := nb(t, "", "parse", "-q", one); !strings.HasPrefix(res.stdout, "[\n  {\n    \"file\": ") {
			t.Errorf("parse of a directory is not an array:\n%.200s", res.stdout)
		}
		// No file fails: still an array, and an empty one is "[]".
		if res := nb(t, "", "parse", "-q", "-f", "json", fake, fake); res.stdout != "[\n  {\n    \"file\": \""+fake+"\",\n    \"status\": \"error\",\n    \"error\": "+jsonString(got[1].Error)+"\n  },\n  {\n    \"file\": \""+fake+"\",\n    \"status\": \"error\",\n    \"error\": "+jsonString(got[1].Error)+"\n  }\n]\n" {
			t.Errorf("parse of two bad files:\n%s", res.stdout)
		}
	})
	t.Run("parse csv", func(t *testing.T) {
		res := nb(t, "", "parse", "-q", "-f", "csv", fake, clean)
		recs := csvRecords(t, res.stdout)
		if diff := cmp.Diff([]string{"file", "status", "error", "table", "row", "column", "value"}, recs[0]); diff != "" {
			t.Errorf("header mismatch (-want +got):\n%s", diff)
		}
		if r := recs[1]; r[0] != fake || r[1] != "error" || !strings.HasPrefix(r[2], pdfZH) || strings.Join(r[3:], "") != "" {
			t.Errorf("record of %s = %q", fake, r)
		}
		if r := recs[2]; r[0] != clean || r[1] != "ok" || r[2] != "" || r[3] != "t2" {
			t.Errorf("first record of %s = %q", clean, r)
		}
	})
	t.Run("export jsonl", func(t *testing.T) {
		res := nb(t, "", "export", "-q", "-f", "jsonl", fake, clean)
		lines := strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n")
		if len(lines) != 2 {
			t.Fatalf("%d lines, want 2:\n%s", len(lines), res.stdout)
		}
		var bad, good map[string]any
		json.Unmarshal([]byte(lines[0]), &bad)
		json.Unmarshal([]byte(lines[1]), &good)
		if bad["file"] != fake || bad["status"] != "error" || !strings.HasPrefix(fmt.Sprint(bad["error"]), pdfZH) {
			t.Errorf("line of %s = %s", fake, lines[0])
		}
		if good["file"] != clean || good["status"] != "ok" || good["error"] != nil {
			t.Errorf("line of %s = %.200s", clean, lines[1])
		}
	})
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestSummaryLine checks the summary line on standard error: in Chinese,
// in English with -en, none with -q, and for parse and export only when
// several files are read.
func TestSummaryLine(t *testing.T) {
	files := seeds(t)
	res := nb(t, "", append([]string{"validate", "-f", "json"}, files...)...)
	var fs []finding
	if err := json.Unmarshal([]byte(res.stdout), &fs); err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, f := range fs {
		count[f.Severity]++
	}
	zh := fmt.Sprintf("5 份报告：%d 个错误，%d 个警告", count["error"], count["warning"])
	en := fmt.Sprintf("5 reports: %d errors, %d warnings", count["error"], count["warning"])
	if count["info"] > 0 {
		zh += fmt.Sprintf("，%d 个提示", count["info"])
		en += fmt.Sprintf(", %d notes", count["info"])
	}
	if res.stderr != zh+"\n" {
		t.Errorf("validate: stderr = %q, want %q", res.stderr, zh+"\n")
	}
	for _, args := range [][]string{
		append([]string{"validate", "-en"}, files...),
		append(append([]string{"validate"}, files...), "-en"),
	} {
		if res := nb(t, "", args...); res.stderr != en+"\n" {
			t.Errorf("nianbao %q: stderr = %q, want %q", args, res.stderr, en+"\n")
		}
	}
	if res := nb(t, "", append([]string{"validate", "-q"}, files...)...); res.stderr != "" {
		t.Errorf("validate -q: stderr = %q, want nothing", res.stderr)
	}
	if res := nb(t, "", append([]string{"export"}, files...)...); res.stderr != "5 份报告\n" {
		t.Errorf("export: stderr = %q, want the summary", res.stderr)
	}
	if res := nb(t, "", "parse", "-en", "-f", "csv", files[0], files[0]+".missing"); res.stderr != files[0]+".missing: 文件或目录不存在，请检查路径 / no such file or directory; check the path\n1 report; 1 file not read\n" {
		t.Errorf("parse -en of a file and a missing one: stderr = %q", res.stderr)
	}
	if res := nb(t, "", "parse", files[0]); res.stderr != "" {
		t.Errorf("parse of one file: stderr = %q, want nothing", res.stderr)
	}
}

// TestFlagsAfterFiles checks that flags may follow the file names and that
// "--" ends them.
func TestFlagsAfterFiles(t *testing.T) {
	name := "../../testdata/validate/004_broken_sums.txt"
	before := nb(t, "", "validate", "-en", "-q", name)
	after := nb(t, "", "validate", name, "-en", "-q")
	between := nb(t, "", "validate", "-en", name, "-q")
	if before.code != exitFindings || !strings.Contains(before.stdout, "table 3") {
		t.Fatalf("validate -en: exit %d, output not in English:\n%s", before.code, before.stdout)
	}
	for _, r := range []result{after, between} {
		if r != before {
			t.Errorf("flags after the file: exit %d, output differs from flags before it:\n%s\n%s", r.code, r.stdout, r.stderr)
		}
	}
	if r := nb(t, "", "parse", name, "-f", "csv"); r.code != exitOK || !strings.HasPrefix(r.stdout, "table,row,column,value\n") {
		t.Errorf("parse FILE -f csv: exit %d, not CSV:\n%.200s", r.code, r.stdout)
	}
	// After "--", "-en" is a file name.
	r := nb(t, "", "validate", "-q", "--", name, "-en")
	if r.code != exitBad || !strings.Contains(r.stderr, "-en: 文件或目录不存在") || !strings.Contains(r.stdout, "表三") {
		t.Errorf("validate -- FILE -en: exit %d, want -en read as a missing file:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// A misspelt flag after a file is still a usage error, in both languages.
	r = nb(t, "", "validate", name, "-eng")
	if r.code != exitBad || !strings.Contains(r.stderr, "没有 -eng 这个选项") || !strings.Contains(r.stderr, "flag provided but not defined: -eng") {
		t.Errorf("validate FILE -eng: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestUsageErrorsBilingual checks that usage errors say in Chinese first,
// then in English, what is wrong.
func TestUsageErrorsBilingual(t *testing.T) {
	for _, c := range []struct {
		args   []string
		zh, en string
	}{
		{[]string{"frob"}, `没有 "frob" 这个命令`, `unknown command "frob"`},
		{[]string{"parse", "-x"}, "没有 -x 这个选项", "flag provided but not defined: -x"},
		{[]string{"parse", "-f"}, "选项 -f 后面要给一个值", "flag needs an argument: -f"},
		{[]string{"parse", "-f", "xml"}, `未知的输出格式 "xml"（可用 json、csv、md、html、docx）`, `unknown format "xml" (want json, csv, md, html or docx)`},
		{[]string{"parse", "-max-size", "x"}, `选项 -max-size 的值 "x" 无效：大小应为正数`, "want a positive size"},
		{[]string{"validate", "-enable", "nope"}, "没有规则代码 nope", "unknown rule code nope"},
		{[]string{"parse", "-", "-"}, `"-"（标准输入）只能给一次`, `"-" (standard input) given more than once`},
		{[]string{"help", "a", "b"}, "请只给一个命令", "give one command"},
	} {
		res := nb(t, "", c.args...)
		zh, en := strings.Index(res.stderr, c.zh), strings.Index(res.stderr, c.en)
		if res.code != exitBad || zh < 0 || en < 0 || zh > en {
			t.Errorf("nianbao %q: exit %d, stderr %q; want %q, then %q", c.args, res.code, res.stderr, c.zh, c.en)
		}
	}
}

// TestNoWaitAtTerminal checks that a command that reads reports, given no
// file while standard input is a terminal, prints its usage and exits
// instead of waiting for a report to be typed; standard input that is not
// a terminal (a pipe, /dev/null) is read.
func TestNoWaitAtTerminal(t *testing.T) {
	defer func(f func(io.Reader) bool) { stdinTerminal = f }(stdinTerminal)
	stdinTerminal = func(io.Reader) bool { return true }
	for _, cmd := range []string{"parse", "fmt", "validate", "export"} {
		var res result
		withTimeout(t, 10*time.Second, "nianbao "+cmd+" at a terminal", func() { res = nb(t, "", cmd) })
		if res.code != exitBad || !strings.Contains(res.stderr, "没有给出文件") || !strings.Contains(res.stderr, "no file given") ||
			!strings.Contains(res.stderr, "用法 / usage: nianbao "+cmd) || res.stdout != "" {
			t.Errorf("nianbao %s at a terminal: exit %d, stderr:\n%s", cmd, res.code, res.stderr)
		}
		// "-" says to read standard input, terminal or not.
		if res := nb(t, readFile(t, seeds(t)[4]), cmd, "-q", "-"); res.code != exitOK {
			t.Errorf("nianbao %s - at a terminal: exit %d; stderr:\n%s", cmd, res.code, res.stderr)
		}
	}
	stdinTerminal = func(io.Reader) bool { return false }
	if res := nb(t, readFile(t, seeds(t)[4]), "validate", "-q"); res.code != exitOK {
		t.Errorf("validate < seed: exit %d; stderr:\n%s", res.code, res.stderr)
	}
}

// TestNoWaitAtRealTerminal runs nianbao validate in a process whose
// standard input is a pseudo-terminal (made by script(1), where there is
// one): it must print its usage and exit, not wait.
func TestNoWaitAtRealTerminal(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("no script(1) to make a terminal with")
	}
	cmd := nianbaoProcess(t, "validate")
	line := strings.Join(append([]string{cmd.Path}, cmd.Args[1:]...), " ")
	sc := exec.Command(script, "-qec", line, os.DevNull)
	sc.Env = cmd.Env
	sc.Stdin = strings.NewReader("")
	var out bytes.Buffer
	sc.Stdout, sc.Stderr = &out, &out
	if err := sc.Start(); err != nil {
		t.Skip("script(1) does not run here:", err)
	}
	done := make(chan error, 1)
	go func() { done <- sc.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		sc.Process.Kill()
		t.Fatalf("nianbao validate at a terminal waited; output so far:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "没有给出文件") || !strings.Contains(out.String(), "用法 / usage: nianbao validate") {
		t.Errorf("nianbao validate at a terminal printed:\n%s", out.String())
	}
	// Standard input from /dev/null is not a terminal: it is read, empty.
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	cmd = nianbaoProcess(t, "validate")
	cmd.Stdin = null
	b, _ := cmd.CombinedOutput()
	if !strings.Contains(string(b), "文件是空的") {
		t.Errorf("nianbao validate < /dev/null printed:\n%s", b)
	}
}

// utf16Encode returns s in UTF-16, little- or big-endian, with or without
// a byte-order mark.
func utf16Encode(s string, bigEndian, bom bool) []byte {
	var order binary.AppendByteOrder = binary.LittleEndian
	if bigEndian {
		order = binary.BigEndian
	}
	var out []byte
	if bom {
		out = order.AppendUint16(out, 0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = order.AppendUint16(out, u)
	}
	return out
}

// TestUTF16 checks that a report saved as UTF-16 (Windows Notepad's
// "Unicode", with a byte-order mark, and without one) reads as the same
// report, with the same findings at the same lines and columns.
func TestUTF16(t *testing.T) {
	dir := t.TempDir()
	src := readFile(t, "../../testdata/validate/004_broken_sums.txt")
	src = strings.ReplaceAll(src, "\n", "\r\n") // as Notepad saves it
	utf8Name := filepath.Join(dir, "utf8.txt")
	writeFile(t, utf8Name, src)
	want := nb(t, "", "validate", "-q", "-f", "json", utf8Name)
	wantCSV := nb(t, "", "parse", "-f", "csv", utf8Name)
	if want.code != exitFindings || wantCSV.code != exitOK {
		t.Fatalf("UTF-8: exit %d and %d", want.code, wantCSV.code)
	}
	for _, c := range []struct {
		name           string
		bigEndian, bom bool
	}{
		{"le-bom.txt", false, true},
		{"be-bom.txt", true, true},
		{"le.txt", false, false},
		{"be.txt", true, false},
	} {
		name := filepath.Join(dir, c.name)
		if err := os.WriteFile(name, utf16Encode(src, c.bigEndian, c.bom), 0o644); err != nil {
			t.Fatal(err)
		}
		got := nb(t, "", "validate", "-q", "-f", "json", name)
		if got.code != want.code || got.stdout != strings.ReplaceAll(want.stdout, utf8Name, name) {
			t.Errorf("validate %s: exit %d, findings differ from UTF-8:\n%s", c.name, got.code, cmp.Diff(want.stdout, got.stdout))
		}
		if got := nb(t, "", "parse", "-f", "csv", name); got.stdout != wantCSV.stdout {
			t.Errorf("parse -f csv %s differs from UTF-8:\n%s", c.name, cmp.Diff(wantCSV.stdout, got.stdout))
		}
	}
}

// zipOf returns a ZIP file holding the named parts, as Office writes them.
func zipOf(t *testing.T, parts map[string]string) string {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, content := range parts {
		// Stored, not compressed, as ODF requires of its mimetype.
		f, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(f, content)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestZipNamedForWhatItIs checks that a ZIP file given as a report is
// named for what it holds, whatever its file name says.
func TestZipNamedForWhatItIs(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, content string
		zh, en        string
	}{
		{"a.txt", zipOf(t, map[string]string{"[Content_Types].xml": "", "xl/workbook.xml": ""}), "Excel 工作簿（.xlsx）不能直接读取", "an Excel workbook (.xlsx) is not read directly"},
		// A Word document is read (an empty one is no report); a damaged
		// one says why.
		{"b.txt", zipOf(t, map[string]string{"[Content_Types].xml": "", "word/document.xml": ""}), "文件是空的，不是年报", "the input is empty, not a report"},
		{"b2.docx", zipOf(t, map[string]string{"[Content_Types].xml": "", "word/document.xml": "<w:document><w:body><w:p>"}), "Word 文档（.docx）已损坏或无法读取", "a Word document (.docx) that cannot be read"},
		{"c.txt", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text"}), "OpenDocument 文本（.odt）", "an OpenDocument text (.odt)"},
		{"d.txt", zipOf(t, map[string]string{"OFD.xml": "", "Doc_0/Document.xml": ""}), "OFD 版式文件（.ofd）不能直接读取：先用 OFD 阅读器另存为 PDF", "an OFD document (.ofd)"},
		{"e.txt", zipOf(t, map[string]string{"2023.txt": "x"}), "ZIP 压缩包不能直接读取：先解压", "a ZIP archive is not read directly; unpack it"},
		{"f.xlsx", "PK\x03\x04truncated", "Excel 工作簿（.xlsx）", "an Excel workbook (.xlsx)"},
	} {
		p := filepath.Join(dir, c.name)
		writeFile(t, p, c.content)
		res := nb(t, "", "parse", p)
		if res.code != exitBad || !strings.HasPrefix(res.stderr, p+": "+c.zh) || !strings.Contains(res.stderr, " / "+c.en) {
			t.Errorf("parse %s: exit %d, stderr %q; want %q / %q", c.name, res.code, res.stderr, c.zh, c.en)
		}
	}
}

// TestChineseErrors checks that every message on an input that cannot be
// read is Chinese first, then English, naming no internal identifier.
func TestChineseErrors(t *testing.T) {
	dir := t.TempDir()
	var args []string
	for _, b := range badInputs {
		p := filepath.Join(dir, b.name)
		writeFile(t, p, b.content)
		args = append(args, p)
	}
	big := filepath.Join(dir, "big.txt")
	writeFile(t, big, strings.Repeat("一", 2000))
	args = append(args, big, filepath.Join(dir, "missing.txt"), t.TempDir())
	res := nb(t, "", append([]string{"validate", "-q", "-max-size", "1KB"}, args...)...)
	lines := strings.Split(strings.TrimSuffix(res.stderr, "\n"), "\n")
	if len(lines) != len(args) {
		t.Fatalf("%d lines for %d inputs:\n%s", len(lines), len(args), res.stderr)
	}
	for i, l := range lines {
		msg, ok := strings.CutPrefix(l, args[i]+": ")
		zh, en, two := strings.Cut(msg, " / ")
		if !ok || !two || !hasHan(zh) || en == "" || en[0] >= 0x80 { // English may quote Chinese
			t.Errorf("message on %s is not Chinese, then English: %q", args[i], l)
		}
		for _, internal := range []string{"ErrNotAReport", "nianbao:", "t3.", "<nil>"} {
			if strings.Contains(msg, internal) {
				t.Errorf("message on %s shows %q: %q", args[i], internal, l)
			}
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

// TestExportEditionColumn checks that the edition column is what
// Report.Edition says, "hybrid" included.
func TestExportEditionColumn(t *testing.T) {
	res := nb(t, "", "export", "-q", seedsDir)
	recs, err := csv.NewReader(strings.NewReader(res.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, rec := range recs[1:] {
		seen[rec[5]] = true
	}
	if !seen["hybrid"] || !seen["2021"] || !seen["2019"] {
		t.Errorf("editions of the seeds = %v, want 2019, 2021 and hybrid", seen)
	}
}

// TestFmtWriteKeepsHeadings checks that fmt -w leaves the sub-headings and
// emphasis a person wrote as they are (issue 19 item 7): seed 004 has
// （一）主动公开情况 … and a paragraph that starts in bold.
func TestFmtWriteKeepsHeadings(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "004.txt")
	writeFile(t, name, readFile(t, seed004))
	if res := nb(t, "", "fmt", "-w", name); res.code != exitOK {
		t.Fatalf("fmt -w: exit %d; stderr:\n%s", res.code, res.stderr)
	}
	got := readFile(t, name)
	for _, want := range []string{"\n（一）主动公开情况\n", "\n（五）监督保障情况\n", "\n**建立有效的指导机制，加强沟通与协作。**2024年"} {
		if !strings.Contains(got, want) {
			t.Errorf("fmt -w output lacks %q", want)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if strings.HasPrefix(l, `\`) {
			t.Errorf("fmt -w escaped %q", l)
		}
	}
	// And it is canonical now: fmt -l lists nothing.
	if res := nb(t, "", "fmt", "-l", name); res.stdout != "" {
		t.Errorf("fmt -l after fmt -w lists %q", res.stdout)
	}
}

// TestGuessFlags: a row of table 2 with two values for three cells, whose
// positions nothing settles, is left blank by default and read aligned to
// the right only with -align-short; fmt offers no guess.
func TestGuessFlags(t *testing.T) {
	p := filepath.Join(t.TempDir(), "r.txt")
	writeFile(t, p, "某某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳有序。\n二、主动公开政府信息情况\n"+
		"第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 1 2\n三、收到和处理政府信息公开申请情况\n")
	cell := func(args ...string) string {
		res := nb(t, "", append([]string{"parse", "-f", "csv"}, append(args, p)...)...)
		for _, l := range strings.Split(res.stdout, "\n") {
			if strings.HasPrefix(l, "t2,regulations,in_force,") {
				return strings.TrimPrefix(l, "t2,regulations,in_force,")
			}
		}
		t.Fatalf("parse %v: no t2.regulations.in_force in\n%s\n%s", args, res.stdout, res.stderr)
		return ""
	}
	if got := cell(); got != "" {
		t.Errorf("default: t2.regulations.in_force = %q, want blank", got)
	}
	if got := cell("-align-short"); got != "2" {
		t.Errorf("-align-short: t2.regulations.in_force = %q, want 2 (aligned to the right)", got)
	}
	if res := nb(t, "", "fmt", "-align-short", p); res.code != exitBad {
		t.Errorf("fmt -align-short: exit %d, want %d (fmt makes no guess)", res.code, exitBad)
	}
}
