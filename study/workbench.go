package study

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/residentinsight/insight/workbench"
)

// ServeOptions are the workbench command's settings.
type ServeOptions struct {
	Coder string
	Port  int              // 0: a free port
	Open  func(url string) // opens the address in a browser; nil: do not
}

// Serve runs the coding workbench for a coder on the study until ctx ends.
func Serve(ctx context.Context, src Source, w io.Writer, o ServeOptions) error {
	srv, err := OpenWorkbench(ctx, src, o.Coder)
	if err != nil {
		return err
	}
	ln, err := srv.Listen(o.Port)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "The workbench for %s is at\n\n  %s\n\nOpen that address in a browser on this computer. Press Ctrl-C to stop; every change is already saved.\n", o.Coder, srv.URL())
	if o.Open != nil {
		o.Open(srv.URL())
	}
	return srv.Serve(ctx, ln)
}

// OpenWorkbench reads the study and returns the workbench for coder on it,
// not yet listening.
func OpenWorkbench(ctx context.Context, src Source, coder string) (*workbench.Server, error) {
	if src.Example {
		return nil, fmt.Errorf("the workbench writes to the study's codings/ folder; the bundled example cannot be changed (insight init my-study makes a copy)")
	}
	op, err := openClean(ctx, src)
	if err != nil {
		return nil, err
	}
	return workbench.New(&workbench.Study{Dir: src.Dir, Corpus: op.Study, Codebook: op.Codebook, Coded: op.Coded,
		CodebookFile: filepath.Join(src.Dir, CodebookFile)}, coder)
}
