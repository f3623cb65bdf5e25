package study

import (
	"context"
	"fmt"
	"os"

	"github.com/residentinsight/insight/exchange/refi"
)

// ImportProject makes a new study at out from a REFI-QDA project (.qdpx
// or .qde) (insight import FILE --out STUDY). Nothing is written when it fails.
func ImportProject(ctx context.Context, file, out string) (*refi.Report, error) {
	data, err := readInput(file)
	if err != nil {
		return nil, err
	}
	im, err := refi.Import(ctx, file, data)
	if err != nil {
		return nil, err
	}
	return im.Report, im.Write(out)
}

// ImportCodebook merges a REFI-QDA codebook (.qdc) into the study at dir
// (insight import FILE --into STUDY): new themes are added, a theme that
// is already there is never changed, and every difference is reported.
func ImportCodebook(ctx context.Context, file, dir string) (*refi.MergeReport, error) {
	data, err := readInput(file)
	if err != nil {
		return nil, err
	}
	return refi.MergeCodebook(file, data, dir)
}

// readInput reads an exchange file, refusing one too large to be one
// before reading it whole.
func readInput(file string) ([]byte, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return nil, err
	}
	const max = 2 << 30
	if fi.Size() > max {
		return nil, fmt.Errorf("%s: %d bytes, more than the %d an exchange file may be: refused", file, fi.Size(), max)
	}
	return os.ReadFile(file)
}
