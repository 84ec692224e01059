#!/usr/bin/env bash
# tsunagu gen: usage errors, the refusal on a database that holds persons (in
# Japanese, naming the flag), the summary, determinism across two files, the
# consistency check of the result, and the explicit flag that adds anyway.
set -uo pipefail
bin=${TSUNAGU_BIN:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
expect_rc() { # WANT DESC CMD...
	local want=$1 desc=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	local rc=$?
	[ "$rc" = "$want" ] && ok "$desc" || { bad "$desc: exit $rc, want $want"; cat "$tmp/out" "$tmp/err"; }
}
has() { # FILE TEXT DESC
	grep -qF -- "$2" "$1" && ok "$3" || { bad "$3: no '$2' in"; cat "$1"; }
}
export TSUNAGU_DB="$tmp/never-touched.db"
unset XDG_DATA_HOME
db="$tmp/gen.db"

expect_rc 0 "help lists gen" "$bin" --help
has "$tmp/out" "  gen " "gen in the subcommand list"

# usage errors come before the database is opened
expect_rc 2 "gen without --persons" "$bin" --db "$db" gen
has "$tmp/err" "--persons" "says --persons is needed"
expect_rc 2 "gen --persons 0" "$bin" --db "$db" gen --persons 0
expect_rc 2 "gen --persons abc" "$bin" --db "$db" gen --persons abc
expect_rc 2 "gen --seed -1" "$bin" --db "$db" gen --persons 10 --seed -1
expect_rc 2 "gen --date nonsense" "$bin" --db "$db" gen --persons 10 --date 2025-02-30
expect_rc 2 "gen unknown flag" "$bin" --db "$db" gen --persons 10 --force
expect_rc 1 "gen on a missing database" "$bin" --db "$db" gen --persons 10
has "$tmp/err" "tsunagu init" "missing database: says to run init"
[ -e "$db" ] && bad "gen created the database" || ok "gen did not create the database"

expect_rc 0 "init" "$bin" --db "$db" init --name "統括 花子"
expect_rc 0 "gen --persons 1200" "$bin" --db "$db" gen --persons 1200 --seed 5 --date R7.6.10
for w in "合成データを作成しました" "人物 1,200" "世帯" "受付" "ケース" "経過記録" "安全確認" "秒" "基準日 2025-06-10"; do
	has "$tmp/out" "$w" "summary has $w"
done
[ -s "$tmp/err" ] && { bad "progress printed without a terminal"; cat "$tmp/err"; } || ok "quiet stderr without a terminal"
expect_rc 0 "check after gen" "$bin" --db "$db" check
has "$tmp/out" "問題は見つかりませんでした" "generated database is consistent"

# a database with persons is refused, in Japanese, naming the flag
expect_rc 1 "gen again refused" "$bin" --db "$db" gen --persons 10
has "$tmp/err" "すでに人物が 1,200 人登録されています" "refusal says how many persons"
has "$tmp/err" "--既存データに合成データを追加する" "refusal names the flag"
expect_rc 0 "gen with the explicit flag" "$bin" --db "$db" gen --persons 10 --date 2025-06-10 --既存データに合成データを追加する
has "$tmp/out" "人物 10、" "added ten"

# the same options give the same summary on another file (the unit test
# compares the rows themselves)
db2="$tmp/gen2.db"
expect_rc 0 "init second" "$bin" --db "$db2" init
expect_rc 0 "gen second" "$bin" --db "$db2" gen --persons 1200 --seed 5 --date 2025-06-10
sed -n '3,5p' "$tmp/out" >"$tmp/sum2"
"$bin" --db "$tmp/gen3.db" init >/dev/null 2>&1
"$bin" --db "$tmp/gen3.db" gen --persons 1200 --seed 5 --date 2025-06-10 >"$tmp/out3" 2>/dev/null
sed -n '3,5p' "$tmp/out3" >"$tmp/sum3"
cmp -s "$tmp/sum2" "$tmp/sum3" && ok "same seed, same counts" || { bad "counts differ"; diff "$tmp/sum2" "$tmp/sum3"; }

# --demo with a subcommand is a usage error, and neither touched $TSUNAGU_DB
expect_rc 2 "--demo with a subcommand" "$bin" --demo gen --persons 1
[ -e "$TSUNAGU_DB" ] && bad "TSUNAGU_DB was created" || ok "TSUNAGU_DB untouched"

[ "$fail" = 0 ] && echo "all gen checks passed"
exit "$fail"
