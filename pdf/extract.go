package pdf

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/opengovcn/nianbao/internal/chars"
)

// glyph is one character a page draws, in page space (points, y up).
type glyph struct {
	r           rune
	x, y        float64 // origin: left end of the baseline
	left, right float64 // the character's box
	bottom, top float64
	size        float64 // effective font size (em size times the text matrix's vertical scale)
}

// rule is an axis-aligned line segment a page draws: horizontal when
// horiz, at pos (y), from lo to hi (x); vertical at pos (x), lo to hi (y).
type rule struct {
	horiz       bool
	pos, lo, hi float64
}

type page struct {
	glyphs []glyph
	rules  []rule
}

var (
	poolOnce sync.Once
	poolErr  error
	inst     pdfium.Pdfium
	instMu   sync.Mutex // PDFium is not reentrant: one document at a time
)

// ColdStart is how long the first call spent starting PDFium (compiling
// its WebAssembly module, or loading it compiled from the cache, and
// instantiating it); zero before the first call.
var ColdStart time.Duration

// CacheDir is the directory of wazero's compilation cache that the first
// call used, empty when it used none (see cacheDir).
var CacheDir string

// cacheDir is where the compiled PDFium is kept between processes: the
// directory NIANBAO_WAZERO_CACHE names, none when it is "off", else
// nianbao/wazero in the user's cache directory (os.UserCacheDir). A
// directory that cannot be made or written is no cache: starting is just
// slower.
func cacheDir() string {
	dir := os.Getenv("NIANBAO_WAZERO_CACHE")
	switch dir {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "nianbao", "wazero")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return ""
	}
	f, err := os.CreateTemp(dir, "probe")
	if err != nil {
		return ""
	}
	f.Close()
	os.Remove(f.Name())
	return dir
}

// start starts PDFium, with the compilation cache in dir unless dir is empty.
func start(dir string) (pdfium.Pdfium, error) {
	// An empty filesystem config: the default would mount the host's /.
	cfg := webassembly.Config{
		MinIdle: 1, MaxIdle: 1, MaxTotal: 1,
		FSConfig: wazero.NewFSConfig(),
	}
	if dir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(dir)
		if err != nil {
			return nil, err
		}
		// The features go-pdfium asks for by default: its PDFium
		// lowers setjmp/longjmp to WebAssembly exception handling.
		cfg.RuntimeConfig = wazero.NewRuntimeConfig().
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithCompilationCache(cache)
	}
	p, err := webassembly.Init(cfg)
	if err != nil {
		return nil, err
	}
	in, err := p.GetInstance(time.Minute)
	if err != nil {
		p.Close()
		return nil, err
	}
	return in, nil
}

func instance() (pdfium.Pdfium, error) {
	poolOnce.Do(func() {
		t0 := time.Now()
		dir := cacheDir()
		var err error
		if dir != "" {
			inst, err = start(dir)
			if err == nil {
				CacheDir = dir
			}
		}
		if dir == "" || err != nil {
			// No cache, or a cache that failed (a full disk, a
			// corrupt entry): start without it.
			inst, err = start("")
		}
		if err != nil {
			poolErr = fmt.Errorf("pdf: starting PDFium: %w", err)
			return
		}
		ColdStart = time.Since(t0)
	})
	return inst, poolErr
}

// Errors of PDF input a caller can act on.
var (
	// ErrNotPDF: the bytes do not start like a PDF file.
	ErrNotPDF = errors.New("pdf: not a PDF file (no %PDF- header)")
	// ErrEncrypted: the PDF needs a password to open (a PDF with only an
	// owner password, which restricts printing or copying, opens).
	ErrEncrypted = errors.New("pdf: the PDF is encrypted with a password to open it")
	// ErrNoText: no page of the PDF has text (a scanned document): the
	// report needs OCR first.
	ErrNoText = errors.New("pdf: the PDF has no text, only images (a scanned document?): OCR is needed first")
)

// maxSize bounds the input PDFium is given (it copies it into its memory).
const maxSize = 256 << 20

// extract reads every page's glyphs and rules.
func extract(src []byte) (pages []page, err error) {
	if !hasHeader(src) {
		return nil, ErrNotPDF
	}
	if len(src) > maxSize {
		return nil, fmt.Errorf("pdf: file too large (%d bytes, at most %d)", len(src), maxSize)
	}
	in, err := instance()
	if err != nil {
		return nil, err
	}
	instMu.Lock()
	defer instMu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			pages, err = nil, fmt.Errorf("pdf: PDFium failed: %v", p)
		}
	}()
	data := src
	doc, err := in.FPDF_LoadMemDocument64(&requests.FPDF_LoadMemDocument64{Data: &data})
	if err != nil {
		if errors.Is(err, pdfiumerrors.ErrPassword) || strings.Contains(err.Error(), pdfiumerrors.ErrPassword.Error()) {
			return nil, ErrEncrypted
		}
		return nil, fmt.Errorf("pdf: cannot open: %w", err)
	}
	defer in.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	n, err := in.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fmt.Errorf("pdf: cannot count pages: %w", err)
	}
	for i := 0; i < n.PageCount; i++ {
		pg, err := readPage(in, doc.Document, i)
		if err != nil {
			return nil, fmt.Errorf("pdf: page %d: %w", i+1, err)
		}
		pages = append(pages, pg)
	}
	if n.PageCount > 0 && !slices.ContainsFunc(pages, func(p page) bool {
		return slices.ContainsFunc(p.glyphs, func(g glyph) bool { return !chars.IsUnicodeSpace(g.r) })
	}) {
		return nil, ErrNoText
	}
	return pages, nil
}

func hasHeader(src []byte) bool {
	// The header may follow up to 1024 bytes of junk (PDF 1.7, 7.5.2 note).
	n := min(len(src), 1024+5)
	for i := 0; i+5 <= n; i++ {
		if string(src[i:i+5]) == "%PDF-" {
			return true
		}
	}
	return false
}

func readPage(in pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) (page, error) {
	var pg page
	lp, err := in.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: index})
	if err != nil {
		return pg, err
	}
	defer in.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	ref := requests.Page{ByReference: &lp.Page}
	tp, err := in.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: ref})
	if err != nil {
		return pg, err
	}
	defer in.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	cnt, err := in.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return pg, err
	}
	for i := 0; i < cnt.Count; i++ {
		gen, err := in.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tp.TextPage, Index: i})
		if err != nil || gen.IsGenerated {
			continue
		}
		u, err := in.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: i})
		if err != nil || u.Unicode == 0 || u.Unicode > math.MaxInt32 {
			continue
		}
		g := glyph{r: rune(u.Unicode)}
		if o, err := in.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: tp.TextPage, Index: i}); err == nil {
			g.x, g.y = o.X, o.Y
		} else {
			continue
		}
		if b, err := in.FPDFText_GetCharBox(&requests.FPDFText_GetCharBox{TextPage: tp.TextPage, Index: i}); err == nil {
			g.left, g.right, g.bottom, g.top = b.Left, b.Right, b.Bottom, b.Top
		}
		if fs, err := in.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: tp.TextPage, Index: i}); err == nil {
			g.size = fs.FontSize
			// The em size is in text space; the text matrix scales it.
			if m, err := in.FPDFText_GetMatrix(&requests.FPDFText_GetMatrix{TextPage: tp.TextPage, Index: i}); err == nil {
				if s := math.Hypot(float64(m.Matrix.C), float64(m.Matrix.D)); s > 0 {
					g.size *= s
				}
			}
		}
		if g.size <= 0 {
			g.size = g.top - g.bottom
		}
		if g.size <= 0 {
			g.size = 10
		}
		pg.glyphs = append(pg.glyphs, g)
	}
	pg.rules = readRules(in, ref)
	return pg, nil
}

// thin is how thick (points) a drawn rectangle may be to count as a rule.
const thin = 3.0

func readRules(in pdfium.Pdfium, ref requests.Page) []rule {
	var rules []rule
	n, err := in.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: ref})
	if err != nil {
		return nil
	}
	for i := 0; i < n.Count; i++ {
		o, err := in.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: ref, Index: i})
		if err != nil {
			continue
		}
		t, err := in.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: o.PageObject})
		if err != nil || t.Type != enums.FPDF_PAGEOBJ_PATH {
			continue
		}
		b, err := in.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: o.PageObject})
		if err != nil {
			continue
		}
		w, h := float64(b.Right-b.Left), float64(b.Top-b.Bottom)
		switch {
		case h <= thin && w > thin:
			rules = append(rules, rule{true, float64(b.Bottom+b.Top) / 2, float64(b.Left), float64(b.Right)})
			continue
		case w <= thin && h > thin:
			rules = append(rules, rule{false, float64(b.Left+b.Right) / 2, float64(b.Bottom), float64(b.Top)})
			continue
		}
		// A larger path: its straight, axis-aligned segments.
		mx, err := in.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: o.PageObject})
		if err != nil {
			continue
		}
		m := mx.Matrix
		tr := func(x, y float32) (float64, float64) {
			return float64(m.A*x + m.C*y + m.E), float64(m.B*x + m.D*y + m.F)
		}
		sc, err := in.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: o.PageObject})
		if err != nil {
			continue
		}
		var px, py, sx, sy float64
		for j := 0; j < sc.Count; j++ {
			s, err := in.FPDFPath_GetPathSegment(&requests.FPDFPath_GetPathSegment{PageObject: o.PageObject, Index: j})
			if err != nil {
				break
			}
			st, err1 := in.FPDFPathSegment_GetType(&requests.FPDFPathSegment_GetType{PathSegment: s.PathSegment})
			pt, err2 := in.FPDFPathSegment_GetPoint(&requests.FPDFPathSegment_GetPoint{PathSegment: s.PathSegment})
			if err1 != nil || err2 != nil {
				break
			}
			x, y := tr(pt.X, pt.Y)
			if st.Type == enums.FPDF_SEGMENT_LINETO {
				rules = appendSeg(rules, px, py, x, y)
			}
			if st.Type == enums.FPDF_SEGMENT_MOVETO {
				sx, sy = x, y
			}
			px, py = x, y
			if cl, err := in.FPDFPathSegment_GetClose(&requests.FPDFPathSegment_GetClose{PathSegment: s.PathSegment}); err == nil && cl.IsClose {
				rules = appendSeg(rules, px, py, sx, sy)
				px, py = sx, sy
			}
		}
	}
	return rules
}

func appendSeg(rules []rule, x0, y0, x1, y1 float64) []rule {
	switch {
	case math.Abs(y0-y1) < 0.5 && math.Abs(x0-x1) > thin:
		return append(rules, rule{true, (y0 + y1) / 2, min(x0, x1), max(x0, x1)})
	case math.Abs(x0-x1) < 0.5 && math.Abs(y0-y1) > thin:
		return append(rules, rule{false, (x0 + x1) / 2, min(y0, y1), max(y0, y1)})
	}
	return rules
}
