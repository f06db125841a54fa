package nianbao

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWebInputRatio prints, for every web page of the corpus and of
// testdata/html, the time of Parse over that of encoding/json decoding the
// same report, each the fastest of 25 rounds of 5 taken in turn: a figure
// that load on a shared machine disturbs less than the medians of
// BenchmarkWebInput. It runs only with NIANBAO_WEBRATIO=1:
//
//	NIANBAO_WEBRATIO=1 go test -run TestWebInputRatio -v .
func TestWebInputRatio(t *testing.T) {
	if os.Getenv("NIANBAO_WEBRATIO") == "" {
		t.Skip("set NIANBAO_WEBRATIO=1 to measure")
	}
	var files []string
	for _, p := range []string{"testdata/corpus/*.txt", "testdata/html/*.html"} {
		m, _ := filepath.Glob(p)
		files = append(files, m...)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fe := frontEndOf(lineEnds(src))
		if fe == nil || fe.name != "html" && fe.name != "flat" {
			continue
		}
		r, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		j, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		parse, decode := time.Duration(1<<62), time.Duration(1<<62)
		for range 25 {
			t0 := time.Now()
			for range 5 {
				Parse(src)
			}
			parse = min(parse, time.Since(t0)/5)
			t0 = time.Now()
			for range 5 {
				var r Report
				json.Unmarshal(j, &r)
			}
			decode = min(decode, time.Since(t0)/5)
		}
		t.Logf("%s %s parse %v json %v parse/json %.2f", fe.name, filepath.Base(f), parse, decode, float64(parse)/float64(decode))
	}
}
