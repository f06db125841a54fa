package pdf

import (
	"errors"
	"os"
	"testing"
	"time"
)

// TestHostile: what is not a PDF, or a PDF cut short, is a clear error, never a panic.
func TestHostile(t *testing.T) {
	good, err := os.ReadFile("testdata/seed000_blank1.lo.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ToText([]byte("这不是PDF, just text")); !errors.Is(err, ErrNotPDF) {
		t.Errorf("text: err = %v, want ErrNotPDF", err)
	}
	if _, err := ToText(nil); !errors.Is(err, ErrNotPDF) {
		t.Errorf("empty: err = %v, want ErrNotPDF", err)
	}
	for _, n := range []int{5, 100, len(good) / 2, len(good) - 200} {
		_, err := ToText(good[:n])
		t.Logf("truncated to %d bytes: %v", n, err)
	}
	if _, err := Parse(good[:len(good)/3]); err == nil {
		t.Log("a third of the file parsed without error (PDFium recovers what it can)")
	}
}

// BenchmarkToText: one file's text, PDFium already started; the cold
// start (compiling and instantiating the WebAssembly) is logged.
func BenchmarkToText(b *testing.B) {
	src, err := os.ReadFile("testdata/seed000_blank1.lo.pdf")
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	if _, err := ToText(src); err != nil {
		b.Fatal(err)
	}
	b.Logf("first call %v (PDFium cold start %v)", time.Since(t0), ColdStart)
	b.ResetTimer()
	for b.Loop() {
		if _, err := ToText(src); err != nil {
			b.Fatal(err)
		}
	}
}
