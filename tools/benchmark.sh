#!/usr/bin/env bash
# The speed benchmark of docs/performance.md: the production command (bin/consolidator) against
# DuckDB's read_csv + GROUP BY on the same generated folder, whole processes, median of the rounds.
#
#   tools/benchmark.sh [N=20000] [runs=3]
#   JAVA_OPTS=-Xmx512m tools/benchmark.sh 100000     # JAVA_OPTS goes to our program's JVM only
#   CONSOLIDATOR_JAVA=/usr/lib/jvm/java-17-openjdk-amd64 tools/benchmark.sh   # the JDK bin/consolidator uses
#   DUCKDB_VERSION=1.5.6.0 tools/benchmark.sh 2000   # another DuckDB from Maven Central
#
# Everything it makes is under target/: the jar and the launcher's cache (if missing), the input
# target/benchmark-N/ (generated once, seeded, reused while complete), DuckDB's jar in
# target/benchmark/lib/.
set -euo pipefail

N=${1:-20000}
RUNS=${2:-3}
DUCKDB_VERSION=${DUCKDB_VERSION:-2.0.0.1}
JAVA_OPTS=${JAVA_OPTS:-}
[[ $N =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "usage: tools/benchmark.sh [units=20000] [runs=3]" >&2; exit 2; }

cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=target/consolidator.jar
LAUNCHER=$ROOT/bin/consolidator
LIB=target/benchmark/lib
DUCKDB_JAR=$LIB/duckdb_jdbc-$DUCKDB_VERSION.jar
CLASSES=target/benchmark/classes
BENCH=$ROOT/target/benchmark-$N
SAMPLE=$ROOT/target/benchmark-sample
# the default URL's settings (application.properties), in a folder of the benchmark's own
h2_url() { echo "jdbc:h2:file:$1/consolidator;AUTO_SERVER=TRUE;WRITE_DELAY=0"; }

say() { echo "[benchmark] $*" >&2; }

# --- preparation, not timed -------------------------------------------------------------
if [[ ! -f $JAR ]]; then
    say "building $JAR"
    mvn -q -DskipTests package
fi
# the launcher's cache (extracted jar, class archive) for the JDK it picks: made by package, or
# here by a first call, so that no round pays for it
JAVA_OPTS= $LAUNCHER --help > /dev/null
JDK_USED=$(JAVA_OPTS=-XshowSettings:properties $LAUNCHER --help 2>&1 | awk '$1 == "java.home" { print $3 }')
if [[ ! -f $DUCKDB_JAR ]]; then
    say "fetching org.duckdb:duckdb_jdbc:$DUCKDB_VERSION from Maven Central"
    mvn -q dependency:copy -Dartifact=org.duckdb:duckdb_jdbc:$DUCKDB_VERSION -DoutputDirectory=$LIB
fi
if [[ ! -f $CLASSES/DuckDbSum.class || tools/DuckDbSum.java -nt $CLASSES/DuckDbSum.class ]]; then
    # compiled once, so that DuckDB's time holds no compiling of the source launcher
    mkdir -p $CLASSES
    javac -d $CLASSES tools/DuckDbSum.java
fi
if [[ ! -f $BENCH/generated ]]; then
    say "generating $N units with distinct values into $BENCH"
    mkdir -p target/benchmark
    mvn -q test -Dtest=BenchmarkInput -Dsurefire.failIfNoSpecifiedTests=false \
        -Dbenchmark.units=$N -Dbenchmark.dir=$BENCH > target/benchmark/generate-$N.log 2>&1 \
        || { cat target/benchmark/generate-$N.log >&2; exit 1; }
    date -u +%FT%TZ > $BENCH/generated
fi
MB=$(du -sm --apparent-size $BENCH/submissions | cut -f1)

# --- timing -------------------------------------------------------------------------------
LAST_SECONDS=
LAST_OUT=$BENCH/last-command.out
# time_run EXPECTED_STATUS command...: whole process, from start to exit
time_run() {
    local expected=$1; shift
    # some locales write EPOCHREALTIME with a decimal comma
    local start=${EPOCHREALTIME/,/.} status=0
    "$@" > $LAST_OUT 2>&1 || status=$?
    local end=${EPOCHREALTIME/,/.}
    if [[ $status != "$expected" ]]; then
        say "unexpected exit status $status (expected $expected) of: $*"
        cat $LAST_OUT >&2
        exit 1
    fi
    LAST_SECONDS=$(awk -v a=$start -v b=$end 'BEGIN { printf "%.2f", b - a }')
}
job_seconds() { grep -o '用时 [0-9.]* 秒' $LAST_OUT | grep -o '[0-9.]*' || echo "-"; }
duckdb_query_seconds() { awk '$1 == "query-seconds" { print $2 }' $LAST_OUT | grep . || echo "-"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
spread() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s–%s", lo, hi }'; }

ours() { JAVA_OPTS=$JAVA_OPTS $LAUNCHER "$@"; }
duckdb() { java -cp $DUCKDB_JAR:$CLASSES DuckDbSum "$@"; }

first=() job=() rerun=() duck=() duck_query=() sample=() validate=()
for ((round = 1; round <= RUNS; round++)); do
    say "round $round of $RUNS"
    # a first run: fresh database, no output folder, no lock left
    # the working folder too: it holds the previous run (restored as "interrupted") and the fingerprint cache
    rm -rf $BENCH/db $BENCH/output $BENCH/.output.consolidator $BENCH/.output.lock
    time_run 0 ours --job=$BENCH/job.yml "--spring.datasource.url=$(h2_url $BENCH/db)"
    first+=($LAST_SECONDS) job+=($(job_seconds))
    cp $LAST_OUT $BENCH/first-run.out

    time_run 0 duckdb sum $BENCH/submissions $BENCH/duckdb-sums.csv
    duck+=($LAST_SECONDS) duck_query+=($(duckdb_query_seconds))
    if ((round == 1)); then
        duckdb compare $BENCH/duckdb-sums.csv $BENCH/output/consolidated.csv > $BENCH/compare.out \
            || { cat $BENCH/compare.out >&2; say "DuckDB's sums and consolidated.csv differ"; exit 1; }
        say "$(cat $BENCH/compare.out)"
    fi

    time_run 0 ours --job=$BENCH/job.yml "--spring.datasource.url=$(h2_url $BENCH/db)"
    grep -q '已是最新' $LAST_OUT || { cat $LAST_OUT >&2; say "the unchanged rerun was not up to date"; exit 1; }
    rerun+=($LAST_SECONDS)

    rm -rf $SAMPLE
    time_run 0 ours --job=jobs/bozhou-2020.yml --output=$SAMPLE/output "--spring.datasource.url=$(h2_url $SAMPLE/db)"
    sample+=($LAST_SECONDS)

    time_run 0 ours validate --template=gov-2019 $BENCH/submissions/unit-00000.csv
    validate+=($LAST_SECONDS)
done

# --- report ---------------------------------------------------------------------------------
ratio() { awk -v a=$1 -v b=$2 'BEGIN { printf "%.2f", a / b }'; }
row() { printf '%-44s %9s %9s %9s  %-16s %s\n' "$@"; }
m_first=$(median "${first[@]}") m_duck=$(median "${duck[@]}")
{
    echo "$N units ($MB MB, distinct values), $RUNS rounds, $(nproc) cores, $(date -u +%F), load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "ours: bin/consolidator on $JDK_USED, JAVA_OPTS=${JAVA_OPTS:-(none)}, DuckDB $DUCKDB_VERSION; $(cat $BENCH/compare.out)"
    echo "seconds, whole process from start to exit (JVM start included for both), median of $RUNS;"
    echo "DuckDB's query alone: timed inside its JVM, without the JVM's start and loading its native library"
    row "case" "ours" "DuckDB" "ours/DuckDB" "goal" "ours: all rounds"
    row "first run of $N units, fresh database" "$m_first" "$m_duck" "$(ratio $m_first $m_duck)" "<= DuckDB" \
        "${first[*]} (DuckDB: ${duck[*]})"
    row "  of it, the job alone (its own figure)" "$(median "${job[@]}")" "" "" "" "${job[*]}"
    row "  of DuckDB's, its query alone (in its JVM)" "" "$(median "${duck_query[@]}")" "" "" "${duck_query[*]}"
    row "unchanged rerun of $N units (up to date)" "$(median "${rerun[@]}")" "" "" "<= 1.0" "${rerun[*]}"
    row "bundled sample, 13 units, fresh database" "$(median "${sample[@]}")" "" "" "<= 1.5" "${sample[*]}"
    row "validate of one file" "$(median "${validate[@]}")" "" "" "<= 0.5" "${validate[*]}"
} | tee $BENCH/results.txt
