package sniff

import (
	"archive/zip"
	"bytes"
	"testing"
)

func zipOf(t *testing.T, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for i := 0; i < len(parts); i += 2 {
		f, err := w.CreateHeader(&zip.FileHeader{Name: parts[i], Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(parts[i+1]))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// ole returns the start of an OLE compound file naming the stream name in
// UTF-16, as Office writes its directory.
func ole(name string) []byte {
	b := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	b = append(b, make([]byte, 500)...)
	for i := 0; i < len(name); i++ {
		b = append(b, name[i], 0)
	}
	return b
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		name    string
		src     []byte
		kind    string
		zh      string
		generic bool
	}{
		{"pdf", []byte("%PDF-1.7\n"), PDF, "PDF 文件", false},
		{"docx", zipOf(t, "[Content_Types].xml", "", "word/document.xml", ""), Word, "Word 文档（.docx）", false},
		{"xlsx", zipOf(t, "[Content_Types].xml", "", "xl/workbook.xml", ""), Spreadsheet, "Excel 工作簿（.xlsx）", false},
		{"pptx", zipOf(t, "ppt/presentation.xml", ""), Slides, "PowerPoint 演示文稿（.pptx）", false},
		{"odt", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text"), Word, "OpenDocument 文本（.odt）", false},
		{"ods", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet"), Spreadsheet, "OpenDocument 电子表格（.ods）", false},
		{"ofd", zipOf(t, "OFD.xml", "<ofd:OFD/>"), OFD, "OFD 版式文件（.ofd）", false},
		{"epub", zipOf(t, "mimetype", "application/epub+zip"), Ebook, "EPUB 电子书（.epub）", false},
		{"zip", zipOf(t, "2023.txt", "x"), Archive, "ZIP 压缩包", true},
		{"doc", ole("WordDocument"), Word, "Word 文档（.doc）", false},
		{"xls", ole("Workbook"), Spreadsheet, "Excel 工作簿（.xls）", false},
		{"ppt", ole("PowerPoint Document"), Slides, "PowerPoint 演示文稿（.ppt）", false},
		{"ole", ole("Other"), Word, "旧版 Office 文档（.doc、.xls、.ppt）", true},
		{"rtf", []byte(`{\rtf1\ansi`), Word, "RTF 文档（.rtf）", false},
		{"jpeg", []byte("\xFF\xD8\xFF\xE0"), Image, "JPEG 图片", false},
		{"png", []byte("\x89PNG\r\n\x1a\n"), Image, "PNG 图片", false},
		{"tiff", []byte("II*\x00"), Image, "TIFF 图片", false},
		{"webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), Image, "WebP 图片", false},
		{"rar", []byte("Rar!\x1A\x07\x00"), Archive, "RAR 压缩包", false},
		{"7z", []byte("7z\xBC\xAF\x27\x1C"), Archive, "7z 压缩包", false},
		{"gzip", []byte("\x1F\x8B\x08"), Archive, "gzip 压缩包", false},
	} {
		f, ok := Detect(c.src)
		if !ok || f.Kind != c.kind || f.ZH != c.zh || f.Generic != c.generic || f.EN == "" {
			t.Errorf("Detect(%s) = %+v, %v; want kind %s, %s, generic %v", c.name, f, ok, c.kind, c.zh, c.generic)
		}
	}
	for _, text := range []string{"", "一、总体情况\n", "PK is a name", "<html>", "BM"} {
		if f, ok := Detect([]byte(text)); ok {
			t.Errorf("Detect(%q) = %+v, want no format", text, f)
		}
	}
}

func TestByName(t *testing.T) {
	for name, zh := range map[string]string{
		"a.DOCX": "Word 文档（.docx）", "dir.x/b.xlsx": "Excel 工作簿（.xlsx）", "c.et": "WPS 表格（.et）",
		"d.wps": "WPS 文字文档（.wps）", "e.ofd": "OFD 版式文件（.ofd）",
	} {
		if f, ok := ByName(name); !ok || f.ZH != zh {
			t.Errorf("ByName(%q) = %+v, %v; want %s", name, f, ok, zh)
		}
	}
	for _, name := range []string{"a.txt", "b", "c.zip", ".docx/x"} {
		if f, ok := ByName(name); ok {
			t.Errorf("ByName(%q) = %+v, want none", name, f)
		}
	}
}

// TestPrefixLen: every format Detect knows is told by its first PrefixLen
// bytes (the parser looks at no more of a text to know it is none).
func TestPrefixLen(t *testing.T) {
	for _, m := range magic {
		if len(m.prefix) > PrefixLen {
			t.Errorf("magic %q is longer than PrefixLen (%d)", m.prefix, PrefixLen)
		}
	}
	// ZIP, OLE and WebP are told apart in Detect's switch: 4, 8 and 12 bytes.
	for _, src := range []string{"PK\x03\x04", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "RIFF\x00\x00\x00\x00WEBP"} {
		if _, ok := Detect([]byte(src)[:min(len(src), PrefixLen)]); !ok {
			t.Errorf("Detect(%q) within PrefixLen: not found", src)
		}
	}
}
