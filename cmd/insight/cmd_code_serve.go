package main

import (
	"errors"
	"os"
	"os/exec"
	"runtime"

	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
)

// serveFlags are code's workbench flags.
var serveFlags = []cli.Flag{
	&cli.BoolFlag{Name: "serve", Usage: "open the coding workbench in a browser (needs --coder)"},
	&cli.IntFlag{Name: "port", Usage: "the workbench's `PORT` on 127.0.0.1 (default: a free one)"},
	&cli.BoolFlag{Name: "no-open", Usage: "print the workbench's address without opening a browser"},
}

func serveAction(c *cli.Context, src study.Source) error {
	if c.String("coder") == "" {
		return fail(exitUsage, errors.New("--serve needs --coder NAME: your codings go to codings/NAME.jsonl"))
	}
	o := study.ServeOptions{Coder: c.String("coder"), Port: c.Int("port")}
	if !c.Bool("no-open") && hasDisplay() {
		o.Open = openBrowser
	}
	if err := study.Serve(c.Context, src, c.App.Writer, o); err != nil {
		return fail(buildExitCode(err), err)
	}
	return nil
}

// hasDisplay says whether a browser can be shown: always on macOS and
// Windows, and on other systems when an X or Wayland display is set.
func hasDisplay() bool {
	switch runtime.GOOS {
	case "darwin", "windows":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// openBrowser opens url in the default browser, best effort: the address
// is printed anyway.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}
