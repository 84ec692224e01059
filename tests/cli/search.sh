#!/usr/bin/env bash
# tsunagu search: usage errors, 該当なし, the table (Japanese headers, names as
# typed, folding of variants, kana and widths, birth-date narrowing, phone
# numbers), the key rebuild after persons were written around the triggers,
# the audit row per search, and check with the FTS5 index.
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
	"$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	[ "$rc" = "$want" ] && ok "$desc" || { bad "$desc: exit $rc, want $want"; cat "$tmp/out" "$tmp/err"; }
}
has() { # FILE TEXT DESC
	grep -qF -- "$2" "$1" && ok "$3" || { bad "$3: no '$2' in"; cat "$1"; }
}
hasnt() { # FILE TEXT DESC
	grep -qF -- "$2" "$1" && { bad "$3: '$2' in"; cat "$1"; } || ok "$3"
}
rows() { # number of result rows (without the header)
	echo $(($(wc -l <"$tmp/out") - 1))
}
unset XDG_DATA_HOME
db="$tmp/t.db"
export TSUNAGU_DB="$db"

expect_rc 2 "no query" "$bin" search
has "$tmp/err" "検索する" "usage message is Japanese"
expect_rc 2 "bad --limit" "$bin" search 高橋 --limit 0
expect_rc 2 "--limit without a number" "$bin" search 高橋 --limit
expect_rc 2 "unknown option" "$bin" search --frob 高橋
expect_rc 1 "no database yet" "$bin" search 高橋
expect_rc 0 "init" "$bin" init --name "佐藤 花子" --role coordinator

expect_rc 0 "no match" "$bin" search 高橋
has "$tmp/out" "該当なし" "該当なし printed"

# the sqlite3 shell cannot write persons: the key triggers need tsunagu's functions
if ! command -v sqlite3 >/dev/null; then echo "sqlite3 shell missing"; exit 1; fi
if sqlite3 "$db" "INSERT INTO person (family_name) VALUES ('試験')" 2>"$tmp/err"; then
	bad "the shell wrote a person past the key triggers"
else
	has "$tmp/err" "tsu_key_variant" "shell write refused by the key trigger"
fi
# persons written with the triggers off have no keys until a rebuild
sqlite3 "$db" >/dev/null <<'EOF' || bad "loading persons with the shell"
.dbconfig enable_trigger off
INSERT INTO person (family_name, given_name, family_kana, given_kana, birth_date, phone) VALUES
 ('髙橋', '陽翔', 'たかはし', 'はると', '2019-04-02', '090-0000-1234'),
 ('高橋', '遥', 'タカハシ', 'ハルカ', '2020-06-01', NULL),
 ('高梨', '望', 'たかなし', 'のぞみ', '2016-06-06', NULL),
 ('齋藤', '一郎', 'さいとう', 'いちろう', '1985-05-05', NULL),
 ('斉藤', '湊', 'さいとう', 'みなと', '2024-04-01', NULL),
 ('髙橋', '湊', 'たかはし', 'みなと', '2024-04-01', NULL);
EOF
expect_rc 0 "stale keys: nothing found" "$bin" search 高橋
has "$tmp/out" "該当なし" "no keys before the rebuild"
expect_rc 0 "rebuild" "$bin" search --rebuild
has "$tmp/out" "6 人分" "rebuild counts every person"
expect_rc 2 "rebuild takes no query" "$bin" search --rebuild 高橋

expect_rc 0 "variant kanji" "$bin" search 高橋
for h in 氏名 ふりがな 生年月日 年齢 ケース 担当 最終記録 相談歴 世帯; do
	head -1 "$tmp/out" | grep -qF "$h" || bad "header lacks $h"
done
has "$tmp/out" "髙橋 陽翔" "髙橋 found by 高橋, name as typed"
has "$tmp/out" "高橋 遥" "高橋 found"
hasnt "$tmp/out" "高梨" "高梨 is not 高橋"
[ "$(rows)" = 3 ] && ok "three 高橋" || { bad "rows for 高橋: $(rows)"; cat "$tmp/out"; }
# the columns line up by display width: 生年月日 starts at the same column
cols=$(head -1 "$tmp/out" | sed 's/生年月日.*//' | wc -L)
bcol=$(sed -n 2p "$tmp/out" | grep -o '^.*R[0-9]' | sed 's/R[0-9]$//' | wc -L)
[ -n "$cols" ] && [ "$cols" = "$bcol" ] && ok "birth column aligned ($cols)" ||
	{ bad "birth column: header $cols, row $bcol"; cat "$tmp/out"; }

expect_rc 0 "half-width kana" "$bin" search ｻｲﾄｳ
has "$tmp/out" "齋藤 一郎" "ｻｲﾄｳ finds 齋藤 by its reading"
[ "$(rows)" = 2 ] && ok "two さいとう" || bad "rows for ｻｲﾄｳ: $(rows)"
expect_rc 0 "birth date narrows" "$bin" search ｻｲﾄｳ R6.4.1
[ "$(rows)" = 1 ] && ok "one さいとう born R6.4.1" || bad "rows: $(rows)"
has "$tmp/out" "斉藤 湊" "斉藤 湊 by birth date"
expect_rc 0 "birth date alone" "$bin" search 2024/4/1
[ "$(rows)" = 2 ] && ok "two born 2024/4/1" || bad "rows: $(rows)"
expect_rc 0 "phone without hyphens" "$bin" search 09000001234
has "$tmp/out" "髙橋 陽翔" "phone found"
expect_rc 0 "phone full width" "$bin" search "０９０－００００－１２３４"
has "$tmp/out" "髙橋 陽翔" "full-width phone found"
expect_rc 0 "limit" "$bin" search たかはし --limit 1
[ "$(rows)" = 1 ] && ok "--limit 1" || bad "rows with --limit 1: $(rows)"
expect_rc 0 "FTS5 syntax is only text" "$bin" search '"*" OR NEAR(a b) -x ^'
has "$tmp/out" "該当なし" "FTS5 operators matched as text"

n=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'person.search'")
[ "$n" -ge 10 ] && ok "searches audited ($n)" || bad "audit rows: $n"
n=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'person.search' AND detail LIKE '%高橋%'")
[ "$n" = 0 ] && ok "audit rows do not hold the names" || bad "names in the audit: $n"

# batch mode (scripts/bench-search): one line per query, one audit row in all
before=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'person.search'")
printf '高\n高橋\nたかはし\n\n' | "$bin" search --batch >"$tmp/out" 2>"$tmp/err" || bad "batch failed"
[ "$(wc -l <"$tmp/out")" = 4 ] && ok "batch: a line per query" || { bad "batch output"; cat "$tmp/out"; }
awk -F'\t' '$3 != "" && $1 >= 0 { n++ } END { exit n != 4 }' "$tmp/out" && ok "batch: timings" || bad "batch fields"
after=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'person.search'")
[ $((after - before)) = 1 ] && ok "batch: one audit row" || bad "batch audit rows: $((after - before))"
# --sql gives the same lookup for the sqlite3 shell
"$bin" search --sql ｻｲﾄｳ >"$tmp/q.sql" || bad "--sql failed"
sqlite3 "$db" <"$tmp/q.sql" >"$tmp/out" 2>"$tmp/err" || { bad "shell ran --sql"; cat "$tmp/err"; }
[ "$(wc -l <"$tmp/out")" = 2 ] && ok "--sql: same two rows in the shell" || { bad "--sql rows"; cat "$tmp/out"; }

expect_rc 0 "check with the FTS5 index" "$bin" check --full
has "$tmp/out" "全文検索索引 (1 表): 正常" "FTS5 integrity"
exit $fail
