package nianbao

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestWebInputRatio prints, for every web page of the corpus and of
// testdata/html, the time of Parse over that of encoding/json decoding the
// same report: the median, over 101 rounds, of the ratio within a round (3
// parses, then 3 decodes: ratioRound), and the quartiles. On a shared machine whose
// speed drifts (a virtual machine whose host takes half its time away, for
// tenths of a second at a time) a round's two halves see the same speed, so
// their ratio holds while the times themselves swing twofold; the fastest
// round of each, as measured before, paired the two at different speeds.
// The last line is the largest median of each kind of page. It runs only
// with NIANBAO_WEBRATIO=1:
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
	worst := map[string]float64{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fe := frontEndOf(lineEnds(src))
		if fe == nil || fe.name != "html" && fe.name != "flat" {
			continue
		}
		j := reportJSON(t, src)
		const rounds = 101
		ratios := make([]float64, 0, rounds)
		for range rounds {
			ratios = append(ratios, ratioRound(src, j))
		}
		slices.Sort(ratios)
		med := ratios[rounds/2]
		worst[fe.name] = max(worst[fe.name], med)
		t.Logf("%s %s parse/json %.2f (quartiles %.2f–%.2f)", fe.name, filepath.Base(f), med, ratios[rounds/4], ratios[3*rounds/4])
	}
	t.Logf("largest median: html %.2f, flat %.2f", worst["html"], worst["flat"])
}

// ratioRound is one round of the ratio of Parse to the JSON decode of the
// same report (j): 3 parses of src, then 3 decodes of j, timed each as a
// whole. TestWebInputRatio and BenchmarkWebInput's ratio take the median of
// many rounds.
func ratioRound(src, j []byte) float64 {
	const per = 3
	t0 := time.Now()
	for range per {
		Parse(src)
	}
	parse := time.Since(t0)
	t0 = time.Now()
	for range per {
		var r Report
		json.Unmarshal(j, &r)
	}
	return float64(parse) / float64(time.Since(t0))
}
