#!/usr/bin/env bash
# tsunagu cases (進行管理台帳), note add / note copy and meeting minutes as a
# script would use them: usage errors first, then a small ledger imported
# through `tsunagu import ledger` (readings in hiragana, katakana and
# half-width katakana), review dates set as a fixture, notes added by
# template, filters and sorting against an injected --today, the
# disclosure copy withholding a 第三者 note, and the minutes of a meeting.
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
# the case numbers of a `cases` listing, in order, on one line
order() { awk '/^R[0-9]+-[0-9]+ /{printf "%s%s", sep, $1; sep=" "} END{print ""}' "$tmp/out"; }
expect_order() { # WANT DESC
	local got
	got=$(order)
	[ "$got" = "$1" ] && ok "$2" || { bad "$2: got '$got', want '$1'"; cat "$tmp/out"; }
}

export TSUNAGU_DB="$tmp/t.db"
unset XDG_DATA_HOME
T="--today 2026-07-15"

expect_rc 0 "help lists cases" "$bin" --help
for sub in cases note meeting; do has "$tmp/out" "  $sub " "help lists $sub"; done
expect_rc 2 "cases bad sort" "$bin" cases --sort age
expect_rc 2 "cases bad stale" "$bin" cases --stale 0
expect_rc 2 "cases unknown option" "$bin" cases --frob
expect_rc 2 "cases bad today" "$bin" cases --today 2026-02-30
expect_rc 2 "note without verb" "$bin" note
expect_rc 2 "note add without kind" "$bin" note add R8-0001 内容
expect_rc 2 "note add without text" "$bin" note add R8-0001 --kind 電話
expect_rc 2 "meeting minutes without id" "$bin" meeting minutes
expect_rc 2 "meeting minutes bad id" "$bin" meeting minutes abc

expect_rc 0 "init" "$bin" init --name "佐藤 花子" --role coordinator
expect_rc 0 "staff add" "$bin" staff add tanaka "田中 一郎" support
cat >"$tmp/ledger.csv" <<'EOF'
受付日,児童氏名,児童ふりがな,生年月日,登録区分,主担当,状態
2026/4/1,髙橋 陽翔,たかはし はると,2019/4/2,要保護児童,佐藤 花子,支援中
2026/4/1,佐藤 花,サトウ ハナ,2018/5/5,要支援児童,佐藤 花子,支援中
2026/6/1,伊藤 湊,ｲﾄｳ ﾐﾅﾄ,2020/1/1,未登録,田中 一郎,調査
2026/4/1,渡邉 結衣,わたなべ ゆい,2017/8/8,要保護児童,tanaka,支援中
EOF
expect_rc 0 "import the ledger" "$bin" import ledger "$tmp/ledger.csv"
# fixture: review dates as a 実務者会議 would have left them
sqlite3 "$TSUNAGU_DB" "UPDATE cases SET next_review = CASE case_no
	WHEN 'R8-0001' THEN '2026-07-01' WHEN 'R8-0002' THEN '2026-09-01'
	WHEN 'R8-0003' THEN '2026-07-20' ELSE '2026-06-30' END" || bad "fixture update"

expect_rc 1 "note on an unknown case" "$bin" note add R8-0999 --kind 電話 内容
has "$tmp/err" "R8-0999" "unknown case named"
expect_rc 1 "unknown note kind" "$bin" note add R8-0001 --kind 手紙 内容
has "$tmp/err" "手紙" "unknown kind named"
expect_rc 1 "unknown template" "$bin" note add R8-0001 --kind 家庭訪問 --template nope
has "$tmp/err" "nope" "unknown template named"
expect_rc 1 "seen on a phone call" "$bin" note add R8-0001 --kind 電話 --seen 内容
expect_rc 0 "note by template" "$bin" note add R8-0001 --kind 家庭訪問 --template h-ok \
	--source 職員所見 --at "2026-07-10 14:05"
has "$tmp/out" "R8-0001 に経過記録を追加しました" "note added"
expect_rc 0 "note with text" "$bin" note add R8-0002 --kind 電話 --source 家族 \
	--at "2026-04-10 09:00" 母と通話。 近況を聴取。
expect_rc 0 "third-party note" "$bin" note add R8-0002 --kind 電話 --source 第三者 \
	--at "2026-04-11 09:00" 近隣から「夜に泣き声」
expect_rc 0 "restricted note" "$bin" note add R8-0002 --kind 関係機関連絡 --source 関係機関 \
	--restricted --at "2026-04-12 09:00" 児相の見立て

expect_rc 0 "cases" "$bin" cases $T
has "$tmp/out" "進行管理台帳  令和8年7月15日(水)現在" "ledger title with the date"
# the whole listing, columns padded by display width (golden)
cat >"$tmp/want" <<'EOF'
進行管理台帳  令和8年7月15日(水)現在
番号     氏名       よみ             登録        状態    主担当     最終接触  次回見直し   経過  注意
R8-0003  伊藤 湊    ｲﾄｳ ﾐﾅﾄ          未登録      調査    田中 一郎  -         R8.7.20      44日
R8-0002  佐藤 花    サトウ ハナ      要支援児童  支援中  佐藤 花子  R8.4.11   R8.9.1       94日  記録途絶
R8-0001  髙橋 陽翔  たかはし はると  要保護児童  支援中  佐藤 花子  R8.7.10   R8.7.1        5日  見直し超過
R8-0004  渡邉 結衣  わたなべ ゆい    要保護児童  支援中  田中 一郎  -         R8.6.30     105日  見直し超過・記録途絶
4件 (見直し超過 2件、記録途絶 2件)
EOF
diff -u "$tmp/want" "$tmp/out" && ok "ledger text as expected" || bad "ledger text differs"
expect_order "R8-0003 R8-0002 R8-0001 R8-0004" "sorted by reading: いとう さとう たかはし わたなべ"
expect_rc 0 "cases by review" "$bin" cases $T --sort review
expect_order "R8-0004 R8-0001 R8-0003 R8-0002" "sorted by next review"
expect_rc 0 "cases by last record" "$bin" cases $T --sort last
expect_order "R8-0004 R8-0002 R8-0003 R8-0001" "sorted by last record, oldest first"
expect_rc 0 "cases overdue" "$bin" cases $T --overdue --sort no
expect_order "R8-0001 R8-0004" "overdue filter"
expect_rc 0 "cases stale (setting)" "$bin" cases $T --stale --sort no
expect_order "R8-0002 R8-0004" "stale by the 60-day setting"
expect_rc 0 "cases stale 40" "$bin" cases $T --stale 40 --sort no
expect_order "R8-0002 R8-0003 R8-0004" "stale 40 days"
expect_rc 0 "cases mine" "$bin" cases $T --mine --sort no
expect_order "R8-0001 R8-0002" "mine (the lead is the actor)"
expect_rc 0 "cases registration label" "$bin" cases $T --registration 要保護児童 --sort no
expect_order "R8-0001 R8-0004" "registration by label"
expect_rc 0 "cases registration code" "$bin" cases $T --registration N
expect_order "R8-0003" "registration by code"
expect_rc 1 "cases unknown registration" "$bin" cases $T --registration 要保護
has "$tmp/err" "要保護" "unknown registration named"
expect_rc 0 "cases search half-width" "$bin" cases $T --search ﾀｶﾊｼ
expect_order "R8-0001" "search folds half-width kana"
expect_rc 0 "cases search variant" "$bin" cases $T --search 渡辺
expect_order "R8-0004" "search folds variant kanji (邉/辺)"
expect_rc 0 "cases tag" "$bin" cases $T --tag DV
expect_order "" "no case tagged DV"
has "$tmp/out" "0件" "empty list says 0件"

expect_rc 0 "disclosure copy" "$bin" note copy R8-0002
has "$tmp/out" "母と通話。 近況を聴取。" "family statement shown"
hasnt "$tmp/out" "泣き声" "third-party statement withheld"
hasnt "$tmp/out" "児相の見立て" "restricted note withheld"
has "$tmp/out" "第三者からの情報等 1件、非公開の記録 1件" "withheld counted"

# a 実務者会議 as the meeting screen would have stored it
sqlite3 "$TSUNAGU_DB" "INSERT INTO meeting (kind, held_on, title) VALUES ('JITSUMU', '2026-07-15', '7月 実務者会議');
	INSERT INTO meeting_attendee (meeting_id, staff_id) VALUES (1, 1);
	INSERT INTO meeting_attendee (meeting_id, name) VALUES (1, '民生委員 鈴木');
	INSERT INTO meeting_case (meeting_id, case_id, sort, recorded, status, key_person, policy, next_review)
	 SELECT 1, id, 1, 1, 'SUP', '母方祖母', '在宅支援を継続', '2026-10-15' FROM cases WHERE case_no = 'R8-0001';
	INSERT INTO meeting_case (meeting_id, case_id, sort) SELECT 1, id, 2 FROM cases WHERE case_no = 'R8-0004';" \
	|| bad "meeting fixture"
expect_rc 1 "minutes of an unknown meeting" "$bin" meeting minutes 99
expect_rc 0 "minutes" "$bin" meeting minutes 1
has "$tmp/out" "実務者会議" "minutes: kind"
has "$tmp/out" "令和8年7月15日(水)" "minutes: date"
has "$tmp/out" "民生委員 鈴木" "minutes: attendee"
has "$tmp/out" "1. R8-0001  髙橋 陽翔  要保護児童" "minutes: case heading"
has "$tmp/out" "   キーパーソン  母方祖母" "minutes: key person aligned"
has "$tmp/out" "   状態          支援中" "minutes: status aligned"
has "$tmp/out" "(未記録)" "minutes: unrecorded case"

exit $fail
