package nianbao

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// benchInput is one report used by the benchmarks: its text as published and
// the JSON form of the same report (the baseline).
type benchInput struct {
	name string
	text []byte
	json []byte
}

// benchInputs returns every seed, every corpus report the parser reads, and
// one large report (seed 004 with its narrative repeated to about 1 MB).
func benchInputs(b *testing.B) []benchInput {
	b.Helper()
	var files []string
	for _, pat := range []string{"testdata/seeds/*.txt", "testdata/corpus/*.txt", "testdata/corpus/*.md"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	var out []benchInput
	add := func(name string, text []byte) {
		r, err := Parse(text)
		if err != nil {
			return // not supported yet; the corpus runner reports it
		}
		j, err := json.Marshal(r)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, benchInput{name: name, text: text, json: j})
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		add(strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)), src)
	}
	seed, err := os.ReadFile("testdata/seeds/004_a48343d0f3c95c5a.txt")
	if err != nil {
		b.Fatal(err)
	}
	add("large", largeReport(seed, 1<<20))
	return out
}

// largeReport repeats the narrative of section 1 of src until the report is
// at least size bytes, keeping its tables.
func largeReport(src []byte, size int) []byte {
	s := string(src)
	i := strings.Index(s, "## 一、总体情况")
	j := strings.Index(s, "## 二、主动公开政府信息情况")
	if i < 0 || j < i {
		return src
	}
	body := s[i+len("## 一、总体情况") : j]
	var b strings.Builder
	b.WriteString(s[:j])
	for b.Len()+len(s)-j < size {
		b.WriteString(body)
	}
	b.WriteString(s[j:])
	return []byte(b.String())
}

// BenchmarkParse parses each report's published text.
//
// Compare with BenchmarkUnmarshalJSON, which decodes the JSON form of the same
// reports into the same Report type with encoding/json: the ns/op of the two
// for one input is the cost of reading messy text against reading clean JSON.
func BenchmarkParse(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(in.text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkUnmarshalJSON is the baseline for BenchmarkParse.
func BenchmarkUnmarshalJSON(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.json)))
			b.ReportAllocs()
			for b.Loop() {
				var r Report
				if err := json.Unmarshal(in.json, &r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRender writes the canonical form of each report.
func BenchmarkRender(b *testing.B) {
	for _, in := range benchInputs(b) {
		r, _ := Parse(in.text)
		var buf bytes.Buffer
		if err := Render(&buf, r); err != nil {
			b.Fatal(err)
		}
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(buf.Len()))
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := Render(&buf, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWebInput measures reading web input against the JSON baseline:
// for each web page of the corpus and of testdata/html (HTML, and page text
// flattened onto one line), front is the front end's conversion alone, parse
// is Parse (the conversion included), and json is encoding/json decoding
// the same report. parse/json is what reading the page costs against
// reading clean JSON; front/parse is the front end's share. ratio reports
// that parse/json itself (its metric "parse/json"), measured within rounds
// (ratioRound: 3 parses, then 3 decodes; an op is a round) and taken as the
// median over the rounds: a machine whose speed drifts between the parse
// and the json runs, seconds apart, moves their ns/op, not this.
func BenchmarkWebInput(b *testing.B) {
	ins := benchInputs(b)
	pages, _ := filepath.Glob("testdata/html/*.html")
	for _, f := range pages {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		ins = append(ins, benchInput{name: strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)), text: src, json: reportJSON(b, src)})
	}
	for _, in := range ins {
		fe := frontEndOf(lineEnds(in.text))
		if fe == nil {
			continue
		}
		b.Run(fe.name+"/"+in.name+"/front", func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				fe.toText(lineEnds(in.text))
			}
		})
		b.Run(fe.name+"/"+in.name+"/parse", func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(in.text); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fe.name+"/"+in.name+"/json", func(b *testing.B) {
			b.SetBytes(int64(len(in.json)))
			b.ReportAllocs()
			for b.Loop() {
				var r Report
				if err := json.Unmarshal(in.json, &r); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fe.name+"/"+in.name+"/ratio", func(b *testing.B) {
			var ratios []float64
			for b.Loop() {
				ratios = append(ratios, ratioRound(in.text, in.json))
			}
			slices.Sort(ratios)
			b.ReportMetric(ratios[len(ratios)/2], "parse/json")
		})
	}
}
