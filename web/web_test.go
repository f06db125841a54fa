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
