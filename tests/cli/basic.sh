#!/usr/bin/env bash
# The binary's global options, help, usage errors and the database subcommands
# (init, check, backup, staff, date) as a script or cron job would use them.
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

export TSUNAGU_DB="$tmp/env.db"
unset XDG_DATA_HOME

expect_rc 0 "--version" "$bin" --version
has "$tmp/out" "tsunagu 0." "version printed"
expect_rc 0 "--help" "$bin" --help
for sub in init check backup staff date keys; do has "$tmp/out" "  $sub " "help lists $sub"; done
has "$tmp/out" "使い方" "help is Japanese"
expect_rc 2 "unknown subcommand" "$bin" frobnicate
has "$tmp/err" "不明なサブコマンド" "unknown subcommand message"
expect_rc 2 "unknown option" "$bin" --frob
expect_rc 2 "--db without a path" "$bin" --db
expect_rc 2 "bad --ambiguous" "$bin" --ambiguous=huge

# dates as an office types them
expect_rc 0 "date forms" "$bin" date 2024-04-01 2024/4/1 20240401 R6.4.1 R06.04.01 令和6年4月1日 ２０２４／４／１
n=$(grep -c '^2024-04-01	令和6年4月1日(月)	R6.4.1	令和6年度$' "$tmp/out")
[ "$n" = 7 ] && ok "all forms read as 2024-04-01" || { bad "date forms: $n of 7"; cat "$tmp/out"; }
expect_rc 0 "gannen" "$bin" date 令和元年5月1日
has "$tmp/out" "2019-05-01	令和元年5月1日(水)	R1.5.1	令和元年度" "令和元年 read and printed"
expect_rc 1 "impossible date" "$bin" date 令和1年4月30日
[ -s "$tmp/err" ] && ok "impossible date has a message" || bad "no message for 令和1年4月30日"
expect_rc 1 "February 30" "$bin" date 2023-02-30

# init on a fresh path, in a directory that does not exist yet
db="$tmp/sub/dir/t.db"
expect_rc 0 "init" "$bin" --db "$db" init --name "佐藤 花子" --role coordinator
[ -f "$db" ] && ok "database created" || bad "no database at $db"
has "$tmp/out" "最初の職員" "first staff registered"
expect_rc 0 "init again" "$bin" --db "$db" init
has "$tmp/out" "登録済み" "second init keeps the staff"
expect_rc 0 "check" "$bin" --db "$db" check
expect_rc 0 "check --full" "$bin" --db "$db" check --full
expect_rc 0 "staff add" "$bin" --db "$db" staff add tanaka "田中 一郎" support
expect_rc 1 "staff add duplicate" "$bin" --db "$db" staff add tanaka "田中 一郎" support
[ -s "$tmp/err" ] && ok "duplicate staff has a message" || bad "duplicate staff: no message"
expect_rc 0 "staff list" "$bin" --db "$db" staff list
has "$tmp/out" "田中 一郎" "staff list shows the new member"
has "$tmp/out" "子ども家庭支援員" "staff list shows roles in Japanese"
expect_rc 2 "staff add bad role" "$bin" --db "$db" staff add suzuki "鈴木" wizard
expect_rc 0 "backup" "$bin" --db "$db" backup "$tmp/copy.db"
expect_rc 0 "check the copy" "$bin" --db "$tmp/copy.db" check
expect_rc 1 "backup over an existing file" "$bin" --db "$db" backup "$tmp/copy.db"
# TSUNAGU_DB is used when --db is absent
expect_rc 0 "init via TSUNAGU_DB" "$bin" init
[ -f "$tmp/env.db" ] && ok "TSUNAGU_DB honoured" || bad "TSUNAGU_DB ignored"
# XDG default
expect_rc 0 "init via XDG_DATA_HOME" env -u TSUNAGU_DB XDG_DATA_HOME="$tmp/xdg" "$bin" init
[ -f "$tmp/xdg/tsunagu/tsunagu.db" ] && ok "XDG default path" || bad "XDG default path not used"
# a missing database is not created by check
expect_rc 1 "check of a missing file" "$bin" --db "$tmp/none.db" check
[ ! -e "$tmp/none.db" ] && ok "check did not create a file" || bad "check created $tmp/none.db"
# a database from a newer version is refused and left alone
if command -v sqlite3 >/dev/null; then
	cp "$db" "$tmp/newer.db"
	sqlite3 "$tmp/newer.db" "PRAGMA user_version = 9999;"
	before=$(sha256sum "$tmp/newer.db")
	expect_rc 1 "newer database refused" "$bin" --db "$tmp/newer.db" init
	has "$tmp/err" "新しい" "newer database message"
	[ "$before" = "$(sha256sum "$tmp/newer.db")" ] && ok "newer database untouched" || bad "newer database was altered"
fi
# garbage file
echo "this is not a database" >"$tmp/junk.db"
expect_rc 1 "not a database" "$bin" --db "$tmp/junk.db" check
[ -s "$tmp/err" ] && ok "junk file has a message" || bad "junk file: no message"

[ $fail = 0 ] && echo "cli basic: all ok"
exit $fail
