// Package sniff names the file formats that are not text from their first
// bytes (their magic numbers) and, for the containers Office and other
// programs use (ZIP, OLE), from the names of the parts inside: a .docx, an
// .xlsx and an .odt are all ZIP files, and each deserves its own name in a
// message that tells its owner what to do.
//
// Both the parser (to refuse such input with a message naming it) and the
// command-line tool (to say in Chinese and English what to do about it) use
// it, so that the two never name a file differently.
package sniff

import "bytes"

// Kinds of format, for the advice the command-line tool gives.
const (
	PDF         = "pdf"         // convert with pdftotext -layout
	Word        = "word"        // a word processor's document: save as plain text
	Spreadsheet = "spreadsheet" // Excel, WPS 表格, LibreOffice Calc
	Slides      = "slides"      // PowerPoint, Impress
	OFD         = "ofd"         // 版式文档 OFD (GB/T 33190)
	Ebook       = "ebook"       // EPUB
	Archive     = "archive"     // ZIP, RAR, 7z, gzip: unpack first
	Image       = "image"       // run OCR
)

// Format is a file format that is not text.
type Format struct {
	Kind string // one of the kinds above
	EN   string // its name in English, with an article: "a Word document (.docx)"
	ZH   string // its name in Chinese: "Word 文档（.docx）"
	// Generic marks a container whose parts do not say what it holds: a
	// ZIP file that is not a known document, an OLE file without a known
	// stream. A file's name may know better (see ByName).
	Generic bool
}

// magic lists the formats known by their first bytes, in the order tried.
var magic = []struct {
	prefix string
	f      Format
}{
	{"%PDF-", Format{Kind: PDF, EN: "a PDF file", ZH: "PDF 文件"}},
	{"{\\rtf", Format{Kind: Word, EN: "an RTF document (.rtf)", ZH: "RTF 文档（.rtf）"}},
	{"\xFF\xD8\xFF", Format{Kind: Image, EN: "a JPEG image", ZH: "JPEG 图片"}},
	{"\x89PNG\r\n\x1a\n", Format{Kind: Image, EN: "a PNG image", ZH: "PNG 图片"}},
	{"GIF87a", Format{Kind: Image, EN: "a GIF image", ZH: "GIF 图片"}},
	{"GIF89a", Format{Kind: Image, EN: "a GIF image", ZH: "GIF 图片"}},
	{"II*\x00", Format{Kind: Image, EN: "a TIFF image", ZH: "TIFF 图片"}},
	{"MM\x00*", Format{Kind: Image, EN: "a TIFF image", ZH: "TIFF 图片"}},
	{"Rar!\x1A\x07", Format{Kind: Archive, EN: "a RAR archive", ZH: "RAR 压缩包"}},
	{"7z\xBC\xAF\x27\x1C", Format{Kind: Archive, EN: "a 7z archive", ZH: "7z 压缩包"}},
	{"\x1F\x8B", Format{Kind: Archive, EN: "a gzip archive", ZH: "gzip 压缩包"}},
}

// PrefixLen is how many of its first bytes tell whether src is of a
// format Detect knows (naming a ZIP or OLE container may read more): a
// text whose first PrefixLen bytes are no such format is none.
const PrefixLen = 16

// Detect names the format src is in, when it is one that is not text.
func Detect(src []byte) (Format, bool) {
	switch {
	case bytes.HasPrefix(src, []byte("PK\x03\x04")), bytes.HasPrefix(src, []byte("PK\x05\x06")), bytes.HasPrefix(src, []byte("PK\x07\x08")):
		return zipFormat(src), true
	case bytes.HasPrefix(src, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return oleFormat(src), true
	case len(src) >= 12 && bytes.HasPrefix(src, []byte("RIFF")) && string(src[8:12]) == "WEBP":
		return Format{Kind: Image, EN: "a WebP image", ZH: "WebP 图片"}, true
	}
	for _, m := range magic {
		if bytes.HasPrefix(src, []byte(m.prefix)) {
			return m.f, true
		}
	}
	return Format{}, false
}

// ByName names a container format by the extension of a file's name, for a
// ZIP or OLE file whose parts do not say what it is (a truncated .docx, a
// damaged .xlsx): Detect calls it "a ZIP archive", the name knows better.
// It returns false for other extensions.
func ByName(name string) (Format, bool) {
	ext := ""
	if i := bytes.LastIndexByte([]byte(name), '.'); i >= 0 {
		ext = string(bytes.ToLower([]byte(name[i:])))
	}
	switch ext {
	case ".docx":
		return Format{Kind: Word, EN: "a Word document (.docx)", ZH: "Word 文档（.docx）"}, true
	case ".doc":
		return Format{Kind: Word, EN: "a Word document (.doc)", ZH: "Word 文档（.doc）"}, true
	case ".wps":
		return Format{Kind: Word, EN: "a WPS document (.wps)", ZH: "WPS 文字文档（.wps）"}, true
	case ".xlsx":
		return Format{Kind: Spreadsheet, EN: "an Excel workbook (.xlsx)", ZH: "Excel 工作簿（.xlsx）"}, true
	case ".xls":
		return Format{Kind: Spreadsheet, EN: "an Excel workbook (.xls)", ZH: "Excel 工作簿（.xls）"}, true
	case ".et":
		return Format{Kind: Spreadsheet, EN: "a WPS spreadsheet (.et)", ZH: "WPS 表格（.et）"}, true
	case ".pptx", ".ppt":
		return Format{Kind: Slides, EN: "a PowerPoint presentation (" + ext + ")", ZH: "PowerPoint 演示文稿（" + ext + "）"}, true
	case ".odt":
		return Format{Kind: Word, EN: "an OpenDocument text (.odt)", ZH: "OpenDocument 文本（.odt）"}, true
	case ".ods":
		return Format{Kind: Spreadsheet, EN: "an OpenDocument spreadsheet (.ods)", ZH: "OpenDocument 电子表格（.ods）"}, true
	case ".ofd":
		return Format{Kind: OFD, EN: "an OFD document (.ofd)", ZH: "OFD 版式文件（.ofd）"}, true
	case ".epub":
		return Format{Kind: Ebook, EN: "an EPUB e-book (.epub)", ZH: "EPUB 电子书（.epub）"}, true
	}
	return Format{}, false
}

// zipFormat names a ZIP file by the parts it holds: the names of the parts stand
// in the clear in the local headers and the central directory.
func zipFormat(src []byte) Format {
	has := func(s string) bool { return bytes.Contains(src, []byte(s)) }
	switch {
	case has("word/document.xml"), has("word/_rels"), has("word/styles.xml"):
		return Format{Kind: Word, EN: "a Word document (.docx)", ZH: "Word 文档（.docx）"}
	case has("xl/workbook.xml"), has("xl/worksheets/"), has("xl/_rels"):
		return Format{Kind: Spreadsheet, EN: "an Excel workbook (.xlsx)", ZH: "Excel 工作簿（.xlsx）"}
	case has("ppt/presentation.xml"), has("ppt/slides/"), has("ppt/_rels"):
		return Format{Kind: Slides, EN: "a PowerPoint presentation (.pptx)", ZH: "PowerPoint 演示文稿（.pptx）"}
	case has("application/vnd.oasis.opendocument.text"):
		return Format{Kind: Word, EN: "an OpenDocument text (.odt)", ZH: "OpenDocument 文本（.odt）"}
	case has("application/vnd.oasis.opendocument.spreadsheet"):
		return Format{Kind: Spreadsheet, EN: "an OpenDocument spreadsheet (.ods)", ZH: "OpenDocument 电子表格（.ods）"}
	case has("application/vnd.oasis.opendocument.presentation"):
		return Format{Kind: Slides, EN: "an OpenDocument presentation (.odp)", ZH: "OpenDocument 演示文稿（.odp）"}
	case has("OFD.xml"):
		return Format{Kind: OFD, EN: "an OFD document (.ofd)", ZH: "OFD 版式文件（.ofd）"}
	case has("application/epub+zip"):
		return Format{Kind: Ebook, EN: "an EPUB e-book (.epub)", ZH: "EPUB 电子书（.epub）"}
	}
	return Format{Kind: Archive, EN: "a ZIP archive", ZH: "ZIP 压缩包", Generic: true}
}

// oleFormat names an OLE compound file (the Office formats before 2007, and
// WPS's) by the names of its streams, which are stored in UTF-16.
func oleFormat(src []byte) Format {
	has := func(s string) bool {
		u := make([]byte, 0, 2*len(s))
		for i := 0; i < len(s); i++ {
			u = append(u, s[i], 0)
		}
		return bytes.Contains(src, u)
	}
	switch {
	case has("WordDocument"):
		return Format{Kind: Word, EN: "a Word document (.doc)", ZH: "Word 文档（.doc）"}
	case has("Workbook"), has("Book"):
		return Format{Kind: Spreadsheet, EN: "an Excel workbook (.xls)", ZH: "Excel 工作簿（.xls）"}
	case has("PowerPoint Document"):
		return Format{Kind: Slides, EN: "a PowerPoint presentation (.ppt)", ZH: "PowerPoint 演示文稿（.ppt）"}
	}
	return Format{Kind: Word, EN: "an Office document of before 2007 (.doc, .xls, .ppt)", ZH: "旧版 Office 文档（.doc、.xls、.ppt）", Generic: true}
}
