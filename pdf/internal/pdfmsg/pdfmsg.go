// Package pdfmsg says what went wrong reading a PDF, in Chinese and in
// English, for the commands of the pdf module (nianbao, nianbao-pdf).
package pdfmsg

import (
	"errors"

	"github.com/opengovcn/nianbao/pdf"
)

// Describe returns the message of an error of pdf.ToText or pdf.Parse: what
// is wrong and what to do, Chinese first.
func Describe(err error) (zh, en string) {
	switch {
	case errors.Is(err, pdf.ErrNotPDF):
		return "不是 PDF 文件（没有 %PDF- 文件头）", "not a PDF file (no %PDF- header)"
	case errors.Is(err, pdf.ErrEncrypted):
		return "PDF 设有打开密码，无法读取；请用密码打开后另存为不加密的 PDF", "the PDF needs a password to open; open it with the password and save it unencrypted"
	case errors.Is(err, pdf.ErrNoText):
		return "PDF 中没有文字，只有图像（扫描件？），需要先做文字识别（OCR）", "the PDF has no text, only images (a scan?): it needs OCR first"
	}
	return "无法读取这个 PDF：" + err.Error(), "cannot read this PDF: " + err.Error()
}

// Error is an error of the PDF reader with its message in both languages,
// as the nianbao command shows it (Bilingual).
type Error struct{ Err error }

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Bilingual returns the message, Chinese then English.
func (e *Error) Bilingual() (zh, en string) { return Describe(e.Err) }
