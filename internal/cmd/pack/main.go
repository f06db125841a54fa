// Command pack writes the archives and checksums of a nianbao release, for
// scripts/release.sh, so that the script needs neither zip nor sha256sum
// and gives the same bytes on Linux, macOS and Windows:
//
//	go run ./internal/cmd/pack -o dist/nianbao-v1-linux-amd64.tar.gz -time 2026-12-07T00:00:00Z dist/nianbao-v1-linux-amd64
//	go run ./internal/cmd/pack -sums dist/SHA256SUMS dist/*.tar.gz dist/*.zip
//
// An archive holds the directory given, under its own name, its files in
// name order, each with the time given (the commit's, so that a rebuild of
// the same commit gives the same archive) and mode 0755 for the program,
// 0644 for the rest. The format is the name's: .zip (for Windows) or
// .tar.gz. SHA256SUMS has one line a file, "hash  name", as sha256sum
// writes it and sha256sum -c (shasum -a 256 -c on macOS) checks it.
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() {
	out := flag.String("o", "", "the archive to write (.zip or .tar.gz)")
	sums := flag.String("sums", "", "write SHA-256 checksums of the files given to this file")
	stamp := flag.String("time", "2000-01-01T00:00:00Z", "the modification time of every file in the archive (RFC 3339)")
	flag.Parse()
	var err error
	switch {
	case *sums != "":
		err = writeSums(*sums, flag.Args())
	case *out != "" && flag.NArg() == 1:
		var t time.Time
		if t, err = time.Parse(time.RFC3339, *stamp); err == nil {
			err = writeArchive(*out, flag.Arg(0), t)
		}
	default:
		err = fmt.Errorf("usage: pack -o ARCHIVE [-time T] DIR | pack -sums FILE FILE...")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pack:", err)
		os.Exit(1)
	}
}

// entry is a file of the directory to archive.
type entry struct {
	name string // slash-separated, under the directory's own name
	path string
	mode int64
}

func entries(dir string) ([]entry, error) {
	base := filepath.Base(dir)
	var out []entry
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		mode := int64(0o644)
		if n := d.Name(); n == "nianbao" || n == "nianbao.exe" {
			mode = 0o755
		}
		out = append(out, entry{name: base + "/" + filepath.ToSlash(rel), path: p, mode: mode})
		return nil
	})
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return out, err
}

func writeArchive(name, dir string, t time.Time) (err error) {
	es, err := entries(dir)
	if err != nil {
		return err
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	switch {
	case strings.HasSuffix(name, ".zip"):
		w := zip.NewWriter(f)
		for _, e := range es {
			h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: t}
			h.SetMode(os.FileMode(e.mode))
			fw, err := w.CreateHeader(h)
			if err != nil {
				return err
			}
			if err := copyFile(fw, e.path); err != nil {
				return err
			}
		}
		return w.Close()
	case strings.HasSuffix(name, ".tar.gz"):
		gz := gzip.NewWriter(f)
		w := tar.NewWriter(gz)
		for _, e := range es {
			fi, err := os.Stat(e.path)
			if err != nil {
				return err
			}
			h := &tar.Header{Name: e.name, Mode: e.mode, Size: fi.Size(), ModTime: t, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
			if err := w.WriteHeader(h); err != nil {
				return err
			}
			if err := copyFile(w, e.path); err != nil {
				return err
			}
		}
		if err := w.Close(); err != nil {
			return err
		}
		return gz.Close()
	}
	return fmt.Errorf("%s: the archive's name must end in .zip or .tar.gz", name)
}

func copyFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

func writeSums(name string, files []string) error {
	var b strings.Builder
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(h.Sum(nil)), filepath.Base(p))
	}
	return os.WriteFile(name, []byte(b.String()), 0o644)
}
