package index

import (
	"os"

	"github.com/residentinsight/insight/query"
)

func readTableFile(path string) (*query.Table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return readTable(data)
}
