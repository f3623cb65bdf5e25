// Command insight turns a study folder of transcripts, a codebook and
// codings into counts and a static insight site. Each command lives in its
// own cmd_<name>.go and calls one function of package study.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"runtime/trace"

	"github.com/urfave/cli/v2"
)

// Exit codes, documented in the README and in `insight --help`.
const (
	exitOK       = 0
	exitProblems = 1 // the study has errors: nothing was built
	exitUsage    = 2 // the command line is wrong
	exitPersonal = 3 // unreviewed personal data: the site was not written
	exitFailure  = 4 // could not read or write files, or interrupted
)

const exitHelp = `EXIT CODES:
   0  success
   1  the study has errors (each printed as file:line: message); nothing was built
   2  the command line is wrong
   3  text that looks like personal data is not yet reviewed (check --pii lists it);
      build wrote no site unless --accept-pii-risk
   4  a file could not be read or written, or the command was interrupted`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	stopProfile := startProfile(os.Getenv("INSIGHT_CPUPROFILE"), os.Stderr)
	stopTrace := startTrace(os.Getenv("INSIGHT_TRACE"), os.Stderr)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stopTrace()
	writeMemProfile(os.Getenv("INSIGHT_MEMPROFILE"), os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// startProfile writes a CPU profile of the whole command to path (for
// `go tool pprof`; see tools/bench.sh), when path is set. A developer's aid:
// a failure to start it is said once and the command runs anyway.
func startProfile(path string, stderr io.Writer) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(stderr, "insight: INSIGHT_CPUPROFILE:", err)
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// writeMemProfile writes the allocation profile of the whole command to
// path (`go tool pprof -sample_index=alloc_space`: what a run allocated,
// by call site), when path is set; like startProfile, a developer's aid.
func writeMemProfile(path string, stderr io.Writer) {
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "insight: INSIGHT_MEMPROFILE:", err)
	}
}

// startTrace writes an execution trace of the whole command to path (for
// `go tool trace`: whether both cores are busy), when path is set; like
// startProfile, a developer's aid.
func startTrace(path string, stderr io.Writer) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = trace.Start(f)
	}
	if err != nil {
		fmt.Fprintln(stderr, "insight: INSIGHT_TRACE:", err)
		return func() {}
	}
	return func() { trace.Stop(); f.Close() }
}

// run is main without the process: the end-to-end test calls it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	err := app.RunContext(ctx, flagsFirst(app.Commands, args))
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "insight:", err)
	var ex *exitError
	if errors.As(err, &ex) {
		return ex.code
	}
	if ctx.Err() != nil {
		return exitFailure
	}
	// urfave/cli reports flag and argument mistakes as plain errors.
	return exitUsage
}

// exitError carries the exit code a command failed with.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func fail(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code, err}
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:  "insight",
		Usage: "turn interview and focus-group transcripts into theme counts and a browsable insight site",
		Description: "A study folder holds insight.yaml, codebook.yaml, transcripts/, and optionally\n" +
			"participants.csv and codings/<coder>.jsonl (see docs/study-format.md).\n" +
			"Try it on the bundled example:  insight build --example -o insight-site",
		CustomAppHelpTemplate: cli.AppHelpTemplate + "\n" + exitHelp + "\n",
		Writer:                stdout,
		ErrWriter:             stderr,
		HideHelpCommand:       true,
		ExitErrHandler:        func(*cli.Context, error) {}, // run() decides the exit code
		Commands: []*cli.Command{
			initCommand(),
			checkCommand(),
			codeCommand(),
			buildCommand(),
			pseudonymiseCommand(),
			queryCommand(),
			agreeCommand(),
			exportCommand(),
			importCommand(),
			versionCommand(),
		},
	}
}
