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
	browser, dist := buildPage(t)
	report, err := os.ReadFile(filepath.Join("..", "testdata", "validate", "004_broken_sums.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// The harness: paste the report into the page's text box once the
	// program is ready, and press the button. (A file of its own: the
	// page's content security policy allows no inline script.)
	quoted, _ := json.Marshal(string(report))
	harness := `window.addEventListener("load", async () => {
  await waitFor(() => globalThis.nianbao && globalThis.nianbao.check);
  document.getElementById("paste").value = ` + string(quoted) + `;
  document.getElementById("checkPaste").click();
  await waitFor(() => document.getElementById("result").childElementCount > 0); });`
	dom := openPage(t, browser, dist, harness)
	for _, want := range []string{"t3-balance", "t3-results", "芜湖市医疗保障局", `data-ref="t3.new.total"`,
		// The source text, numbered, and the first finding's link to its line.
		`id="source"`, `<div class="src-line" id="L56"><span class="ln">56</span>`, `class="line-link" href="#L56" data-line="56"`} {
		if !strings.Contains(dom, want) {
			t.Errorf("the page after checking the report lacks %q", want)
		}
	}
}

// TestPageSeriesInBrowser gives the page's file input two reports of one
// agency, 2023 and 2024, as a person picking them would: the page must draw
// the chart of their key numbers and offer the wide CSV.
func TestPageSeriesInBrowser(t *testing.T) {
	browser, dist := buildPage(t)
	var adds []string
	for _, name := range []string{"027_pingtan_xzspj_2023_webflat.txt", "034_pingtan_xzspj_2024_html.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "corpus", name))
		if err != nil {
			t.Fatal(err)
		}
		text, _ := json.Marshal(string(b))
		adds = append(adds, `dt.items.add(new File([`+string(text)+`], "`+name+`", {type: "text/plain"}));`)
	}
	harness := `window.addEventListener("load", async () => {
  await waitFor(() => globalThis.nianbao && globalThis.nianbao.series);
  const dt = new DataTransfer(); ` + strings.Join(adds, "\n") + `
  const input = document.getElementById("files");
  input.files = dt.files;
  input.dispatchEvent(new Event("change"));
  await waitFor(() => document.getElementById("result").childElementCount > 0); });`
	dom := openPage(t, browser, dist, harness)
	for _, want := range []string{"027_pingtan_xzspj_2023_webflat.txt", "034_pingtan_xzspj_2024_html.txt",
		`<svg class="chart"`, `data-key="t3.new.total"`, `data-key="t3.total.total"`, `data-key="t3.carried_forward.total"`, `data-key="t4.review.total"`, "跨年度检查",
		">2023</text>", ">2024</text>", ">年度</text>", ">件数</text>", "下载宽表 CSV"} {
		if !strings.Contains(dom, want) {
			t.Errorf("the page after checking two years lacks %q", want)
		}
	}
}

// buildPage returns the browser to run and the page built into a
// temporary directory; it skips the test with -short and where there is
// no Chromium.
func buildPage(t *testing.T) (browser, dist string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the page and runs a browser; skipped in -short")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("no Chromium on this machine")
	}
	dist = t.TempDir()
	build := exec.Command("bash", filepath.Join("..", "scripts", "web.sh"))
	build.Env = append(os.Environ(), "OUT="+dist, "PATH="+filepath.Dir(goCmd(t))+string(os.PathListSeparator)+os.Getenv("PATH"))
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("scripts/web.sh: %v\n%s", err, b)
	}
	return browser, dist
}

// openPage opens the page of dist with the harness script added in
// headless Chromium and returns the DOM once the page is settled. The
// harness may await waitFor(condition): it asks the server for
// /harness-wait, which answers after 50 ms, until the condition holds;
// Chromium's virtual time stands still while a request is open, so the
// page has the real time it needs to compile nianbao.wasm and read files
// before the DOM is taken. The
// page must ask its server for nothing but its own files (Chromium is also
// told that no other host exists).
func openPage(t *testing.T, browser, dist, harness string) string {
	t.Helper()
	page, err := os.ReadFile(filepath.Join(dist, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"/harness.js": []byte(`async function waitFor(cond) {
  while (!cond()) await fetch("harness-wait", { cache: "no-store" });
}
` + harness),
		"/harness.html": []byte(strings.Replace(string(page), "</body>", `<script src="harness.js"></script></body>`, 1)),
	}
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/harness-wait" {
			time.Sleep(50 * time.Millisecond)
			w.WriteHeader(http.StatusNoContent)
			return
		}
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
	mu.Lock()
	defer mu.Unlock()
	own := []string{"/harness.html", "/harness.js", "/app.js", "/wasm_exec.js", "/nianbao.wasm", "/favicon.ico"}
	for _, p := range asked {
		if p != "/harness-wait" && !slices.Contains(own, p) {
			t.Errorf("the page asked for %s, not one of its own files", p)
		}
	}
	if !slices.Contains(asked, "/nianbao.wasm") {
		t.Errorf("the page never loaded nianbao.wasm (asked for %v)", asked)
	}
	t.Logf("the page asked for %v", slices.Compact(asked))
	return string(out)
}
