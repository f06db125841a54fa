package nianbao

import "testing"

// BenchmarkValidate validates every report of the parse benchmark (seeds,
// corpus, a 1 MB report), parsed once beforehand; bytes are those of the
// report's text, so MB/s compares with BenchmarkParse.
func BenchmarkValidate(b *testing.B) {
	for _, in := range benchInputs(b) {
		r, err := Parse(in.text)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				Validate(r)
			}
		})
	}
}
