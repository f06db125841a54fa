package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestREADMEMainCommand runs the README's first command,
// "go run ./cmd/nianbao validate testdata/seeds/*.txt", in-process: the
// seeds validate without errors.
func TestREADMEMainCommand(t *testing.T) {
	readme := readFile(t, "../../README.md")
	if !strings.Contains(readme, "go run ./cmd/nianbao validate testdata/seeds/*.txt") {
		t.Fatal("README.md no longer starts with the validate command this test runs")
	}
	res := nb(t, "", append([]string{"validate"}, seeds(t)...)...)
	if res.code != exitOK {
		t.Errorf("nianbao validate testdata/seeds/*.txt: exit %d; stdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
}

// TestREADMEOutput runs every "$ nianbao …" line of the console blocks in
// README.md and docs/cli.md with a freshly built nianbao and compares the
// output with the lines that follow it, so that they show real, current
// output.
func TestREADMEOutput(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run the README's command lines")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build nianbao with")
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", bin, "../../cmd/nianbao")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// The commands run in a directory with the repository's testdata and a
	// report.pdf for the PDF example.
	work := t.TempDir()
	testdata, _ := filepath.Abs("../../testdata")
	if err := os.Symlink(testdata, filepath.Join(work, "testdata")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(work, "report.pdf"), "%PDF-1.4\n%binary\n")

	n := 0
	for _, doc := range []string{"README.md", "docs/cli.md"} {
		for _, block := range consoleBlocks(readFile(t, "../../"+doc)) {
			for _, c := range block {
				n++
				cmd := exec.Command("sh", "-c", c.command)
				cmd.Dir = work
				cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				cmd.Run() // the exit status of a pipeline is its last command's
				if diff := cmp.Diff(c.output, out.String()); diff != "" {
					t.Errorf("%s: $ %s\noutput mismatch (-doc +actual); if the new output is right, copy it into %s:\n%s", doc, c.command, doc, diff)
				}
			}
		}
	}
	if n < 8 {
		t.Errorf("README.md and docs/cli.md have %d console commands, want at least one per command", n)
	}
}

type consoleCommand struct{ command, output string }

// consoleBlocks returns the "$ nianbao" commands of the ```console blocks
// with the output shown after each.
func consoleBlocks(md string) [][]consoleCommand {
	var blocks [][]consoleCommand
	var cur []consoleCommand
	in := false
	for _, line := range strings.Split(md, "\n") {
		switch {
		case line == "```console":
			in, cur = true, nil
		case in && line == "```":
			in = false
			blocks = append(blocks, cur)
		case in && strings.HasPrefix(line, "$ "):
			cur = append(cur, consoleCommand{command: strings.TrimPrefix(line, "$ ")})
		case in && len(cur) > 0:
			cur[len(cur)-1].output += line + "\n"
		}
	}
	return blocks
}

// TestREADMEGoQuickStart builds and runs the Go program of README.md's
// quick start, in a module of its own that requires this one, on a report:
// it must compile against the library as it is and print the agency, the
// findings and the canonical text. The Chinese and English sections show
// the same program.
func TestREADMEGoQuickStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program; skipped with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	readme := readFile(t, "../../README.md")
	var blocks []string
	for _, part := range strings.Split(readme, "```go\n")[1:] {
		code, _, _ := strings.Cut(part, "```")
		blocks = append(blocks, code)
	}
	if len(blocks) != 2 || blocks[0] != blocks[1] {
		t.Fatalf("README.md has %d Go blocks, want the quick start twice, the same in both languages", len(blocks))
	}
	if n := strings.Count(blocks[0][strings.Index(blocks[0], "func main"):], "\n"); n > 14 {
		t.Errorf("the quick start's main is %d lines, want a short one", n)
	}
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.go"), blocks[0])
	writeFile(t, filepath.Join(dir, "go.mod"), "module quickstart\n\ngo 1.26\n\nrequire github.com/opengovcn/nianbao v0.0.0\n\nreplace github.com/opengovcn/nianbao => "+root+"\n")
	writeFile(t, filepath.Join(dir, "go.sum"), readFile(t, "../../go.sum"))
	writeFile(t, filepath.Join(dir, "report.txt"), readFile(t, "../../testdata/validate/004_broken_sums.txt"))
	tidy := exec.Command("go", "mod", "tidy")
	tidy.Dir = dir
	tidy.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")
	if b, err := tidy.CombinedOutput(); err != nil {
		t.Skipf("go mod tidy without network: %v\n%s", err, b)
	}
	run := exec.Command("go", "run", ".")
	run.Dir = dir
	run.Env = append(os.Environ(), "GOPROXY=off")
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("go run of the README's quick start: %v\n%s", err, out)
	}
	for _, want := range []string{"芜湖市医疗保障局 2023 4\n", "56:19 error 表三“自然人”列", "\n## 三、收到和处理政府信息公开申请情况\n"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the quick start's output lacks %q:\n%s", want, out)
		}
	}
}

// TestREADMEGoVersion checks that the README states the Go version go.mod
// requires.
func TestREADMEGoVersion(t *testing.T) {
	var v string
	for _, l := range strings.Split(readFile(t, "../../go.mod"), "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "go" {
			v = f[1]
		}
	}
	major := strings.Join(strings.SplitN(v, ".", 3)[:2], ".")
	readme := readFile(t, "../../README.md")
	for _, want := range []string{"需要 Go " + major + " 或更高版本", "Go " + major + " or later"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md does not say %q (go.mod: go %s)", want, v)
		}
	}
}
