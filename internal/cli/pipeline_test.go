package cli

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestOrderedKeepsInputOrder(t *testing.T) {
	var ins []input
	for i := range 300 {
		ins = append(ins, input{name: fmt.Sprint(i)})
	}
	var running, peak atomic.Int32
	e := &env{stderr: &strings.Builder{}, workers: 8}
	var got []string
	ordered(e, ins, func(in input) string {
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
		running.Add(-1)
		return "out:" + in.name
	}, func(in input, s string) {
		if s != "out:"+in.name {
			t.Errorf("emit(%s) got the result %q of another input", in.name, s)
		}
		got = append(got, in.name)
	})
	if len(got) != len(ins) {
		t.Fatalf("emitted %d results, want %d", len(got), len(ins))
	}
	for i, name := range got {
		if name != ins[i].name {
			t.Fatalf("result %d is for input %s, want %s", i, name, ins[i].name)
		}
	}
	if peak.Load() < 2 {
		t.Errorf("at most %d inputs were processed at once with 8 workers", peak.Load())
	}
}

// TestOrderedStreams checks that the first result is emitted before the
// last input is processed: the work on the last input waits for the first
// emit, which would deadlock (and time out) if ordered collected everything
// first.
func TestOrderedStreams(t *testing.T) {
	var ins []input
	for i := range 50 {
		ins = append(ins, input{name: fmt.Sprint(i)})
	}
	firstEmitted := make(chan struct{})
	e := &env{stderr: &strings.Builder{}, workers: 2}
	streamed := true
	n := 0
	ordered(e, ins, func(in input) bool {
		if in.name != "49" {
			return true
		}
		select {
		case <-firstEmitted:
			return true
		case <-time.After(10 * time.Second):
			return false
		}
	}, func(in input, ok bool) {
		if n == 0 {
			close(firstEmitted)
		}
		n++
		if !ok {
			streamed = false
		}
	})
	if !streamed {
		t.Error("the last input was processed before the first result was emitted")
	}
}

// TestParallelOutputOrder runs commands on many reports with many workers
// and checks that the output follows the input order, which is not sorted.
func TestParallelOutputOrder(t *testing.T) {
	base := readFile(t, seeds(t)[4]) // 芜湖市医疗保障局
	const agency = "芜湖市医疗保障局"
	if !strings.Contains(base, agency) {
		t.Fatalf("seed 004 does not name %s", agency)
	}
	dir := t.TempDir()
	var files, agencies []string
	for i := range 120 {
		a := fmt.Sprintf("第%d测试局", i)
		// Reports of different sizes, so that they finish out of order.
		text := strings.ReplaceAll(base, agency, a)
		text = strings.Replace(text, "一、总体情况\n", "一、总体情况\n"+strings.Repeat("本机关认真贯彻落实条例规定。\n", rand.IntN(400)), 1)
		name := filepath.Join(dir, fmt.Sprintf("r%03d.txt", (i*37)%120))
		writeFile(t, name, text)
		files = append(files, name)
		agencies = append(agencies, a)
	}
	res := nbWorkers(t, 8, "", append([]string{"export"}, files...)...)
	if res.code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", res.code, res.stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(res.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(files)+1 {
		t.Fatalf("%d rows, want %d", len(recs)-1, len(files))
	}
	for i, rec := range recs[1:] {
		if rec[0] != files[i] || rec[3] != agencies[i] {
			t.Fatalf("row %d is %s (%s), want %s (%s)", i+1, rec[0], rec[3], files[i], agencies[i])
		}
	}

	res = nbWorkers(t, 8, "", append([]string{"parse", "-f", "md"}, files...)...)
	var titles []string
	for _, line := range strings.Split(res.stdout, "\n") {
		if strings.HasPrefix(line, "# ") {
			titles = append(titles, line)
		}
	}
	if len(titles) != len(files) {
		t.Fatalf("parse -f md printed %d titles, want %d", len(titles), len(files))
	}
	for i, title := range titles {
		if !strings.Contains(title, agencies[i]) {
			t.Fatalf("report %d in the output is %q, want %s", i+1, title, agencies[i])
		}
	}
}

func TestProgress(t *testing.T) {
	// Not a terminal: never a progress line, messages pass through.
	var plain strings.Builder
	p := newProgress(&plain, 10)
	p.start = time.Now().Add(-time.Hour)
	p.mu.Lock()
	p.draw()
	p.mu.Unlock()
	fmt.Fprintln(p, "x.txt: message")
	p.stop()
	if got := plain.String(); got != "x.txt: message\n" {
		t.Errorf("progress on a non-terminal wrote %q", got)
	}
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("isTerminal(regular file) = true")
	}

	// A terminal: the line appears after the delay, is cleared before a
	// message and at the end.
	var tty strings.Builder
	p = &progress{w: &tty, tty: true, start: time.Now(), total: 3}
	p.draw()
	if tty.Len() != 0 {
		t.Errorf("progress shown before %v: %q", delay, tty.String())
	}
	p.start = time.Now().Add(-2 * delay)
	p.step()
	p.draw()
	fmt.Fprintln(p, "x.txt: message")
	p.draw()
	p.stop()
	p.draw()
	want := "\rnianbao: 1/3 个文件 / files\r\x1b[Kx.txt: message\n\rnianbao: 1/3 个文件 / files\r\x1b[K"
	if got := tty.String(); got != want {
		t.Errorf("progress on a terminal wrote %q, want %q", got, want)
	}
}
