package cli

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionOf(t *testing.T) {
	vcs := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0c042a0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708"},
		{Key: "vcs.time", Value: "2026-12-07T13:59:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	for _, c := range []struct {
		v, commit, date string
		info            *debug.BuildInfo
		want            string
	}{
		{"v0.2.0", "0c042a0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708", "2026-12-07T13:59:00Z", vcs, "v0.2.0 (0c042a0e1f2a, 2026-12-07)"},
		{"v0.2.0", "unknown", "", nil, "v0.2.0"},
		{"", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.1.3"}}, "v0.1.3"},
		{"", "", "", vcs, "(devel) 0c042a0e1f2a+dirty 2026-12-07"},
		{"", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
		{"", "", "", nil, "(devel)"},
	} {
		if got := versionOf(c.v, c.commit, c.date, c.info); got != c.want {
			t.Errorf("versionOf(%q, %q, %q) = %q, want %q", c.v, c.commit, c.date, got, c.want)
		}
	}
	var out, errb bytes.Buffer
	Main([]string{"version"}, strings.NewReader(""), &out, &errb, Options{Version: "v9.9.9", Commit: "abcdef", Date: "2027-01-02T03:04:05Z"})
	if want := "nianbao v9.9.9 (abcdef, 2027-01-02) " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + "\n"; out.String() != want {
		t.Errorf("nianbao version = %q, want %q", out.String(), want)
	}
}

// TestReleaseScript runs scripts/release.sh for the platform the test runs
// on and checks what it makes: an archive with the program, LICENSE,
// NOTICE and the README, its checksum in SHA256SUMS, and a program that
// knows its version and validates the seeds.
func TestReleaseScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a release; skipped with -short")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash to run scripts/release.sh")
	}
	if runtime.GOOS == "windows" {
		t.Skip("the archive for Windows is a zip; this test reads a tar.gz")
	}
	out := t.TempDir()
	platform := runtime.GOOS + "/" + runtime.GOARCH
	cmd := exec.Command("bash", "scripts/release.sh", platform)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "OUT="+out, "VERSION=v0.0.0-test")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/release.sh: %v\n%s", err, b)
	}
	name := "nianbao-v0.0.0-test-" + runtime.GOOS + "-" + runtime.GOARCH
	archive := filepath.Join(out, name+".tar.gz")
	data, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if sums := readFile(t, filepath.Join(out, "SHA256SUMS")); sums != hex.EncodeToString(sum[:])+"  "+name+".tar.gz\n" {
		t.Errorf("SHA256SUMS = %q, want the checksum of %s", sums, archive)
	}
	f, _ := os.Open(archive)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	bin := filepath.Join(t.TempDir(), "nianbao")
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if h.Name == name+"/nianbao" {
			b, _ := io.ReadAll(tr)
			if err := os.WriteFile(bin, b, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got, want := strings.Join(names, " "), strings.Join([]string{name + "/LICENSE", name + "/NOTICE", name + "/README.md", name + "/nianbao"}, " "); got != want {
		t.Errorf("archive holds %s, want %s", got, want)
	}
	v, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.HasPrefix(string(v), "nianbao v0.0.0-test (") {
		t.Errorf("nianbao version of the release: %q, %v", v, err)
	}
	val := exec.Command(bin, "validate", "-q", "testdata/seeds")
	val.Dir = "../.."
	if b, err := val.CombinedOutput(); err != nil {
		t.Errorf("the release's nianbao validate testdata/seeds: %v\n%s", err, b)
	}
}

// TestNoticeListsDependencies checks that NOTICE names every module the
// binaries bundle, at the version go.mod requires.
func TestNoticeListsDependencies(t *testing.T) {
	notice := readFile(t, "../../NOTICE")
	for _, line := range strings.Split(readFile(t, "../../go.mod"), "\n") {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require "))
		if len(f) < 2 || !strings.Contains(f[0], ".") || !strings.HasPrefix(f[1], "v") {
			continue
		}
		if !strings.Contains(notice, f[0]+" "+f[1]) {
			t.Errorf("NOTICE does not list %s %s", f[0], f[1])
		}
	}
	if !strings.Contains(readFile(t, "../../LICENSE"), "Apache License\n                           Version 2.0, January 2004") {
		t.Error("LICENSE is not the Apache License 2.0")
	}
}

// TestNoticeCopy: the NOTICE nianbao version -v prints is the repository's.
func TestNoticeCopy(t *testing.T) {
	root, err := os.ReadFile("../../NOTICE")
	if err != nil {
		t.Fatal(err)
	}
	if string(root) != notice {
		t.Error("internal/cli/NOTICE differs from the repository's NOTICE: copy it (cp NOTICE internal/cli/NOTICE)")
	}
}

// TestVersionNotices: version -v prints the NOTICE and a build's own
// notice after the version line; version alone prints the line only.
func TestVersionNotices(t *testing.T) {
	for _, c := range []struct {
		args  []string
		extra string
		want  []string
		not   []string
	}{
		{[]string{"version"}, "", []string{"nianbao "}, []string{"Apache License"}},
		{[]string{"version", "-v"}, "", []string{"nianbao ", "Apache License 2.0", "golang.org/x/text"}, nil},
		{[]string{"version", "-v"}, "PDFium: Apache-2.0\n", []string{"golang.org/x/text", "PDFium: Apache-2.0"}, nil},
	} {
		var out, errs bytes.Buffer
		if code := Main(c.args, strings.NewReader(""), &out, &errs, Options{Notice: c.extra}); code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errs.String())
		}
		for _, w := range c.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%v: output lacks %q", c.args, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(out.String(), w) {
				t.Errorf("%v: output has %q", c.args, w)
			}
		}
	}
}
