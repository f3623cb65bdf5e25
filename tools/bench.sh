#!/usr/bin/env bash
# bench.sh measures insight on the benchmark study: the rows of issue 11's
# table (one-edit rebuild, cold build, site size, cold index, peak memory,
# whole-process freq and search), each with wall time, CPU time (user+sys)
# and the load average when it ran, since a loaded machine makes wall time
# meaningless on its own.
#
#   tools/bench.sh [-dense] [-docs N] [-words N] [-runs N] [-dir DIR]
#
# Run it from the repository root. DIR (default a new temporary folder)
# receives the study, the site and the binary; it is left for inspection.
set -euo pipefail

dense="" docs=1000 words=8000 runs=10 dir=""
while [ $# -gt 0 ]; do
	case "$1" in
	-dense) dense=-dense ;;
	-docs) docs=$2; shift ;;
	-words) words=$2; shift ;;
	-runs) runs=$2; shift ;;
	-dir) dir=$2; shift ;;
	*) echo "usage: tools/bench.sh [-dense] [-docs N] [-words N] [-runs N] [-dir DIR]" >&2; exit 2 ;;
	esac
	shift
done
[ -x /usr/bin/time ] || { echo "bench.sh: needs GNU time at /usr/bin/time (apt install time)" >&2; exit 1; }
[ -n "$dir" ] || dir=$(mktemp -d /tmp/insight-bench.XXXXXX)
mkdir -p "$dir"
study=$dir/study site=$dir/site bin=$dir/insight t=$dir/time.out

load() { cut -d' ' -f1-3 /proc/loadavg; }
mb() { du -sb "$1" | awk '{printf "%.1f MB", $1/1e6}'; }

# run LABEL CMD...: one timed run; prints wall, CPU, peak memory and load.
run() {
	local label=$1; shift
	local l; l=$(load)
	if ! /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" >"$dir/last.out" 2>"$dir/last.err"; then
		echo "bench.sh: $label failed:" >&2; tail -5 "$dir/last.err" >&2; exit 1
	fi
	read -r e u s m <"$t"
	printf "%-30s wall %7.2f s  cpu %7.2f s  peak %6.0f MB  load %s\n" "$label" "$e" "$(echo "$u + $s" | bc)" "$(echo "$m / 1024" | bc)" "$l"
}

# repeat LABEL CMD...: RUNS runs of a short command; median and fastest wall.
repeat() {
	local label=$1; shift
	if command -v hyperfine >/dev/null; then
		echo "$label (hyperfine, load $(load)):"
		hyperfine -N --warmup 2 --runs "$runs" "$*" 2>&1 | sed -n 's/^ *Time/  Time/p; s/^ *Range/  Range/p'
		return
	fi
	local l; l=$(load)
	"$@" >/dev/null 2>&1 # warm up
	: >"$dir/walls"
	for _ in $(seq "$runs"); do
		/usr/bin/time -f "%e %U %S" -a -o "$dir/walls" "$@" >/dev/null 2>&1
	done
	sort -n "$dir/walls" | awk -v n="$runs" -v label="$label" -v l="$l" '
		{ w[NR] = $1; c[NR] = $2 + $3 }
		END { printf "%-30s median wall %4.0f ms (fastest %4.0f ms, cpu %4.0f ms) over %d runs  load %s\n", label, w[int((n+1)/2)]*1000, w[1]*1000, c[int((n+1)/2)]*1000, n, l }'
}

echo "insight bench: $docs transcripts x $words words, $([ -n "$dense" ] && echo dense || echo plain) shape, $(nproc) cores, $(date -u +%FT%TZ), $(git rev-parse --short HEAD 2>/dev/null)"
echo "folder $dir"
if [ ! -d "$study" ]; then
	run "generate study" go run ./tools/synth -o "$study" -docs "$docs" -words "$words" $dense
fi
run "go build (binary)" go build -o "$bin" ./cmd/insight

# Old outputs are moved aside and deleted after the timed runs: creating
# thousands of files just after deleting thousands costs ext4 0.2-2.5 s of
# system time stepping over the freed inodes, which is the disk's, not the
# build's (and Hugo's run would pay it differently).
trash=$dir/trash.$$
mkdir -p "$trash"
for old in "$study/.insight" "$site" "$dir/hugo" "$dir/hugo-public"; do
	if [ -e "$old" ]; then mv "$old" "$trash/$(echo "$old" | tr / _)"; fi
done
run "cold build" "$bin" build -o "$site" "$study"
read -r cold_wall cold_u cold_s _ <"$t"
ratio=$(echo "scale=2; $(du -sb "$site" | cut -f1) / $(du -sb "$study/transcripts" | cut -f1)" | bc)
echo "site size                      $(mb "$site") in $(find "$site" -type f | wc -l) files = $ratio x the transcripts ($(mb "$study/transcripts"); codings $(mb "$study/codings"))"

# Hugo on the same transcripts, in the same run (tools/bench-hugo): the
# issue's yardstick for the cold build.
if command -v hugo >/dev/null; then
	hugo_src=$dir/hugo
	mkdir -p "$hugo_src/content/t"
	cp -r tools/bench-hugo/. "$hugo_src/"
	cp "$study"/transcripts/*.md "$hugo_src/content/t/"
	run "hugo, same transcripts" hugo --quiet -s "$hugo_src" -d "$dir/hugo-public"
	read -r hugo_wall hugo_u hugo_s _ <"$t"
	echo "insight cold build / hugo      $(echo "scale=1; $cold_wall / $hugo_wall" | bc) x wall, $(echo "scale=1; ($cold_u + $cold_s) / ($hugo_u + $hugo_s)" | bc) x cpu"
	echo "hugo site                      $(mb "$dir/hugo-public") in $(find "$dir/hugo-public" -type f | wc -l) files ($(hugo version | cut -d' ' -f2))"
else
	echo "hugo                           not installed; skipped (apt-get install hugo)"
fi

rm -rf "$trash"

# One edit: a closing line appended to one transcript, so no coding's
# offsets move; a different line each run, so the edit is real.
edit="$study/transcripts/doc-$(printf %04d $(( (docs + 1) / 2 ))).md"
printf '\nInterviewer: Thank you for your time (bench edit %s).\n' "$(date +%s%N)" >>"$edit"
run "one-edit rebuild" "$bin" build -o "$site" "$study"
run "no-change rebuild" "$bin" build -o "$site" "$study"
# The same, but the line is a participant's: their words are evidence, so
# the search index and every count that reads them change too, where the
# interviewer's closing line changes the transcript's page and little else.
who=$(awk -F: '/^[A-Z]+[0-9]+:/ { print $1; exit }' "$edit")
printf '\n%s: And that was the end of it (bench edit %s).\n' "$who" "$(date +%s%N)" >>"$edit"
run "one-edit, participant's words" "$bin" build -o "$site" "$study"

# The same edit under `insight build --watch`, which keeps the parsed study
# in memory: wall is from the edit to the watch's "built" line, so it
# includes up to one polling interval (0.3 s); cpu is what the watching
# process used meanwhile (from /proc). Median of three edits.
if [ -r /proc/self/stat ]; then
	wlog=$dir/watch.err
	"$bin" build --watch -o "$site" "$study" >/dev/null 2>"$wlog" &
	wpid=$!
	built() { grep -c '^insight: built' "$wlog" || true; }
	wait_built() { # N: until the log has more than N "built" lines
		local i=0
		while [ "$(built)" -le "$1" ]; do
			sleep 0.02; i=$((i + 1))
			[ $i -lt 30000 ] || { echo "bench.sh: the watch never rebuilt:" >&2; tail -5 "$wlog" >&2; kill -INT $wpid; exit 1; }
		done
	}
	ticks() { awk '{print $14 + $15}' /proc/$wpid/stat; }
	wait_built 0
	l=$(load)
	: >"$dir/watch.times"
	for n in 1 2 3; do
		k=$(built) c0=$(ticks) t0=$(date +%s.%N)
		printf '\nInterviewer: Thank you (bench watch edit %s).\n' "$(date +%s%N)" >>"$edit"
		wait_built "$k"
		echo "$(echo "$(date +%s.%N) - $t0" | bc) $(echo "scale=2; ($(ticks) - $c0) / $(getconf CLK_TCK)" | bc)" >>"$dir/watch.times"
	done
	kill -INT $wpid && wait $wpid || true
	w=$(cut -d' ' -f1 "$dir/watch.times" | sort -n | sed -n 2p)
	c=$(cut -d' ' -f2 "$dir/watch.times" | sort -n | sed -n 2p)
	printf "%-30s wall %7.2f s  cpu %7.2f s  (medians of 3 edits under build --watch)  load %s\n" "one-edit rebuild, watch" "$w" "$c" "$l"
fi

rm -rf "$study/.insight/index"
run "cold index (query freq)" "$bin" query freq "$study"
run "first search after it" "$bin" query search "housing office" "$study"
printf '\nInterviewer: Thank you again (bench edit %s).\n' "$(date +%s%N)" >>"$edit"
run "one-edit index update" "$bin" query search "housing office" "$study"

repeat "whole-process freq" "$bin" query freq "$study"
repeat "whole-process search" "$bin" query search --limit 10 '"housing office"' "$study"
echo "load at end: $(load)"
