package main

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
// README.md with a freshly built nianbao and compares the output with the
// lines that follow it, so that the README shows real, current output.
func TestREADMEOutput(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run the README's command lines")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build nianbao with")
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", bin, ".")
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

	readme := readFile(t, "../../README.md")
	n := 0
	for _, block := range consoleBlocks(readme) {
		for _, c := range block {
			n++
			cmd := exec.Command("sh", "-c", c.command)
			cmd.Dir = work
			cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			cmd.Run() // the exit status of a pipeline is its last command's
			if diff := cmp.Diff(c.output, out.String()); diff != "" {
				t.Errorf("README: $ %s\noutput mismatch (-README +actual); if the new output is right, copy it into README.md:\n%s", c.command, diff)
			}
		}
	}
	if n < 5 {
		t.Errorf("README has %d console commands, want at least one per command", n)
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
