//go:build !linux

package index

import "github.com/residentinsight/insight/query"

// mapTable reads table.bin; mapping it is a Linux speed-up only.
func mapTable(path string) (*query.Table, error) { return readTableFile(path) }
