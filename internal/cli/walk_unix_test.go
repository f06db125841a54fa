//go:build unix

package cli

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// hostileTree builds a directory of report files beside things a walk must
// not read: a hidden file, a FIFO and a socket named .txt, a .txt link to
// /dev/zero, links to a file and a directory outside the tree, a link to a
// file inside it, a broken link. It returns the tree and the files a walk
// reads, in order.
func hostileTree(t *testing.T) (root string, want []string) {
	t.Helper()
	base := t.TempDir()
	root = filepath.Join(base, "tree")
	outside := filepath.Join(base, "outside")
	seed := readFile(t, seed004)
	writeFile(t, filepath.Join(root, "a.txt"), seed)
	writeFile(t, filepath.Join(root, "sub", "b.txt"), seed)
	writeFile(t, filepath.Join(root, ".hidden.txt"), seed)
	writeFile(t, filepath.Join(root, ".git", "c.txt"), seed)
	writeFile(t, filepath.Join(outside, "secret.txt"), seed)
	for link, target := range map[string]string{
		"zero.txt":     "/dev/zero",
		"out.txt":      filepath.Join(outside, "secret.txt"),
		"outdir":       outside,
		"in.txt":       filepath.Join(root, "sub", "b.txt"),
		"rel.txt":      "a.txt",
		"hiddenln.txt": filepath.Join(root, ".hidden.txt"),
		"broken.txt":   filepath.Join(root, "nothing.txt"),
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skip("cannot make symbolic links:", err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(root, "fifo.txt"), 0o644); err != nil {
		t.Skip("cannot make a FIFO:", err)
	}
	if l, err := net.Listen("unix", filepath.Join(root, "sock.txt")); err == nil {
		t.Cleanup(func() { l.Close() })
	}
	return root, []string{filepath.Join(root, "a.txt"), filepath.Join(root, "hiddenln.txt"), filepath.Join(root, "sub", "b.txt")}
}

// exported returns the file column of export's output.
func exported(t *testing.T, out string) []string {
	t.Helper()
	var files []string
	for _, rec := range csvRecords(t, out)[1:] {
		files = append(files, rec[0])
	}
	return files
}

// TestWalkHostileTree checks what a directory walk reads (issue 16 item 4):
// regular files only, FIFOs, sockets and devices skipped with a note (a
// FIFO hung the run, a link to /dev/zero grew memory until killed);
// symbolic links followed only to files inside the given directories, and
// not to one the walk reads anyway; hidden files skipped as hidden
// directories are; a directory given as a symbolic link walked.
func TestWalkHostileTree(t *testing.T) {
	root, want := hostileTree(t)
	var res result
	withTimeout(t, 30*time.Second, "nianbao export on the tree", func() { res = nb(t, "", "export", root) })
	if res.code != exitOK {
		t.Errorf("export: exit %d, want %d; stderr:\n%s", res.code, exitOK, res.stderr)
	}
	if diff := cmp.Diff(want, exported(t, res.stdout)); diff != "" {
		t.Errorf("files read mismatch (-want +got):\n%s", diff)
	}
	for _, name := range []string{"fifo.txt", "sock.txt", "zero.txt", "out.txt", "outdir", "broken.txt"} {
		if !strings.Contains(res.stderr, filepath.Join(root, name)+": ") {
			t.Errorf("stderr has no note on %s:\n%s", name, res.stderr)
		}
	}
	for _, name := range []string{".hidden.txt", ".git", "in.txt", "rel.txt", "secret.txt"} {
		if strings.Contains(res.stderr, name+":") || strings.Contains(res.stdout, name) {
			t.Errorf("%s is read or noted; it should be skipped silently:\nstdout:\n%s\nstderr:\n%s", name, res.stdout, res.stderr)
		}
	}

	// The tree given through a symbolic link: the same files, named under
	// the link.
	link := filepath.Join(filepath.Dir(root), "link")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	withTimeout(t, 30*time.Second, "nianbao export on the link", func() { res = nb(t, "", "export", link) })
	var viaLink []string
	for _, w := range want {
		viaLink = append(viaLink, filepath.Join(link, strings.TrimPrefix(w, root+string(filepath.Separator))))
	}
	if diff := cmp.Diff(viaLink, exported(t, res.stdout)); diff != "" {
		t.Errorf("files read through a linked root mismatch (-want +got):\n%s\nstderr:\n%s", diff, res.stderr)
	}
}
