// Command peakrss runs a command and prints its peak resident memory in
// bytes. BenchmarkCLIUpstream runs atlasgen through it: a child's peak
// includes the memory of the process that started it (Go starts children
// with vfork, sharing its memory until exec), so a child of a test binary
// that has just generated 5,000 operations would be charged for them; a
// child of this small process is not.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	err := cmd.Run()
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		fmt.Println(u.Maxrss * 1024) // kilobytes on Linux
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
