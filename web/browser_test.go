package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestPageInBrowser opens the built page in headless Chromium, as a person
// would: it pastes a report with known arithmetic errors into the page,
// presses the check button and reads the page back. The findings must be
// shown, the cells they name marked, and the page must ask its server for
// nothing but its own files (Chromium is also told that no other host
// exists). It runs where Chromium is installed (.ci/run installs it) and
// is skipped elsewhere and with -short.
func TestPageInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the page and runs a browser; skipped in -short")
	}
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("no Chromium on this machine")
	}
	dist := t.TempDir()
	build := exec.Command("bash", filepath.Join("..", "scripts", "web.sh"))
	build.Env = append(os.Environ(), "OUT="+dist, "PATH="+filepath.Dir(goCmd(t))+string(os.PathListSeparator)+os.Getenv("PATH"))
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("scripts/web.sh: %v\n%s", err, b)
	}
	report, err := os.ReadFile(filepath.Join("..", "testdata", "validate", "004_broken_sums.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// The harness: paste the report into the page's text box once the
	// program is ready, and press the button. (A file of its own: the
	// page's content security policy allows no inline script.)
	quoted, _ := json.Marshal(string(report))
	harness := `window.addEventListener("load", () => { const t = setInterval(() => {
  if (globalThis.nianbao && globalThis.nianbao.check) { clearInterval(t);
    document.getElementById("paste").value = ` + string(quoted) + `;
    document.getElementById("checkPaste").click(); } }, 50); });`
	page, err := os.ReadFile(filepath.Join(dist, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"/harness.js":   []byte(harness),
		"/harness.html": []byte(strings.Replace(string(page), "</body>", `<script src="harness.js"></script></body>`, 1)),
	}
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		if b, ok := files[r.URL.Path]; ok {
			if strings.HasSuffix(r.URL.Path, ".js") {
				w.Header().Set("Content-Type", "text/javascript")
			} else {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
			}
			w.Write(b)
			return
		}
		http.FileServer(http.Dir(dist)).ServeHTTP(w, r)
	}))
	defer srv.Close()

	args := []string{"--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
		"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
		"--user-data-dir=" + t.TempDir(), "--virtual-time-budget=30000", "--dump-dom", srv.URL + "/harness.html"}
	if runtime.GOOS == "linux" && os.Geteuid() == 0 {
		args = append([]string{"--no-sandbox"}, args...)
	}
	cmd := exec.Command(browser, args...)
	done := make(chan struct{})
	var out []byte
	go func() { out, err = cmd.Output(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("Chromium did not finish in 3 minutes")
	}
	if err != nil {
		t.Fatalf("%s: %v", browser, err)
	}
	dom := string(out)
	for _, want := range []string{"t3-balance", "t3-results", "芜湖市医疗保障局", `data-ref="t3.new.total"`} {
		if !strings.Contains(dom, want) {
			t.Errorf("the page after checking the report lacks %q", want)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	own := []string{"/harness.html", "/harness.js", "/app.js", "/wasm_exec.js", "/nianbao.wasm", "/favicon.ico"}
	for _, p := range asked {
		if !slices.Contains(own, p) {
			t.Errorf("the page asked for %s, not one of its own files", p)
		}
	}
	if !slices.Contains(asked, "/nianbao.wasm") {
		t.Errorf("the page never loaded nianbao.wasm (asked for %v)", asked)
	}
	t.Logf("the page asked for %v", asked)
}
