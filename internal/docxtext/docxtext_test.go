package docxtext

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/opengovcn/nianbao/internal/posmap"
)

// zipOf returns a zip of the named parts, deflated.
func zipOf(t testing.TB, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// doc wraps body XML in a document.xml and a .docx zip.
func doc(t testing.TB, body string) []byte {
	return zipOf(t, "[Content_Types].xml", "<Types/>", "word/document.xml",
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" `+
			`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`+
			body+`<w:sectPr><w:pgSz w:w="11906"/></w:sectPr></w:body></w:document>`)
}

func p(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func tc(props, text string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + p(text) + `</w:tc>`
}

func TestToText(t *testing.T) {
	for _, tt := range []struct {
		name, body, want string
	}{
		{"paragraphs", p("一、总体情况") + `<w:p/>` + p("正文"), "一、总体情况\n\n正文\n"},
		{"runs", `<w:p><w:r><w:t>20</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>23</w:t></w:r><w:r><w:t>年</w:t></w:r></w:p>`, "2023年\n"},
		{"tab and break", `<w:p><w:r><w:t>规章</w:t><w:tab/><w:t>1</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>`, "规章\t1\n下一行\n"},
		{"deleted text", `<w:p><w:r><w:t>收到</w:t></w:r><w:del w:id="1"><w:r><w:delText>12</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>13</w:t></w:r></w:ins><w:r><w:t>件</w:t></w:r></w:p>`, "收到13件\n"},
		{"field code", `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`, "3\n"},
		{"alternate content", `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>甲</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`, "甲\n"},
		{"grid span and merge",
			`<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
				`<w:tr>` + tc(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, "行政复议") + tc("", "维持") + tc("", "总计") + `</w:tr>` +
				`<w:tr>` + tc(`<w:gridSpan w:val="2"/><w:vMerge/>`, "") + tc("", "1") + tc("", "") + `</w:tr>` +
				`<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>` + tc("", "2") + tc("", "3") + `</w:tr>` +
				`</w:tbl>`,
			"行政复议\t维持\t总计\n\t1\t\n\t2\t3\n"},
		{"paragraphs in a cell",
			`<w:tbl><w:tr><w:tc>` + p(" 本年新收 ") + `<w:p/>` + p("申请数量") + `</w:tc>` + tc("", "5") + `</w:tr></w:tbl>`,
			"本年新收 申请数量\t5\n"},
		{"layout table",
			`<w:tbl><w:tr><w:tc>` + p("标题") + `<w:tbl><w:tr>` + tc("", "规章") + tc("", "1") + `</w:tr></w:tbl></w:tc></w:tr></w:tbl>`,
			"标题\n规章\t1\n"},
		{"single column", `<w:tbl><w:tr>` + tc("", "一、总体情况") + `</w:tr><w:tr>` + tc("", "正文") + `</w:tr></w:tbl>`, "一、总体情况\n正文\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := doc(t, tt.body)
			if !Is(src) {
				t.Fatal("Is = false")
			}
			text, m, err := Read(src)
			if err != nil {
				t.Fatal(err)
			}
			if string(text) != tt.want {
				t.Errorf("text = %q, want %q", text, tt.want)
			}
			if n := strings.Count(string(text), "\n"); len(m.Lines) != n {
				t.Errorf("%d lines mapped, text has %d", len(m.Lines), n)
			}
		})
	}
}

// TestPositions: a position maps to the paragraph's number and the rune
// offset in it, counting the paragraphs of tables too.
func TestPositions(t *testing.T) {
	body := p("一、总体情况") + // paragraph 1
		`<w:tbl><w:tr>` + tc("", "规章") + tc("", "12") + `</w:tr></w:tbl>` + // 2, 3
		`<w:p><w:r><w:t>收到</w:t><w:br/><w:t>申请 7 件</w:t></w:r></w:p>` // 4
	text, m, err := Read(doc(t, body))
	if err != nil {
		t.Fatal(err)
	}
	if want := "一、总体情况\n规章\t12\n收到\n申请 7 件\n"; string(text) != want {
		t.Fatalf("text = %q, want %q", text, want)
	}
	for _, tt := range []struct{ in, want posmap.Pos }{
		{posmap.Pos{Line: 1, Column: 3}, posmap.Pos{Line: 1, Column: 3}},
		{posmap.Pos{Line: 2, Column: 1}, posmap.Pos{Line: 2, Column: 1}},
		{posmap.Pos{Line: 2, Column: 4}, posmap.Pos{Line: 3, Column: 1}}, // "12"
		{posmap.Pos{Line: 2, Column: 5}, posmap.Pos{Line: 3, Column: 2}},
		{posmap.Pos{Line: 4, Column: 4}, posmap.Pos{Line: 4, Column: 7}}, // "7" after the break
	} {
		if got := m.Pos(tt.in); got != tt.want {
			t.Errorf("Pos(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestHostile: files that are not readable Word documents give an error,
// never a panic, and a zip without word/document.xml is not claimed.
func TestHostile(t *testing.T) {
	good := doc(t, p("一、总体情况"))
	xlsx := zipOf(t, "[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>")
	if Is(xlsx) {
		t.Error("Is(an .xlsx) = true")
	}
	if Is([]byte("一、总体情况\nword/document.xml\n")) {
		t.Error("Is(text) = true")
	}
	for _, tt := range []struct {
		name string
		src  []byte
		is   error
		msg  string
	}{
		{"truncated", good[:len(good)/2], nil, "not a readable zip"},
		{"no document", xlsx, ErrNoDocument, ""},
		{"only the name", []byte("PK\x03\x04word/document.xml"), nil, "not a readable zip"},
		{"malformed", zipOf(t, "word/document.xml", "<w:document><w:body><w:p></w:body>"), nil, "word/document.xml"},
		{"unclosed", zipOf(t, "word/document.xml", "<w:document><w:body><w:p><w:r><w:t>1"), nil, "unexpected EOF"},
		{"deep", zipOf(t, "word/document.xml", strings.Repeat("<a>", 10000)+strings.Repeat("</a>", 10000)), nil, "nested"},
		{"oversized", zipOf(t, "word/document.xml", "<w:document>"+strings.Repeat(" ", MaxDocumentSize)+"</w:document>"), ErrTooLarge, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read(tt.src)
			if err == nil {
				t.Fatal("no error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
			if _, _, ok := ToText(tt.src); ok {
				t.Error("ToText ok")
			}
		})
	}
}

// TestSizeLies: a document part whose header understates its size is still
// cut at MaxDocumentSize.
func TestSizeLies(t *testing.T) {
	if testing.Short() {
		t.Skip("64 MB")
	}
	src := zipOf(t, "word/document.xml", "<w:document>"+strings.Repeat(" ", MaxDocumentSize)+"</w:document>")
	// The central directory's uncompressed size (4 bytes, little endian,
	// at offset 24 of the central file header): make it say 1 byte.
	i := bytes.LastIndex(src, []byte("PK\x01\x02"))
	copy(src[i+24:], []byte{1, 0, 0, 0})
	_, _, err := Read(src)
	if err == nil || (!errors.Is(err, ErrTooLarge) && !strings.Contains(err.Error(), "word/document.xml")) {
		t.Errorf("err = %v, want ErrTooLarge or a read error", err)
	}
}

// TestNumbering: a heading numbered by Word (w:numPr) gets its numeral;
// a lower level restarts under each higher one; bullets get none.
func TestNumbering(t *testing.T) {
	numbering := `<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:abstractNum w:abstractNumId="0">` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>` +
		`</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
		`</w:numbering>`
	np := func(num, lvl, text string) string {
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="` + num + `"/></w:numPr></w:pPr>` +
			`<w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := np("1", "0", "总体情况") + np("1", "1", "主动公开") + np("1", "1", "依申请公开") +
		np("2", "0", "要点") + np("1", "0", "主动公开政府信息情况") + np("1", "1", "规章")
	for range 9 {
		body += np("1", "0", "节")
	}
	src := zipOf(t, "word/numbering.xml", numbering, "word/document.xml",
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+body+`</w:body></w:document>`)
	text, m, err := Read(src)
	if err != nil {
		t.Fatal(err)
	}
	want := "一、总体情况\n（一）主动公开\n（二）依申请公开\n要点\n二、主动公开政府信息情况\n（一）规章\n" +
		"三、节\n四、节\n五、节\n六、节\n七、节\n八、节\n九、节\n十、节\n十一、节\n"
	if string(text) != want {
		t.Errorf("text = %q, want %q", text, want)
	}
	// The numeral is the writer's: it maps to the paragraph's start.
	if got := m.Pos(posmap.Pos{Line: 5, Column: 3}); got != (posmap.Pos{Line: 5, Column: 1}) {
		t.Errorf("Pos(5:3) = %v, want 5:1", got)
	}
}

// A paragraph with an outline level, its own or its style's (through
// w:basedOn), is a Markdown heading; body text and table cells are not.
func TestHeadings(t *testing.T) {
	styles := `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="H2"><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Mine"><w:basedOn w:val="H2"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Body"><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>` +
		`</w:styles>`
	para := func(props, text string) string {
		return `<w:p><w:pPr>` + props + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := para(`<w:pStyle w:val="Title"/>`, "某局年度报告") +
		para(`<w:pStyle w:val="Mine"/>`, "一、总体情况") +
		para(`<w:pStyle w:val="Body"/>`, "正文") +
		para(`<w:pStyle w:val="Loop"/>`, "循环") +
		para(`<w:pStyle w:val="Title"/><w:outlineLvl w:val="9"/>`, "直接设为正文") +
		para(`<w:outlineLvl w:val="2"/>`, "三级") +
		para(`<w:pStyle w:val="H2"/>`, "") +
		`<w:tbl><w:tr>` + `<w:tc>` + para(`<w:pStyle w:val="H2"/>`, "规章") + `</w:tc><w:tc>` + p("1") + `</w:tc></w:tr></w:tbl>`
	src := zipOf(t, "word/styles.xml", styles, "word/document.xml",
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+body+`</w:body></w:document>`)
	text, _, err := Read(src)
	if err != nil {
		t.Fatal(err)
	}
	want := "# 某局年度报告\n## 一、总体情况\n正文\n循环\n直接设为正文\n### 三级\n\n规章\t1\n"
	if string(text) != want {
		t.Errorf("text:\n%q\nwant\n%q", text, want)
	}
}
