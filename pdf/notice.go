package pdf

import _ "embed"

// Notice is the notice of the third-party code this module adds to a
// program (PDFium in WebAssembly and what it bundles, go-pdfium, wazero…),
// the text of the module's NOTICE file. The PDF-capable nianbao prints it
// with nianbao version -v, after the project's NOTICE.
//
//go:embed NOTICE
var Notice string
