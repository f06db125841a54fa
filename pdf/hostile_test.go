package pdf

import (
	"bytes"
	"errors"
	"fmt"
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

// A PDF that needs a password to open, one with only an owner password,
// and one with no text (a scanned
// report: a page with only drawing), give errors that say what to do.
func TestEncryptedAndScanned(t *testing.T) {
	enc, err := os.ReadFile("testdata/bad/encrypted.pdf") // LibreOffice, open password "secret"
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ToText(enc); !errors.Is(err, ErrEncrypted) {
		t.Errorf("encrypted PDF: %v, want ErrEncrypted", err)
	}
	// Only an owner password (no printing, no copying): it opens.
	owner, err := os.ReadFile("testdata/bad/owner-password.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if text, err := ToText(owner); err != nil || !bytes.Contains(text, []byte("总体情况")) {
		t.Errorf("owner-password PDF: %q, %v; want its text", text, err)
	}
	if _, err := ToText(drawingOnlyPDF()); !errors.Is(err, ErrNoText) {
		t.Errorf("PDF without text: %v, want ErrNoText", err)
	}
}

// drawingOnlyPDF is a one-page PDF that draws a rectangle and no text, with
// a correct cross-reference table.
func drawingOnlyPDF() []byte {
	stream := "0 0 0 RG 50 50 200 100 re S"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
