package nianbao_test

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/opengovcn/nianbao"
)

// hostileSeed is the report the hostile inputs are built from.
const hostileSeed = "testdata/seeds/004_a48343d0f3c95c5a.txt"

// hostileCase is one hostile input and what Parse must make of it.
type hostileCase struct {
	name string
	src  func(seed string) []byte
	// wantErr is the sentinel the error must wrap, with a nil report; nil
	// means a report must come back without an error.
	wantErr error
	// wantWarn is a sentinel some positioned warning of the report must
	// wrap; nil means none is required.
	wantWarn error
	// check looks further at the report, if set.
	check func(t *testing.T, seed string, r *nianbao.Report)
	// maxPerByte bounds the bytes Parse allocates per input byte: a
	// generous bound (a few times what is measured), to catch runaway
	// memory, not to measure it.
	maxPerByte float64
	// maxPeak, if set, bounds the peak of the heap during Parse, above
	// what it was before, per input byte: what a long input costs at
	// once, as against maxPerByte, all it allocates in turn.
	maxPeak float64
	// large cases are skipped with -short and under the race detector.
	large bool
}

// sectionOne returns the seed with its section 1 narrative replaced by text.
func sectionOne(seed, text string) string {
	i := strings.Index(seed, "## 一、总体情况")
	j := strings.Index(seed, "### （一）主动公开情况")
	return seed[:i] + "## 一、总体情况\n\n" + text + "\n\n" + seed[j:]
}

var hostileCases = []hostileCase{
	{
		name: "100 MB report (a 100 MB narrative in section 1)",
		src: func(seed string) []byte {
			para := "本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。\n"
			return []byte(sectionOne(seed, strings.Repeat(para, 100<<20/len(para))))
		},
		check: sameTables, maxPerByte: 12, large: true,
	},
	{
		name: "a single 10 MB line",
		src: func(seed string) []byte {
			return []byte(sectionOne(seed, strings.Repeat("本机关依法公开政府信息", 10<<20/33)))
		},
		check: sameTables, maxPerByte: 12,
	},
	{
		name: "a table row of 100,000 values on one line",
		src: func(seed string) []byte {
			return []byte(strings.Replace(seed, "规章\t0\t0\t0", "规章\t0\t0\t0"+strings.Repeat("\t7", 100_000), 1))
		},
		wantWarn: nianbao.ErrAmbiguous, check: tooManyWarnings, maxPerByte: 600,
	},
	{
		name: "200,000 repeated headings",
		src: func(seed string) []byte {
			return []byte(seed + strings.Repeat("一、总体情况\n", 200_000))
		},
		check: func(t *testing.T, _ string, r *nianbao.Report) {
			if n := len(r.Sections); n < 200_000 {
				t.Errorf("%d sections, want more than 200000", n)
			}
		},
		maxPerByte: 80,
	},
	{
		name: "a heading line of 1,000,000 #",
		src: func(seed string) []byte {
			return []byte(sectionOne(seed, strings.Repeat("#", 1_000_000)+" 一、总体情况"))
		},
		check: sameTables, maxPerByte: 40, // a line of text: no heading, no warning
	},
	{
		name: "10,000 tables",
		src: func(seed string) []byte {
			i := strings.Index(seed, "第二十条第（一）项")
			j := strings.Index(seed, "### 三、")
			return []byte(seed[:i] + strings.Repeat(seed[i:j], 10_000) + seed[j:])
		},
		wantWarn: nianbao.ErrAmbiguous, check: tooManyWarnings, maxPerByte: 120,
	},
	{
		name: "invalid UTF-8 in a paragraph",
		src: func(seed string) []byte {
			return []byte(sectionOne(seed, "本机关\xff\xfe\xfd依法公开政府信息。"))
		},
		wantWarn: nianbao.ErrEncoding, maxPerByte: 80,
		check: func(t *testing.T, seed string, r *nianbao.Report) {
			sameTables(t, seed, r)
			wantText(t, r, "本机关\uFFFD\uFFFD\uFFFD依法公开政府信息。")
			wantWarning(t, r, nianbao.ErrEncoding, nianbao.Position{Line: 9, Column: 4})
		},
	},
	{
		name: "NUL bytes in a paragraph",
		src: func(seed string) []byte {
			return []byte(sectionOne(seed, "本机关\x00\x00依法公开政府信息。"))
		},
		wantWarn: nianbao.ErrEncoding, maxPerByte: 80,
		check: func(t *testing.T, seed string, r *nianbao.Report) {
			sameTables(t, seed, r)
			wantText(t, r, "本机关\uFFFD\uFFFD依法公开政府信息。")
			wantWarning(t, r, nianbao.ErrEncoding, nianbao.Position{Line: 9, Column: 4})
		},
	},
	{
		name: "a GB18030 paragraph in a UTF-8 file",
		src: func(seed string) []byte {
			gb, err := simplifiedchinese.GB18030.NewEncoder().String("本机关依法公开政府信息。")
			if err != nil {
				panic(err)
			}
			return []byte(sectionOne(seed, gb))
		},
		wantWarn: nianbao.ErrEncoding, maxPerByte: 80,
		check: func(t *testing.T, seed string, r *nianbao.Report) {
			sameTables(t, seed, r)
			wantText(t, r, "本机关依法公开政府信息。")
			wantWarning(t, r, nianbao.ErrEncoding, nianbao.Position{Line: 9, Column: 1})
		},
	},
	{
		name: "a number of 1,000 digits in a cell",
		src: func(seed string) []byte {
			return []byte(strings.Replace(seed, "规章\t0\t0\t0", "规章\t"+strings.Repeat("9", 1000)+"\t0\t0", 1))
		},
		maxPerByte: 80,
		check: func(t *testing.T, _ string, r *nianbao.Report) {
			c, _ := r.Cell("t2.regulations.issued")
			if c.Kind != nianbao.Number || c.Value != strings.Repeat("9", 1000) {
				t.Errorf("t2.regulations.issued = %v %.20q…, want the 1000-digit number", c.Kind, c.Value)
			}
		},
	},
	{
		name: "an HTML table 40,000 cells wide, then 20,000 rows",
		src: func(string) []byte {
			return hostilePage("<table><tr>" + strings.Repeat("<td>1</td>", 40_000) + "</tr>" +
				strings.Repeat("<tr><td>x</td></tr>\n", 20_000) + "</table>")
		},
		check: samePageTables, maxPerByte: 150,
	},
	{
		name: "an HTML table whose first row spans every later row, then 100,000 bare rows",
		src: func(string) []byte {
			return hostilePage("<table><tr>" + strings.Repeat("<td rowspan=0>1</td>", 128) + "</tr>" +
				strings.Repeat("<tr>", 100_000) + "</table>")
		},
		check: samePageTables, maxPerByte: 100,
	},
	{
		name: "an HTML table of 100,000 rows",
		src: func(string) []byte {
			return hostilePage("<table>" + strings.Repeat("<tr><td>行政处罚</td><td>1</td><td>2</td><td>3</td></tr>\n", 100_000) + "</table>")
		},
		check: samePageTables, maxPerByte: 100, maxPeak: 25,
	},
	{
		name: "HTML elements nested 100,000 deep",
		src: func(string) []byte {
			return hostilePage(strings.Repeat("<div><span>", 100_000) + "x" + strings.Repeat("</span></div>", 100_000))
		},
		check: samePageTables, maxPerByte: 40,
	},
	{
		name: "HTML tables nested 20,000 deep",
		src: func(string) []byte {
			return hostilePage(strings.Repeat("<table><tr><td>", 20_000) + "x")
		},
		check: samePageTables, maxPerByte: 80,
	},
	{
		name: "mostly binary data",
		src: func(string) []byte {
			b := make([]byte, 1<<16)
			x := uint32(7)
			for i := range b {
				x = x*1664525 + 1013904223
				b[i] = byte(x >> 24)
			}
			return b
		},
		wantErr: nianbao.ErrEncoding, maxPerByte: 80,
	},
	{
		name: "a report header followed by binary data",
		src: func(seed string) []byte {
			b := []byte("一、总体情况\n二、主动公开政府信息情况\n")
			x := uint32(7)
			for range 1 << 14 {
				x = x*1664525 + 1013904223
				b = append(b, byte(x>>24))
			}
			return b
		},
		wantErr: nianbao.ErrEncoding, maxPerByte: 80,
	},
}

// TestHostileInputs parses inputs built to hurt: huge, degenerate or
// badly encoded. Each must give a clear error or a report with warnings,
// never a panic or runaway time or memory. The 100 MB case is skipped with
// -short and under the race detector (it takes seconds there).
func TestHostileInputs(t *testing.T) {
	seedBytes, err := os.ReadFile(hostileSeed)
	if err != nil {
		t.Fatal(err)
	}
	seed := string(seedBytes)
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			if c.large && (testing.Short() || raceEnabled) {
				t.Skip("large input: skipped with -short and under the race detector")
			}
			src := c.src(seed)
			var before, after runtime.MemStats
			var r *nianbao.Report
			var err error
			runtime.ReadMemStats(&before)
			peak := peakHeap(func() { r, err = nianbao.Parse(src) })
			runtime.ReadMemStats(&after)
			perByte := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(src))
			peakPerByte := float64(peak) / float64(len(src))
			t.Logf("%d bytes in, %.1f bytes allocated per input byte, heap peak %.1f bytes per input byte", len(src), perByte, peakPerByte)
			if !raceEnabled && perByte > c.maxPerByte {
				t.Errorf("Parse allocated %.1f bytes per input byte, want at most %.0f", perByte, c.maxPerByte)
			}
			if !raceEnabled && c.maxPeak > 0 && peakPerByte > c.maxPeak {
				t.Errorf("the heap of Parse peaked at %.1f bytes per input byte, want at most %.0f", peakPerByte, c.maxPeak)
			}
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) || r != nil {
					t.Fatalf("Parse = %v, %v; want no report and an error wrapping %v", r != nil, err, c.wantErr)
				}
				return
			}
			if err != nil || r == nil {
				t.Fatalf("Parse: %v, want a report", err)
			}
			if c.wantWarn != nil {
				found := false
				for _, w := range r.Warnings {
					if errors.Is(w, c.wantWarn) && w.Pos.IsValid() {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("no positioned warning wraps %v; warnings: %v", c.wantWarn, firstWarnings(r, 5))
				}
			}
			if n := len(r.Warnings); n > 1001 {
				t.Errorf("%d warnings, want at most 1000 and one saying how many more", n)
			}
			if c.check != nil {
				c.check(t, seed, r)
			}
		})
	}
}

// hostilePageFile is the web page the hostile HTML inputs are built from.
const hostilePageFile = "testdata/html/report2021.html"

// hostilePage returns hostilePageFile with markup inserted before </body>.
func hostilePage(markup string) []byte {
	page, err := os.ReadFile(hostilePageFile)
	if err != nil {
		panic(err)
	}
	s := string(page)
	i := strings.LastIndex(s, "</body>")
	return []byte(s[:i] + markup + s[i:])
}

// samePageTables checks that the tables of r are those of hostilePageFile.
func samePageTables(t *testing.T, _ string, r *nianbao.Report) {
	t.Helper()
	page, err := os.ReadFile(hostilePageFile)
	if err != nil {
		t.Fatal(err)
	}
	want, err := nianbao.Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.Cells(), r.Cells()); diff != "" {
		t.Errorf("cells differ from the page's (-want +got):\n%s", diff)
	}
}

// peakHeap runs f and returns the peak of the heap's objects while it ran
// over their size before, sampled every 100 µs (runtime/metrics), after a
// GC. The peak includes garbage not yet collected, as a process's memory
// does.
func peakHeap(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var max uint64
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				peak <- max
				return
			case <-tick.C:
				max = maxU(max, read())
			}
		}
	}()
	f()
	last := read()
	close(done)
	p := maxU(<-peak, last)
	if p < base {
		return 0
	}
	return p - base
}

func maxU(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

// sameTables checks that the tables of r are those of the seed.
func sameTables(t *testing.T, seed string, r *nianbao.Report) {
	t.Helper()
	want, err := nianbao.Parse([]byte(seed))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.Cells(), r.Cells()); diff != "" {
		t.Errorf("cells differ from the seed's (-want +got):\n%s", diff)
	}
}

// wantText checks that section 1 starts with text.
func wantText(t *testing.T, r *nianbao.Report, text string) {
	t.Helper()
	s, ok := r.Section(1)
	if !ok || !strings.HasPrefix(s.Text, text) {
		t.Errorf("section 1 = %.60q, want it to start with %q", s.Text, text)
	}
}

// wantWarning checks that a warning wrapping sentinel is at pos.
func wantWarning(t *testing.T, r *nianbao.Report, sentinel error, pos nianbao.Position) {
	t.Helper()
	for _, w := range r.Warnings {
		if errors.Is(w, sentinel) && w.Pos == pos {
			return
		}
	}
	t.Errorf("no warning wrapping %v at %v; warnings: %v", sentinel, pos, firstWarnings(r, 5))
}

// tooManyWarnings checks that the warnings stop at 1000 with one more
// saying how many were left out.
func tooManyWarnings(t *testing.T, _ string, r *nianbao.Report) {
	t.Helper()
	if n := len(r.Warnings); n != 1001 {
		t.Fatalf("%d warnings, want 1000 and one saying how many more", n)
	}
	if last := r.Warnings[1000]; !strings.Contains(last.Msg, "too many warnings") || !last.Pos.IsValid() {
		t.Errorf("last warning = %v, want a positioned one saying there are too many", last)
	}
}

func firstWarnings(r *nianbao.Report, n int) []string {
	var out []string
	for _, w := range r.Warnings[:min(n, len(r.Warnings))] {
		out = append(out, w.Error())
	}
	return out
}

// longNumber returns the seed with t3.new.natural_person (4 in the seed)
// replaced by a number of n digits.
func longNumber(t testing.TB, n int) []byte {
	t.Helper()
	src, err := os.ReadFile(hostileSeed)
	if err != nil {
		t.Fatal(err)
	}
	row := "一、本年新收政府信息公开申请数量\t\t4\t"
	s := string(src)
	if !strings.Contains(s, row) {
		t.Fatalf("%s has no row %q", hostileSeed, row)
	}
	return []byte(strings.Replace(s, row, "一、本年新收政府信息公开申请数量\t\t"+strings.Repeat("9", n)+"\t", 1))
}

// maxMessage is the longest message a finding may have, in bytes: a
// message quotes a short prefix of a value, never the whole of a huge one.
const maxMessage = 2000

// TestValidateHostile checks Validate on hostile reports (issue 16): a nil
// report gives no finding and no panic; a count of more than 30 digits is a
// value-kind error, is left out of the arithmetic and is quoted by a short
// prefix only (a 3,000,000-digit count took 111 s to validate and printed
// 5 MB a finding); 30 digits are still a number like any other.
func TestValidateHostile(t *testing.T) {
	t.Run("nil report", func(t *testing.T) {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("Validate(nil) panicked: %v", p)
			}
		}()
		if fs := nianbao.Validate(nil); len(fs) != 0 {
			t.Errorf("Validate(nil) = %v, want no findings", fs)
		}
		if fs := nianbao.ValidateSeries([]*nianbao.Report{nil, nil}); len(fs) != 0 {
			t.Errorf("ValidateSeries(nil, nil) = %v, want no findings", fs)
		}
	})
	for _, c := range []struct {
		digits    int
		valueKind bool // a value-kind finding on the cell
	}{
		{30, false},
		{31, true},
		{100_000, true},
	} {
		t.Run(fmt.Sprintf("%d digits", c.digits), func(t *testing.T) {
			r, err := nianbao.Parse(longNumber(t, c.digits))
			if err != nil {
				t.Fatal(err)
			}
			const ref = "t3.new.natural_person"
			if cell, _ := r.Cell(ref); cell.Kind != nianbao.Number || len(cell.Value) != c.digits {
				t.Fatalf("%s = %v of %d bytes, want a number of %d digits", ref, cell.Kind, len(cell.Value), c.digits)
			}
			var kinds, arithmetic int
			for _, f := range nianbao.Validate(r) {
				if len(f.Message) > maxMessage || len(f.MessageEN) > maxMessage {
					t.Errorf("finding %s has a message of %d/%d bytes, want at most %d", f.Code, len(f.Message), len(f.MessageEN), maxMessage)
				}
				if !slices.Contains(f.Cells, ref) {
					continue
				}
				switch f.Code {
				case "value-kind":
					kinds++
				case "t3-balance", "t3-results", "t3-row-sum", "subtotal", "undecidable", "text-table":
					arithmetic++
				}
			}
			if c.valueKind && kinds != 1 {
				t.Errorf("%d value-kind findings on %s, want 1", kinds, ref)
			}
			if !c.valueKind && kinds != 0 {
				t.Errorf("%d value-kind findings on %s, want none", kinds, ref)
			}
			if c.valueKind && arithmetic > 0 {
				t.Errorf("%d arithmetic findings on %s, want none: an overlong number is left out of the sums", arithmetic, ref)
			}
			if !c.valueKind && arithmetic == 0 {
				t.Errorf("no arithmetic finding on %s, want the sums it breaks", ref)
			}
		})
	}
}
