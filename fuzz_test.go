package nianbao

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FuzzParse: Parse never panics; when it returns a report, nothing read is
// dropped (lossless accounting) and the canonical form of the report parses
// again.
func FuzzParse(f *testing.F) {
	for _, name := range testdataFiles(f) {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("一、总体情况\n二、主动公开政府信息情况\n| 规章 | 1 |"))
	f.Fuzz(func(t *testing.T, src []byte) {
		r, s, err := parseAccounted(&Parser{}, src)
		if r == nil {
			if err == nil {
				t.Fatal("nil report without an error")
			}
			return
		}
		checkAccounting(t, r, s)
		if _, err := Parse(Format(r)); err != nil {
			t.Errorf("Parse(Format(r)): %v", err)
		}
	})
}

// BenchmarkParseScaling parses a seed repeated 1, 10 and 100 times: time and
// allocations per byte should stay flat (the parser is linear).
func BenchmarkParseScaling(b *testing.B) {
	src, err := os.ReadFile("testdata/seeds/004_a48343d0f3c95c5a.txt")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 10, 100} {
		in := bytes.Repeat(src, n)
		b.Run(fmt.Sprintf("x%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLargeInputAllocations parses about 10 MB and checks that the memory
// allocated stays proportionate to the input (not a timing assertion).
func TestLargeInputAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	src, err := os.ReadFile("testdata/seeds/001_a9bda9e5e6ff3691.txt")
	if err != nil {
		t.Fatal(err)
	}
	small := bytes.Repeat(src, 20)
	large := bytes.Repeat(src, 10<<20/len(src))
	per := func(in []byte) float64 {
		res := testing.Benchmark(func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Parse(in); err != nil {
					b.Fatal(err)
				}
			}
		})
		return float64(res.AllocedBytesPerOp()) / float64(len(in))
	}
	ps, pl := per(small), per(large)
	t.Logf("allocated bytes per input byte: %.1f at %d bytes, %.1f at %d bytes", ps, len(small), pl, len(large))
	if pl > 3*ps+100 {
		t.Errorf("allocation per input byte grows with size: %.1f at %d bytes, %.1f at %d bytes", ps, len(small), pl, len(large))
	}
}

// FuzzRoundTrip: whatever Parse reads, its canonical form reads back as the
// same report (positions, warnings and unrecognized text aside, since the
// canonical form does not carry them), and formatting is idempotent:
// Format(Parse(Format(r))) == Format(r).
func FuzzRoundTrip(f *testing.F) {
	for _, name := range testdataFiles(f) {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r, err := Parse(src)
		if r == nil {
			return
		}
		_ = err // a strict-mode error list never comes from Parse
		out := Format(r)
		r2, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(Format(r)): %v\n%s", err, out)
		}
		opts := cmp.Options{cmpopts.EquateEmpty(), cmpopts.IgnoreFields(Report{}, "Warnings", "Unrecognized")}
		if diff := cmp.Diff(r, r2, opts); diff != "" {
			t.Fatalf("Parse(Format(r)) differs (-first +second):\n%s\ncanonical text:\n%s", diff, out)
		}
		if again := Format(r2); !bytes.Equal(again, out) {
			t.Fatalf("Format is not idempotent:\nfirst:\n%s\nsecond:\n%s", out, again)
		}
	})
}
