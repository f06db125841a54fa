package cli

// How fmt -w replaces a file: through a symbolic link to its target, with
// its mode, special bits and owner kept, its hard links joined, never half
// written, and without temporary files left behind when interrupted.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
)

// errReadOnly is returned by rewrite for a read-only file without -readonly.
var errReadOnly = errors.New("read-only file")

// rewrite replaces the content of the file name, old, with data.
//
// A symbolic link is followed: its target is rewritten, the link stays.
// The file keeps its mode with the setuid, setgid and sticky bits, and its
// owner and group: it is written to a temporary file in its directory that
// gets them (chown first, as it clears the special bits) and then renamed
// over it, so that it is at every moment either the old content or the new.
// Where the temporary file cannot be made the file's own (a file of another
// user, when not root), where the file has several hard links (a rename
// would split them), or where its directory cannot be written, the file is
// written in place instead (see writeInPlace). A read-only file (no write
// permission for this process by its mode) is refused with errReadOnly
// unless readonly is set; it stays read-only.
func rewrite(name string, old, data []byte, readonly bool) error {
	target, err := filepath.EvalSymlinks(name)
	if err != nil {
		return err
	}
	fi, err := os.Stat(target)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("不是普通文件 / not a regular file")
	}
	if !writable(fi) && !readonly {
		return errReadOnly
	}
	if links(fi) > 1 {
		return writeInPlace(target, fi, old, data)
	}
	err = replace(target, fi, data)
	if errors.Is(err, errNotOwn) || errors.Is(err, fs.ErrPermission) && writable(fi) {
		return writeInPlace(target, fi, old, data)
	}
	return err
}

// errNotOwn says a temporary file could not be given the owner of the file
// it replaces.
var errNotOwn = errors.New("cannot give the temporary file the owner of the file")

// replace writes data to a temporary file beside target with target's
// owner, group and mode, and renames it over target.
func replace(target string, fi fs.FileInfo, data []byte) (err error) {
	f, err := createTemp(filepath.Dir(target), filepath.Base(target))
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			removeTemp(tmp)
		}
	}()
	if err = writeAll(f, data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if uid, gid, ok := owner(fi); ok {
		if tf, err := f.Stat(); err == nil {
			if tuid, tgid, _ := owner(tf); tuid != uid || tgid != gid {
				if f.Chown(uid, gid) != nil {
					return errNotOwn
				}
			}
		}
	}
	if err = f.Chmod(fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	afterTemp()
	if err = renameTemp(tmp, target); err != nil {
		return err
	}
	syncDir(filepath.Dir(target))
	return nil
}

// writeInPlace overwrites target with data, keeping the file itself (its
// inode: links, owner, mode, everything). First the old content is copied
// to a backup file, read back and compared; then target is written,
// truncated, synced and read back. If that fails, old is written back; if
// even that fails, the error names the backup, which is kept. Signals wait
// until the file is whole again (see interrupted).
func writeInPlace(target string, fi fs.FileInfo, old, data []byte) (err error) {
	backup, err := backupCopy(target, old)
	if err != nil {
		return fmt.Errorf("无法备份，未改写 / cannot make a backup copy, not rewritten: %w", err)
	}
	afterTemp()
	fsMu.Lock()
	defer fsMu.Unlock()
	touched, err := overwrite(target, data)
	if err == nil || !touched {
		forgetTemp(backup)
		os.Remove(backup)
		return err
	}
	if _, rerr := overwrite(target, old); rerr != nil {
		forgetTemp(backup) // kept: it holds the only whole copy
		return fmt.Errorf("%v; 恢复原文件也失败，原内容保存在 %s / restoring the file failed too (%v); its content is kept in %s", err, backup, rerr, backup)
	}
	forgetTemp(backup)
	os.Remove(backup)
	return err
}

// backupCopy writes old to a new hidden file beside target, or in the
// temporary directory when target's directory cannot be written, syncs it
// and reads it back to check it; it returns the backup's name.
func backupCopy(target string, old []byte) (string, error) {
	f, err := createTemp(filepath.Dir(target), filepath.Base(target))
	if err != nil {
		if f, err = createTemp(os.TempDir(), filepath.Base(target)); err != nil {
			return "", err
		}
	}
	name := f.Name()
	err = writeAll(f, old)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		var back []byte
		if back, err = os.ReadFile(name); err == nil && !bytes.Equal(back, old) {
			err = errors.New("the backup copy reads back different / 备份读回后不一致")
		}
	}
	if err != nil {
		removeTemp(name)
		return "", err
	}
	return name, nil
}

// overwrite writes data over the file name from its start, truncates it
// there, syncs it, and reads it back to check it. touched says whether the
// file may have changed: false when it could not even be opened.
func overwrite(name string, data []byte) (touched bool, err error) {
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return false, err
	}
	err = writeAll(f, data)
	if err == nil {
		err = f.Truncate(int64(len(data)))
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return true, err
	}
	back, err := os.ReadFile(name)
	if err == nil && !bytes.Equal(back, data) {
		err = errors.New("the file reads back different / 文件读回后不一致")
	}
	return true, err
}

// writeAll writes data to f; a short write is an error.
func writeAll(f *os.File, data []byte) error {
	n, err := f.Write(data)
	if err == nil && n < len(data) {
		err = fmt.Errorf("short write: %d of %d bytes", n, len(data))
	}
	return err
}

// syncDir syncs a directory, so that a rename in it lasts; best effort.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// afterTemp is called when a temporary file of fmt -w is written and
// before it replaces the file: a hook for tests, which interrupt fmt -w
// there.
var afterTemp = func() {}

// Temporary files of fmt -w, removed if a signal ends the process. fsMu
// also makes a rename or an in-place write finish before the process exits.
var (
	fsMu  sync.Mutex
	temps = map[string]bool{}
)

// createTemp creates a temporary file for the file base in dir, hidden (a
// walk skips it), and registers it for removal on a signal.
func createTemp(dir, base string) (*os.File, error) {
	fsMu.Lock()
	defer fsMu.Unlock()
	f, err := os.CreateTemp(dir, "."+base+".nianbao-*")
	if err == nil {
		temps[f.Name()] = true
	}
	return f, err
}

// renameTemp renames a temporary file over target and forgets it.
func renameTemp(tmp, target string) error {
	fsMu.Lock()
	defer fsMu.Unlock()
	err := os.Rename(tmp, target)
	if err == nil {
		delete(temps, tmp)
	}
	return err
}

// removeTemp removes a temporary file and forgets it.
func removeTemp(name string) {
	fsMu.Lock()
	defer fsMu.Unlock()
	os.Remove(name)
	delete(temps, name)
}

// forgetTemp forgets a temporary file; the caller holds fsMu.
func forgetTemp(name string) { delete(temps, name) }

// interrupted makes SIGINT, SIGTERM and SIGHUP remove the temporary files
// of fmt -w before the process exits with status 128 + the signal's number:
// it waits for a rename or an in-place write under way (fsMu) so that no
// file is left half written. The function returned stops it.
func interrupted() (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			fsMu.Lock() // held until exit: no more renames
			for name := range temps {
				os.Remove(name)
			}
			code := 1
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
