package nianbao

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"
)

// TestRunSteps runs one step of reading a corpus file, NIANBAO_N times, for
// scripts/instructions.sh to count its instructions under valgrind: a
// count a shared machine's load does not disturb, where its times swing
// twofold. Steps: front (the front end's conversion), core (the parser on
// the front end's text, positions mapped back), parse (Parse), json
// (encoding/json decoding the same report). It runs only with NIANBAO_STEP
// set:
//
//	NIANBAO_STEP=parse NIANBAO_FILE=025_shuyang_fgj_2023_html NIANBAO_N=40 go test -run TestRunSteps .
func TestRunSteps(t *testing.T) {
	step := os.Getenv("NIANBAO_STEP")
	if step == "" {
		t.Skip("set NIANBAO_STEP (front, core, parse, json), NIANBAO_FILE and NIANBAO_N")
	}
	n, err := strconv.Atoi(os.Getenv("NIANBAO_N"))
	if err != nil {
		t.Fatal("NIANBAO_N: ", err)
	}
	src, err := os.ReadFile("testdata/corpus/" + os.Getenv("NIANBAO_FILE") + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	// Once before counting, in every run: lazily built tables (the
	// catalog's vocabulary) are built here, not in the steps counted.
	j := reportJSON(t, src)
	src = lineEnds(src)
	fe := frontEndOf(src)
	if fe == nil && (step == "front" || step == "core") {
		t.Fatalf("no front end reads %s", os.Getenv("NIANBAO_FILE"))
	}
	var run func()
	switch step {
	case "front":
		run = func() { fe.toText(src) }
	case "core":
		text, m, _ := fe.toText(src)
		pr := &Parser{}
		run = func() { pr.parseMapped(fe, text, m) }
	case "parse":
		run = func() { Parse(src) }
	case "json":
		run = func() {
			var r Report
			json.Unmarshal(j, &r)
		}
	default:
		t.Fatalf("NIANBAO_STEP %q: front, core, parse or json", step)
	}
	run()
	for range n {
		run()
	}
}

// reportJSON parses src and returns the report as JSON, failing t if
// either does not work.
func reportJSON(t testing.TB, src []byte) []byte {
	t.Helper()
	r, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	j, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return j
}
