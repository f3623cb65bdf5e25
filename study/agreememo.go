package study

import (
	"reflect"
	"sync"

	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/site"
)

// agreeMemo keeps a watch's last agreement with the table and coders'
// declarations it was worked out from: the site's agreement (segment
// units) reads nothing else, and an edit that moves no code, speaker or
// sentence leaves both as they were. Comparing them costs a few
// milliseconds where the agreement cost a sixth of a second.
type agreeMemo struct {
	mu       sync.Mutex
	table    *query.Table
	declared map[string][]string
	result   *site.Agreement
}

func (m *agreeMemo) agreement(op *Opened) *site.Agreement {
	if m == nil {
		return agreement(op)
	}
	declared := declaredDocs(op)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.table != nil && query.Equal(m.table, op.Table) && reflect.DeepEqual(m.declared, declared) {
		return m.result
	}
	m.table, m.declared, m.result = op.Table, declared, agreement(op)
	return m.result
}
