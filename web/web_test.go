package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// goCmd returns the go command of the toolchain running the tests.
func goCmd(t *testing.T) string {
	t.Helper()
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); runtime.GOROOT() != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	return p
}

// The page's program compiles to WebAssembly (CI builds no browser, but
// proves this).
func TestBuildWasm(t *testing.T) {
	if testing.Short() {
		t.Skip("builds for js/wasm; skipped in -short")
	}
	out := filepath.Join(t.TempDir(), "nianbao.wasm")
	cmd := exec.Command(goCmd(t), "build", "-o", out, ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go build ./web: %v\n%s", err, b)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Fatalf("no nianbao.wasm: %v", err)
	}
	t.Run("node", func(t *testing.T) { runInNode(t, out) })
}

// smokeJS loads nianbao.wasm as the page does and calls its two functions.
const smokeJS = `
const fs = require("fs");
require(process.argv[2]);
const go = new Go();
WebAssembly.instantiate(fs.readFileSync(process.argv[3]), go.importObject).then((r) => {
  go.run(r.instance);
  const data = new Uint8Array(fs.readFileSync(process.argv[4]));
  const one = JSON.parse(globalThis.nianbao.check("a.txt", data));
  const many = JSON.parse(globalThis.nianbao.series([{name: "a.txt", data}, {name: "b.txt", data},
    {name: "c.pdf", data: new TextEncoder().encode("%PDF-1.4\n")}]));
  console.log(JSON.stringify({status: one.status, agency: one.agency, cells: one.cells.length,
    findings: one.findings.map((f) => f.code).join(" "), named: one.html.includes('data-ref="t3.new.total"'),
    files: many.files.map((f) => f.status).join(" "), series: many.series.map((f) => f.code).join(" ")}));
  process.exit(0);
});
`

// runInNode runs the WebAssembly in Node.js, when there is one: the bridge
// of main.go works, not only compiles.
func runInNode(t *testing.T, wasm string) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node")
	}
	execJS := filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js")
	if _, err := os.Stat(execJS); err != nil {
		t.Skip("no wasm_exec.js in GOROOT")
	}
	script := filepath.Join(t.TempDir(), "smoke.js")
	if err := os.WriteFile(script, []byte(smokeJS), 0o644); err != nil {
		t.Fatal(err)
	}
	seed, _ := filepath.Abs("../testdata/validate/004_broken_sums.txt")
	b, err := exec.Command(node, script, execJS, wasm, seed).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, b)
	}
	want := `{"status":"errors","agency":"芜湖市医疗保障局","cells":200,"findings":"t3-balance t3-balance t3-results t3-results","named":true,"files":"errors errors unreadable","series":"series-duplicate"}`
	if got := strings.TrimSpace(string(b)); got != want {
		t.Errorf("node printed\n%s\nwant\n%s", got, want)
	}
}

// Nothing leaves the page: index.html and app.js name no URL and fetch
// nothing but the page's own nianbao.wasm, and keep nothing in storage.
func TestPageStaysLocal(t *testing.T) {
	url := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}|https?://`)
	fetch := regexp.MustCompile(`fetch\s*\(([^)]*)\)`)
	banned := []string{"XMLHttpRequest", "WebSocket", "sendBeacon", "EventSource", "localStorage", "sessionStorage", "indexedDB", "document.cookie", "import(", "<link", "src=\"http", "@import", "url("}
	for _, name := range []string{"index.html", "app.js"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		if m := url.FindAllString(src, -1); m != nil {
			t.Errorf("%s names URLs: %q", name, m)
		}
		for _, m := range fetch.FindAllStringSubmatch(src, -1) {
			if strings.TrimSpace(m[1]) != `"nianbao.wasm"` {
				t.Errorf("%s fetches %s, not the page's own nianbao.wasm", name, m[1])
			}
		}
		for _, s := range banned {
			if strings.Contains(src, s) {
				t.Errorf("%s uses %s", name, s)
			}
		}
	}
	// index.html loads only the page's own scripts.
	b, _ := os.ReadFile("index.html")
	for _, m := range regexp.MustCompile(`<script[^>]*src="([^"]*)"`).FindAllStringSubmatch(string(b), -1) {
		if m[1] != "wasm_exec.js" && m[1] != "app.js" {
			t.Errorf("index.html loads %s", m[1])
		}
	}
}
