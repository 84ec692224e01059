#!/usr/bin/env bash
# tsunagu import ledger and tsunagu export as an office runs them: a bad
# ledger reported row by row with nothing written (golden stderr), the sample
# ledger in UTF-8 and in CP932 (made with iconv), the dry run, the second
# import that matches instead of duplicating, exports decoded back with iconv,
# CP932 refusal and --substitute, and -o that never leaves a half file.
set -uo pipefail
bin=${TSUNAGU_BIN:?}
src=${TSUNAGU_SOURCE_DIR:?}
gold="$src/tests/golden"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
expect_rc() { # WANT DESC CMD...
	local want=$1 desc=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	[ "$rc" = "$want" ] && ok "$desc" || { bad "$desc: exit $rc, want $want"; cat "$tmp/out" "$tmp/err"; }
}
has() { # FILE TEXT DESC
	grep -qF -- "$2" "$1" && ok "$3" || { bad "$3: no '$2' in"; cat "$1"; }
}
count() { sqlite3 "$db" "$1"; }

export TSUNAGU_DB="$tmp/t.db"
db=$TSUNAGU_DB
unset XDG_DATA_HOME
expect_rc 0 "init" "$bin" init --name "統括 花子" --role coordinator

# usage errors
expect_rc 2 "import without kind" "$bin" import
expect_rc 2 "import other kind" "$bin" import people x.csv
expect_rc 2 "import without file" "$bin" import ledger
expect_rc 2 "import bad encoding" "$bin" import ledger x.csv --encoding latin1
expect_rc 1 "import missing file" "$bin" import ledger "$tmp/none.csv"
has "$tmp/err" "を開けません" "missing file named"
expect_rc 2 "export unknown kind" "$bin" export people
expect_rc 2 "export bad --fy" "$bin" export intakes --fy R6
expect_rc 2 "export bad encoding" "$bin" export intakes --encoding latin1
expect_rc 0 "help lists import/export" "$bin" --help
has "$tmp/out" "  import ledger FILE" "help: import"
has "$tmp/out" "--substitute" "help: export --substitute"

# a bad ledger: every problem by row and column, nothing written
audit0=$(count "SELECT count(*) FROM audit")
expect_rc 1 "bad ledger" "$bin" import ledger "$gold/ledger_bad.csv"
diff -u "$gold/ledger_bad.err" "$tmp/err" && ok "bad ledger errors (golden)" || bad "bad ledger errors differ"
[ "$(count "SELECT count(*) FROM person") $(count "SELECT count(*) FROM intake")" = "0 0" ] &&
	ok "bad ledger wrote nothing" || bad "bad ledger wrote rows"
[ "$(count "SELECT count(*) FROM audit")" = "$audit0" ] && ok "no audit row" || bad "audit changed"

# dry run, then the real import, then again
expect_rc 0 "dry run" "$bin" import ledger "$gold/ledger_sample.csv" --dry-run
has "$tmp/out" "試行のみ" "dry run says so"
has "$tmp/out" "受付 5 件、ケース 2 件 (作成予定)" "dry run counts"
has "$tmp/err" "警告: 1 行目: 読み込まない列があります: V 列「備考」" "unknown column warned"
[ "$(count "SELECT count(*) FROM intake")" = 0 ] && ok "dry run wrote nothing" || bad "dry run wrote"
expect_rc 0 "import" "$bin" import ledger "$gold/ledger_sample.csv"
has "$tmp/out" "児童: 新規 4 人、既存と照合 0 人" "children created"
[ "$(count "SELECT count(*) FROM intake") $(count "SELECT count(*) FROM cases")" = "5 2" ] &&
	ok "5 intakes, 2 cases" || bad "import counts"
[ "$(count "SELECT count(*) FROM audit WHERE action = 'ledger.import' AND detail LIKE 'file=ledger_sample.csv sha256=%'")" = 1 ] &&
	ok "import audited with the file name" || bad "import audit"
iconv -f UTF-8 -t CP932 "$gold/ledger_sample.csv" >"$tmp/sjis.csv" || bad "iconv"
expect_rc 0 "import again as CP932" "$bin" import ledger "$tmp/sjis.csv"
has "$tmp/out" "CP932" "CP932 detected"
has "$tmp/out" "既存と照合 4 人" "persons matched"
has "$tmp/out" "飛ばした行: 5" "duplicates skipped"
[ "$(count "SELECT count(*) FROM person") $(count "SELECT count(*) FROM intake")" = "5 5" ] &&
	ok "nothing duplicated" || bad "second import duplicated"
expect_rc 1 "forced utf-8 on a CP932 file" "$bin" import ledger "$tmp/sjis.csv" --encoding utf-8
has "$tmp/err" "UTF-8 として不正なバイト" "invalid bytes reported"

# export: UTF-8 with BOM by default, decoded back; CP932 the same text
expect_rc 0 "export intakes" "$bin" export intakes --fy 2024 -o "$tmp/in.csv"
head -c 3 "$tmp/in.csv" | od -An -tx1 | grep -q "ef bb bf" && ok "BOM" || bad "no BOM"
has "$tmp/in.csv" "\"髙橋 一\"" "export holds the rows"
[ "$(grep -c $'\r$' "$tmp/in.csv")" -ge 6 ] && ok "CRLF" || bad "no CRLF"
expect_rc 0 "export intakes cp932" "$bin" export intakes --fy 2024 --encoding cp932 -o "$tmp/in932.csv"
tail -c +4 "$tmp/in.csv" >"$tmp/in-nobom.csv"
iconv -f CP932 -t UTF-8 "$tmp/in932.csv" >"$tmp/in932-back.csv" || bad "iconv back"
cmp -s "$tmp/in-nobom.csv" "$tmp/in932-back.csv" && ok "CP932 decodes to the same text" || bad "CP932 differs"
expect_rc 0 "export to stdout" "$bin" export cases
has "$tmp/out" "\"R6-0002\"" "cases on stdout"
expect_rc 0 "export stats" "$bin" export stats --fy 2024 -o "$tmp/stats.csv"
has "$tmp/stats.csv" "児童虐待相談" "stats exported"
expect_rc 1 "stats without --fy" "$bin" export stats

# a character CP932 cannot hold: listed, nothing written, unless --substitute
printf '受付日,児童氏名,主訴\n2024-04-03,𠮟田 花,😀\n' >"$tmp/odd.csv"
expect_rc 0 "import odd names" "$bin" import ledger "$tmp/odd.csv"
echo "old" >"$tmp/keep.csv"
expect_rc 1 "cp932 refused" "$bin" export intakes --encoding cp932 -o "$tmp/keep.csv"
has "$tmp/err" "E 列 (児童氏名): 「𠮟」(U+20B9F) は CP932 で表せません" "unencodable by row/column"
has "$tmp/err" "--substitute" "how to confirm"
[ "$(cat "$tmp/keep.csv")" = old ] && ok "existing file untouched" || bad "file overwritten"
expect_rc 0 "cp932 --substitute" "$bin" export intakes --encoding cp932 --substitute -o "$tmp/keep.csv"
iconv -f CP932 -t UTF-8 "$tmp/keep.csv" | grep -qF '"〓田 花"' && ok "〓 written" || bad "no 〓"
ls "$tmp" | grep -q '\.tmp\.' && bad "temporary file left" || ok "no temporary file left"
expect_rc 1 "unwritable -o" "$bin" export intakes -o "$tmp/nodir/x.csv"
[ ! -e "$tmp/nodir/x.csv" ] && ok "nothing at an unwritable path" || bad "file appeared"
[ "$(count "SELECT count(*) FROM audit WHERE action = 'ledger.export'")" -ge 6 ] &&
	ok "exports audited" || bad "exports not audited"

exit $fail
