//go:build unix

package cli

import (
	"io/fs"
	"os"
	"slices"
	"syscall"
)

// owner returns the user and group that own a file.
func owner(fi fs.FileInfo) (uid, gid int, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return int(st.Uid), int(st.Gid), true
}

// links returns the number of hard links of a file.
func links(fi fs.FileInfo) int {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int(st.Nlink)
	}
	return 1
}

// writable reports whether the mode of a file lets this process write it:
// root by any write bit, the owner by the owner's, a member of the group by
// the group's, anyone else by the others'. A file no one may write is
// read-only even for root.
func writable(fi fs.FileInfo) bool {
	perm := fi.Mode().Perm()
	uid, gid, ok := owner(fi)
	switch {
	case !ok:
		return perm&0o222 != 0
	case os.Geteuid() == 0:
		return perm&0o222 != 0
	case os.Geteuid() == uid:
		return perm&0o200 != 0
	case os.Getegid() == gid || inGroups(gid):
		return perm&0o020 != 0
	}
	return perm&0o002 != 0
}

func inGroups(gid int) bool {
	groups, err := os.Getgroups()
	return err == nil && slices.Contains(groups, gid)
}
