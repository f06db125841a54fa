//go:build unix

package cli

// Tests of fmt -w under abuse (issue 16 items 2, 3 and 7).

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/opengovcn/nianbao"
)

// TestFmtWriteGuards checks that fmt -w refuses to rewrite a file whose
// canonical form would lose a value or a character the parse kept, or
// numbers of the file (issue 16 item 2): one input per guard, each
// rewritten before; the file is left as it was, with exit status 1 and a
// message saying what would be lost.
func TestFmtWriteGuards(t *testing.T) {
	for _, c := range []struct {
		name   string
		file   func(t *testing.T) string
		reason string // in the message
	}{
		{
			// The text cell U+2028 (a line separator) reads back blank.
			name:   "a value that reads back otherwise",
			file:   func(t *testing.T) string { return seedWith(t, "r.txt", "规章\t0\t0\t0", "规章\t0\t\u2028\t0") },
			reason: "t2.regulations.repealed",
		},
		{
			// The text cell "3" + U+2028 reads back as the number 3: a
			// value changes and the line separator is lost.
			name:   "a text cell that reads back as a number",
			file:   func(t *testing.T) string { return seedWith(t, "r.txt", "规章\t0\t0\t0", "规章\t0\t3\u2028\t0") },
			reason: "t2.regulations.repealed",
		},
		{
			// An HTML fragment saved as .txt is a web page by its content,
			// as the library reads it (fmt asks internal/htmltext, which
			// Parse asks): the canonical form would drop the markup and
			// the numbers in its attributes. Before fmt shared the
			// library's rule, this page reached the numbers guard, which
			// is tested on its own below (lostNumbers).
			name: "an HTML page whatever its name",
			file: func(t *testing.T) string {
				p := filepath.Join(t.TempDir(), "page.txt")
				writeFile(t, p, readFile(t, "../../testdata/corpus/024_shanghai_szfbgt_2019_html.txt"))
				return p
			},
			reason: "HTML page",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := c.file(t)
			before := readFile(t, p)
			res := nb(t, "", "fmt", "-w", p)
			if got := readFile(t, p); got != before {
				t.Errorf("fmt -w rewrote the file")
			}
			if res.code != exitFindings || !strings.Contains(res.stderr, "not rewritten") || !strings.Contains(res.stderr, c.reason) {
				t.Errorf("fmt -w: exit %d, want %d and a message naming %q:\n%s", res.code, exitFindings, c.reason, res.stderr)
			}
		})
	}
}

// TestFmtWriteGuardFunctions checks each guard of fmt -w on its own.
func TestFmtWriteGuardFunctions(t *testing.T) {
	r := func(title string, cells map[string]nianbao.Cell) *nianbao.Report {
		x := nianbao.NewReport(nianbao.E2021)
		x.Title = title
		for ref, c := range cells {
			x.SetCell(ref, c)
		}
		return x
	}
	three := map[string]nianbao.Cell{"t2.regulations.issued": nianbao.IntCell(3)}
	if why := lostValue(r("甲", three), r("甲", map[string]nianbao.Cell{"t2.regulations.issued": nianbao.BlankCell()})); why == "" {
		t.Error("lostValue: a number that reads back blank is not noticed")
	}
	if why := lostValue(r("甲", three), r("乙", three)); why != "" {
		t.Errorf("lostValue on equal cells = %q", why)
	}
	if why := lostCharacter(r("甲乙", nil), r("甲", nil)); why == "" {
		t.Error("lostCharacter: a character of the title missing is not noticed")
	}
	if why := lostCharacter(r("甲 乙", nil), r("乙甲\n二、主动公开政府信息情况", nil)); why != "" {
		t.Errorf("lostCharacter with every character kept = %q", why)
	}
	for _, c := range []struct {
		src, out string
		lost     bool
	}{
		{"规章\t3\t5\t8", "| 规章 | 3 | 5 | 8 |", false},
		{"规章\t3\t5\t8", "| 规章 |  |  | 358 |", true}, // issue 16: numbers run together
		{"规章\t3\t5\t8", "| 规章 | 3 | 5 |  |", true},
		{"358", "| 3 | 5 | 8 |", false}, // a run of digits cut into cells
		{"1,234 and ３", "1234 and 3", false},
		{"<td colspan=\"2\">1</td>", "1", true},
	} {
		if why := lostNumbers([]byte(c.src), []byte(c.out)); (why != "") != c.lost {
			t.Errorf("lostNumbers(%q, %q) = %q, want lost = %v", c.src, c.out, why, c.lost)
		}
	}
}

// TestFmtWriteLineEnds checks issue 16 item 2 end to end: a tab report
// with old-Mac CR line ends is rewritten with its values.
func TestFmtWriteLineEnds(t *testing.T) {
	p := seedWith(t, "cr.txt", "规章\t0\t0\t0", "规章\t3\t5\t8")
	writeFile(t, p, strings.ReplaceAll(readFile(t, p), "\n", "\r"))
	if res := nb(t, "", "fmt", "-w", p); res.code != exitOK {
		t.Fatalf("fmt -w: exit %d; stderr:\n%s", res.code, res.stderr)
	}
	if got, want := readFile(t, p), canonical(t, "规章\t0\t0\t0", "规章\t3\t5\t8"); got != want || !strings.Contains(got, "| 规章 | 3 | 5 | 8 |") {
		t.Errorf("fmt -w of the CR file is not the canonical form of the LF file")
	}
}

// TestFmtWriteIdentity checks that fmt -w keeps the identity of the file it
// rewrites (issue 16 item 3): it writes through a symbolic link, keeps hard
// links joined, keeps the mode with its special bits and, as root, the
// owner, and refuses a read-only file unless -readonly.
func TestFmtWriteIdentity(t *testing.T) {
	want := canonical(t, "", "")
	t.Run("symbolic link", func(t *testing.T) {
		real := seedWith(t, "real.txt", "", "")
		link := filepath.Join(filepath.Dir(real), "link.txt")
		if err := os.Symlink("real.txt", link); err != nil {
			t.Skip(err)
		}
		if res := nb(t, "", "fmt", "-w", link); res.code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", res.code, res.stderr)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
		}
		if got := readFile(t, real); got != want {
			t.Error("the link's target was not rewritten")
		}
	})
	t.Run("hard link", func(t *testing.T) {
		a := seedWith(t, "a.txt", "", "")
		b := filepath.Join(filepath.Dir(a), "b.txt")
		if err := os.Link(a, b); err != nil {
			t.Skip(err)
		}
		if res := nb(t, "", "fmt", "-w", a); res.code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", res.code, res.stderr)
		}
		fa, _ := os.Stat(a)
		fb, _ := os.Stat(b)
		if !os.SameFile(fa, fb) {
			t.Error("the hard link was split: a.txt and b.txt are no longer one file")
		}
		if readFile(t, a) != want || readFile(t, b) != want {
			t.Error("a.txt and b.txt are not both canonical")
		}
		if left := strayTemps(t, filepath.Dir(a)); len(left) > 0 {
			t.Errorf("temporary files left: %q", left)
		}
	})
	t.Run("mode and special bits", func(t *testing.T) {
		p := seedWith(t, "m.txt", "", "")
		mode := os.FileMode(0o640) | os.ModeSetuid | os.ModeSetgid | os.ModeSticky
		if err := os.Chmod(p, mode); err != nil {
			t.Skip(err)
		}
		if fi, _ := os.Stat(p); fi.Mode() != mode {
			t.Skipf("the file system keeps mode %v of %v", fi.Mode(), mode)
		}
		if res := nb(t, "", "fmt", "-w", p); res.code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", res.code, res.stderr)
		}
		if fi, _ := os.Stat(p); fi.Mode() != mode || readFile(t, p) != want {
			t.Errorf("mode after fmt -w %v, want %v", fi.Mode(), mode)
		}
	})
	t.Run("owner", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("not root: cannot give a file to another user")
		}
		p := seedWith(t, "o.txt", "", "")
		const uid, gid = 4242, 4343
		if err := os.Chown(p, uid, gid); err != nil {
			t.Skip(err)
		}
		os.Chmod(p, 0o640)
		if res := nb(t, "", "fmt", "-w", p); res.code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", res.code, res.stderr)
		}
		fi, _ := os.Stat(p)
		st := fi.Sys().(*syscall.Stat_t)
		if st.Uid != uid || st.Gid != gid || fi.Mode().Perm() != 0o640 || readFile(t, p) != want {
			t.Errorf("after fmt -w: owner %d:%d mode %v, want %d:%d 0640", st.Uid, st.Gid, fi.Mode().Perm(), uid, gid)
		}
	})
	t.Run("read-only", func(t *testing.T) {
		p := seedWith(t, "ro.txt", "", "")
		before := readFile(t, p)
		os.Chmod(p, 0o444)
		res := nb(t, "", "fmt", "-w", p)
		if res.code != exitBad || !strings.Contains(res.stderr, "-readonly") || readFile(t, p) != before {
			t.Errorf("fmt -w on a read-only file: exit %d, want %d, the file unchanged and a message naming -readonly:\n%s", res.code, exitBad, res.stderr)
		}
		res = nb(t, "", "fmt", "-w", "-readonly", p)
		fi, _ := os.Stat(p)
		if res.code != exitOK || readFile(t, p) != want || fi.Mode().Perm() != 0o444 {
			t.Errorf("fmt -w -readonly: exit %d, mode %v; want it rewritten and still 0444:\n%s", res.code, fi.Mode().Perm(), res.stderr)
		}
	})
}

// strayTemps lists the temporary files of fmt -w left in dir.
func strayTemps(t *testing.T, dir string) []string {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(dir, ".*.nianbao-*"))
	if err != nil {
		t.Fatal(err)
	}
	return left
}

// TestFmtWriteSignal interrupts fmt -w while its temporary file exists
// (issue 16 item 7: .name.nianbao-* files were left after SIGINT and
// SIGTERM): the file is left whole, as it was, and no temporary file stays.
func TestFmtWriteSignal(t *testing.T) {
	for _, c := range []struct {
		name     string
		sig      syscall.Signal
		hardLink bool // the in-place path, with its backup copy
	}{
		{"SIGINT", syscall.SIGINT, false},
		{"SIGTERM", syscall.SIGTERM, false},
		{"SIGTERM with a hard link", syscall.SIGTERM, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := seedWith(t, "s.txt", "", "")
			before := readFile(t, p)
			if c.hardLink {
				if err := os.Link(p, p+".link"); err != nil {
					t.Skip(err)
				}
			}
			cmd := nianbaoProcess(t, "fmt", "-w", p)
			cmd.Env = append(cmd.Env, "NIANBAO_TEST_PAUSE_TEMP=1")
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			ready := make(chan bool, 1)
			go func() {
				sc := bufio.NewScanner(stderr)
				for sc.Scan() {
					if sc.Text() == "paused" {
						ready <- true
						break
					}
				}
				for sc.Scan() {
				}
			}()
			select {
			case <-ready:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatal("fmt -w did not reach its temporary file")
			}
			if left := strayTemps(t, filepath.Dir(p)); len(left) == 0 {
				t.Fatal("no temporary file while fmt -w is paused after making it")
			}
			cmd.Process.Signal(c.sig)
			err = cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 128+int(c.sig) {
				t.Errorf("fmt -w after %v: %v, want exit status %d", c.sig, err, 128+int(c.sig))
			}
			if left := strayTemps(t, filepath.Dir(p)); len(left) > 0 {
				t.Errorf("temporary files left: %q", left)
			}
			if got := readFile(t, p); got != before && got != canonical(t, "", "") {
				t.Errorf("the file is neither as it was nor canonical:\n%s", got)
			}
			if c.hardLink && !bytes.Equal([]byte(readFile(t, p)), []byte(readFile(t, p+".link"))) {
				t.Error("the hard links differ")
			}
		})
	}
}
