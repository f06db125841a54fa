package cli

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"
)

// The test binary doubles as nianbao for tests that need a process of its
// own (output to /dev/full, signals): with NIANBAO_TEST_MAIN=1 in its
// environment it runs Main with the arguments after "--", and exits.
func TestMain(m *testing.M) {
	if os.Getenv("NIANBAO_TEST_MAIN") == "1" {
		args := os.Args
		for i, a := range args {
			if a == "--" {
				args = append([]string{args[0]}, args[i+1:]...)
				break
			}
		}
		os.Args = args
		testProcessHooks()
		os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, Options{}))
	}
	os.Exit(m.Run())
}

// testProcessHooks sets the test hooks a process run by nianbaoProcess
// asks for in its environment: NIANBAO_TEST_PAUSE_TEMP=1 makes fmt -w say
// "paused" on standard error and wait once its temporary file is written,
// for the test to send a signal.
func testProcessHooks() {
	if os.Getenv("NIANBAO_TEST_PAUSE_TEMP") == "1" {
		afterTemp = func() {
			fmt.Fprintln(os.Stderr, "paused")
			time.Sleep(time.Minute)
		}
	}
}

// nianbaoProcess returns a command that runs nianbao with args in a
// process of its own: this test binary, in the mode TestMain gives it.
func nianbaoProcess(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary:", err)
	}
	cmd := exec.Command(exe, append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "NIANBAO_TEST_MAIN=1")
	return cmd
}
