// Package refi moves studies in and out of the REFI-QDA exchange standard
// (QDA-XML 1.0): .qdpx projects, bare .qde project files and .qdc
// codebooks, as NVivo, ATLAS.ti, MAXQDA, QualCoder and others write them.
//
// Import makes a study in memory from a project (text sources become
// transcripts, the codebook codebook.yaml, each user's codings
// codings/<user>.jsonl, cases participants.csv, notes memos/) and counts
// in a Report everything insight cannot represent; Imported.Write puts it
// on disk in one rename. MergeCodebook adds a .qdc's codes to an existing
// codebook.yaml without changing what is there. QDPX and QDC are the
// exchange.Exporters for `insight export qdpx|qdc`.
//
// Files are untrusted: archives are opened through internal/safezip (names
// that climb out refused, sizes and entry counts bounded before inflating)
// and XML is read with encoding/xml, which expands no external or declared
// entities; depth and size are bounded here. Selection positions are read
// per source in whichever unit (code points or UTF-16 code units, with or
// without the byte-order mark) makes the selections line up with the text,
// since tools disagree with the standard; the choice is in the report.
package refi
