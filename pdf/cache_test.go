package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// coldStart runs TestColdStartChild in a process of its own with
// NIANBAO_WAZERO_CACHE=cache and returns its cold start and cache directory.
func coldStart(t *testing.T, cache string) (time.Duration, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestColdStartChild$", "-test.v")
	cmd.Env = append(os.Environ(), "NIANBAO_PDF_CHILD=1", "NIANBAO_WAZERO_CACHE="+cache)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`COLD (\d+) CACHE "(.*)"`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("child said:\n%s", out)
	}
	d, _ := time.ParseDuration(string(m[1]) + "ns")
	return d, string(m[2])
}

// TestColdStartChild reads a fixture and reports the cold start; it runs
// only as coldStart's child.
func TestColdStartChild(t *testing.T) {
	if os.Getenv("NIANBAO_PDF_CHILD") != "1" {
		t.Skip("run by TestCache")
	}
	src, err := os.ReadFile("testdata/seed000_blank1.lo.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(src); err != nil {
		t.Fatal(err)
	}
	t.Logf("COLD %d CACHE %q", ColdStart.Nanoseconds(), CacheDir)
}

// TestCache: a cache directory that cannot be made is no cache, and no
// error; with NIANBAO_PDF_COLDSTART=1 the cold start is measured without
// a cache, with an empty one (compiling and storing) and a filled one.
func TestCache(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PDFium in other processes")
	}
	// A directory under a regular file cannot be made.
	d, dir := coldStart(t, filepath.Join(os.Args[0], "cache"))
	if dir != "" {
		t.Errorf("unwritable cache: CacheDir = %q, want none", dir)
	}
	t.Logf("cold start, unwritable cache directory: %v", d)
	if os.Getenv("NIANBAO_PDF_COLDSTART") != "1" {
		return
	}
	tmp := t.TempDir()
	off, _ := coldStart(t, "off")
	empty, dir := coldStart(t, tmp)
	if dir != tmp {
		t.Errorf("CacheDir = %q, want %q", dir, tmp)
	}
	warm, _ := coldStart(t, tmp)
	t.Logf("cold start: no cache %v, empty cache %v, filled cache %v", off, empty, warm)
}
