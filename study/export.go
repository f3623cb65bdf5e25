package study

import (
	"context"

	"github.com/residentinsight/insight/exchange"
)

// Export writes the study with e (insight export FORMAT). A study with
// errors is a ProblemsError and nothing is written.
func Export(ctx context.Context, src Source, e exchange.Exporter, out string) error {
	op, err := openClean(ctx, src)
	if err != nil {
		return err
	}
	return e.Export(ctx, &exchange.Study{
		Name: op.Name, Study: op.Study, Codebook: op.Codebook,
		Records: op.Records, Coded: op.Coded, Table: op.Table,
	}, out)
}
