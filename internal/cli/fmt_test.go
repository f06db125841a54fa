package cli

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/nianbao"
)

func TestFmtPrintsCanonicalForm(t *testing.T) {
	for _, name := range seeds(t) {
		want := string(nianbao.Format(parseFile(t, name)))
		res := nb(t, "", "fmt", name)
		if res.code != exitOK || res.stdout != want {
			t.Errorf("fmt %s: exit %d, output is not Format(Parse(seed)); stderr:\n%s", name, res.code, res.stderr)
		}
		// Idempotent: the canonical form is its own canonical form.
		again := nb(t, res.stdout, "fmt")
		if again.code != exitOK || again.stdout != res.stdout {
			t.Errorf("fmt is not idempotent on %s:\n%s", name, cmp.Diff(res.stdout, again.stdout))
		}
		// fmt seed | parse -f csv gives the cells of the seed.
		var cells bytes.Buffer
		nianbao.WriteCSV(&cells, parseFile(t, name))
		viaFmt := nb(t, res.stdout, "parse", "-f", "csv")
		if diff := cmp.Diff(cells.String(), viaFmt.stdout); diff != "" {
			t.Errorf("fmt %s | parse -f csv mismatch (-want +got):\n%s", name, diff)
		}
	}
}

// fmtTree copies the seeds into a temporary directory, one of them already
// in canonical form, and returns the directory and the paths.
func fmtTree(t *testing.T) (dir string, raw []string, canonical string) {
	t.Helper()
	dir = t.TempDir()
	for _, s := range seeds(t) {
		p := filepath.Join(dir, filepath.Base(s))
		writeFile(t, p, readFile(t, s))
		raw = append(raw, p)
	}
	canonical = filepath.Join(dir, "canonical.md")
	writeFile(t, canonical, string(nianbao.Format(parseFile(t, raw[0]))))
	return dir, raw, canonical
}

func TestFmtList(t *testing.T) {
	dir, raw, _ := fmtTree(t)
	res := nb(t, "", "fmt", "-l", dir)
	if res.code != exitOK {
		t.Fatalf("fmt -l: exit %d; stderr:\n%s", res.code, res.stderr)
	}
	// Every seed differs from its canonical form; canonical.md does not.
	if diff := cmp.Diff(strings.Join(raw, "\n")+"\n", res.stdout); diff != "" {
		t.Errorf("fmt -l mismatch (-want +got):\n%s", diff)
	}
	for _, p := range raw {
		if b := readFile(t, p); b != readFile(t, filepath.Join(seedsDir, filepath.Base(p))) {
			t.Errorf("fmt -l modified %s", p)
		}
	}
	if res := nb(t, "x", "fmt", "-l", "-"); !strings.HasPrefix(res.stderr, stdinName+": ") || res.code != exitBad {
		t.Errorf("fmt -l of bad stdin: exit %d, stderr %q", res.code, res.stderr)
	}
}

func TestFmtWrite(t *testing.T) {
	dir, raw, canonical := fmtTree(t)
	if err := os.Chmod(raw[1], 0o640); err != nil {
		t.Fatal(err)
	}
	canonInfo, _ := os.Stat(canonical)
	bad := filepath.Join(dir, "bad.txt")
	writeFile(t, bad, "这不是年报。\n")
	page := filepath.Join(dir, "page.html")
	writeFile(t, page, "<html><body><pre>"+readFile(t, raw[4])+"</pre></body></html>") // pre: a page shows its lines only so
	pageBefore := readFile(t, page)

	res := nb(t, "", "fmt", "-w", dir)
	if res.code != exitBad { // bad.txt is not a report
		t.Errorf("fmt -w: exit %d, want %d", res.code, exitBad)
	}
	if !strings.Contains(res.stderr, bad+": ") || !strings.Contains(res.stderr, page+": 未改写：这是网页") || !strings.Contains(res.stderr, "not rewritten: it is an HTML page") {
		t.Errorf("fmt -w stderr does not report bad.txt and page.html:\n%s", res.stderr)
	}
	if res.stdout != "" {
		t.Errorf("fmt -w printed on stdout:\n%s", res.stdout)
	}
	for _, p := range raw {
		want := string(nianbao.Format(parseFile(t, filepath.Join(seedsDir, filepath.Base(p)))))
		if got := readFile(t, p); got != want {
			t.Errorf("%s after fmt -w is not the canonical form of the seed:\n%s", p, cmp.Diff(want, got))
		}
	}
	if fi, _ := os.Stat(raw[1]); fi.Mode().Perm() != 0o640 {
		t.Errorf("fmt -w changed the permissions of %s to %v", raw[1], fi.Mode().Perm())
	}
	if fi, _ := os.Stat(canonical); !fi.ModTime().Equal(canonInfo.ModTime()) {
		t.Errorf("fmt -w rewrote %s, which was already canonical", canonical)
	}
	if got := readFile(t, bad); got != "这不是年报。\n" {
		t.Errorf("fmt -w changed a file it could not parse: %q", got)
	}
	if got := readFile(t, page); got != pageBefore {
		t.Error("fmt -w rewrote an HTML page")
	}
	// No temporary files are left behind.
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"000_b593140f8c7bca81.txt", "001_a9bda9e5e6ff3691.txt", "002_0b44081ec42214c3.txt",
		"003_0767bf3ff397923b.txt", "004_a48343d0f3c95c5a.txt", "bad.txt", "canonical.md", "page.html"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("directory after fmt -w mismatch (-want +got):\n%s", diff)
	}
	// Now everything is canonical.
	if res := nb(t, "", append([]string{"fmt", "-l"}, raw...)...); res.stdout != "" || res.code != exitOK {
		t.Errorf("fmt -l after fmt -w: exit %d, lists\n%s", res.code, res.stdout)
	}
	if res := nb(t, "", "fmt", "-w", "-"); res.code != exitBad || !strings.Contains(res.stderr, "standard input") {
		t.Errorf("fmt -w -: exit %d, stderr %q", res.code, res.stderr)
	}
}

func TestFmtWriteKeepsUnplacedText(t *testing.T) {
	// Text the parser cannot place is not in the canonical form; -w must not
	// drop it.
	src := readFile(t, seeds(t)[4])
	i := strings.Index(src, "二、上年结转政府信息公开申请数量")
	if i < 0 {
		t.Fatal("seed 004 has no row 二、上年结转政府信息公开申请数量")
	}
	content := src[:i] + "★★★\t99\t88\n" + src[i:]
	if r, _ := nianbao.Parse([]byte(content)); r == nil || len(r.Unrecognized) == 0 {
		t.Fatal("the parser placed a row of stars; the test needs text it cannot place")
	}
	p := filepath.Join(t.TempDir(), "r.txt")
	writeFile(t, p, content)
	res := nb(t, "", "fmt", "-w", p)
	if res.code != exitFindings || !strings.Contains(res.stderr, "not rewritten") || !strings.Contains(res.stderr, "★★★") {
		t.Errorf("fmt -w on a report with unplaced text: exit %d, stderr:\n%s", res.code, res.stderr)
	}
	if readFile(t, p) != content {
		t.Error("fmt -w rewrote a report whose canonical form loses text")
	}
	// Without -w the canonical form is printed, with the same complaint.
	res = nb(t, "", "fmt", p)
	if res.code != exitFindings || res.stdout == "" || !strings.Contains(res.stderr, "★★★") {
		t.Errorf("fmt on a report with unplaced text: exit %d, stderr:\n%s", res.code, res.stderr)
	}
}

func TestFmtDiff(t *testing.T) {
	_, raw, canonical := fmtTree(t)
	for _, p := range raw {
		res := nb(t, "", "fmt", "-d", p)
		if res.code != exitOK {
			t.Fatalf("fmt -d %s: exit %d; stderr:\n%s", p, res.code, res.stderr)
		}
		if !strings.HasPrefix(res.stdout, "diff -u "+p+".orig "+p+"\n--- "+p+".orig\n+++ "+p+"\n@@ ") {
			t.Errorf("fmt -d %s: unexpected header:\n%.300s", p, res.stdout)
		}
		want := string(nianbao.Format(parseFile(t, p)))
		got, err := applyDiff(readFile(t, p), res.stdout)
		if err != nil {
			t.Fatalf("fmt -d %s: %v", p, err)
		}
		if got != want {
			t.Errorf("applying the diff of %s does not give its canonical form:\n%s", p, cmp.Diff(want, got))
		}
	}
	if res := nb(t, "", "fmt", "-d", canonical); res.stdout != "" {
		t.Errorf("fmt -d of a canonical file printed:\n%s", res.stdout)
	}
}

// applyDiff applies a unified diff (as unifiedDiff writes it) to a,
// checking every context and removed line.
func applyDiff(a, diff string) (string, error) {
	src := splitLines([]byte(a))
	lines := strings.SplitAfter(diff, "\n")
	var out []string
	next := 0 // next line of src to copy
	i := 0
	for i < len(lines) && !strings.HasPrefix(lines[i], "@@ ") {
		i++
	}
	for i < len(lines) && lines[i] != "" {
		h := lines[i]
		if !strings.HasPrefix(h, "@@ -") {
			return "", fmt.Errorf("line %q: want a hunk header", h)
		}
		f := strings.Fields(h)
		start, _, _ := strings.Cut(strings.TrimPrefix(f[1], "-"), ",")
		n, err := strconv.Atoi(start)
		if err != nil {
			return "", err
		}
		if !strings.HasSuffix(f[1], ",0") {
			n-- // 1-based unless the range is empty
		}
		if n < next {
			return "", fmt.Errorf("hunk %q overlaps the previous one", h)
		}
		out = append(out, src[next:n]...)
		next = n
		i++
		for i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@ ") {
			l := lines[i]
			if strings.HasPrefix(l, "\\ ") { // belongs to the line before
				i++
				continue
			}
			body := l[1:]
			if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\\ No newline") {
				body += lines[i+1]
			}
			switch l[0] {
			case ' ', '-':
				if next >= len(src) || src[next] != body {
					return "", fmt.Errorf("line %d: diff has %q, file has another line", next+1, body)
				}
				if l[0] == ' ' {
					out = append(out, body)
				}
				next++
			case '+':
				out = append(out, body)
			default:
				return "", fmt.Errorf("bad diff line %q", l)
			}
			i++
		}
	}
	out = append(out, src[next:]...)
	s := strings.Join(out, "")
	return strings.ReplaceAll(s, "\n\\ No newline at end of file\n", ""), nil
}

func TestUnifiedDiffApplies(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	text := func() string {
		var b strings.Builder
		for range rnd.IntN(30) {
			b.WriteString([]string{"a", "b", "c", "d", "", " "}[rnd.IntN(6)])
			b.WriteByte('\n')
		}
		if rnd.IntN(4) == 0 {
			b.WriteString("end")
		}
		return b.String()
	}
	for range 2000 {
		a, b := text(), text()
		d := unifiedDiff("a", "b", []byte(a), []byte(b))
		if a == b {
			if d != nil {
				t.Fatalf("diff of equal texts %q: %q", a, d)
			}
			continue
		}
		got, err := applyDiff(a, string(d))
		if err != nil || got != b {
			t.Fatalf("diff of %q and %q:\n%s\napplies to %q (err %v)", a, b, d, got, err)
		}
	}
}

func TestUnifiedDiffFormat(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n"
	b := "1\n2\n3\n4\n5\nsix\n7\n8\n9\n10\n11\n12\n13\n14\n15\n"
	want := `diff -u a b
--- a
+++ b
@@ -3,7 +3,7 @@
 3
 4
 5
-6
+six
 7
 8
 9
@@ -12,3 +12,4 @@
 12
 13
 14
+15
`
	if diff := cmp.Diff(want, string(unifiedDiff("a", "b", []byte(a), []byte(b)))); diff != "" {
		t.Errorf("unifiedDiff mismatch (-want +got):\n%s", diff)
	}
}
