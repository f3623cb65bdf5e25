package privacy

import (
	"errors"
	"io/fs"

	"github.com/residentinsight/insight/anon"
	"github.com/residentinsight/insight/diag"
)

// LoadAllowlist reads the study's anonymisation.yaml; nil (allowing
// nothing) when there is none. Problems name the file and line.
func LoadAllowlist(fsys fs.FS, name string) (*anon.Allowlist, diag.List) {
	var probs diag.List
	data, err := fs.ReadFile(fsys, AllowlistFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		probs.Errorf(joinName(name, AllowlistFile), 0, "cannot be read: %v", err)
		return nil, probs
	}
	a, p := anon.LoadAllowlist(joinName(name, AllowlistFile), data)
	probs.Add(p...)
	return a, probs
}
