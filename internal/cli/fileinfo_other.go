//go:build !unix

package cli

import "io/fs"

// owner returns the user and group that own a file: unknown here.
func owner(fs.FileInfo) (uid, gid int, ok bool) { return 0, 0, false }

// links returns the number of hard links of a file: taken as 1 here.
func links(fs.FileInfo) int { return 1 }

// writable reports whether the mode of a file lets it be written.
func writable(fi fs.FileInfo) bool { return fi.Mode().Perm()&0o222 != 0 }
