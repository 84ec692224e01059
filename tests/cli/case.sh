#!/usr/bin/env bash
# tsunagu intake accept/decline, case assess, case tag and case show as a
# script would use them: a family and two intakes are seeded with sqlite3
# (there is no subcommand that registers persons or intakes yet), the
# 受理会議 and the assessment are recorded through the subcommands, and the
# printed case file is compared with tests/golden/case_show*.txt after the
# moments recorded "now" (status history) are normalised.
set -uo pipefail
bin=${TSUNAGU_BIN:?}
golden=${TSUNAGU_SOURCE_DIR:?}/tests/golden
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
# Run SQL with the search-key triggers lifted (they call SQL functions that
# only tsunagu registers) and put them back in the same transaction.
seed() { # DB SQL
	local q="type = 'trigger' AND name LIKE 'person_key_%'"
	{
		echo "BEGIN;"
		sqlite3 "$1" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_schema WHERE $q"
		echo "$2"
		sqlite3 "$1" "SELECT sql || ';' FROM sqlite_schema WHERE $q"
		echo "COMMIT;"
	} | sqlite3 "$1"
}
normalise() { # today's moments (recorded now) do not belong in a golden file
	sed -E "s/($(date +%Y-%m-%d)|$1) [0-9]{2}:[0-9]{2}/XXXX-XX-XX XX:XX/g"
}

command -v sqlite3 >/dev/null || { bad "sqlite3 (package sqlite3) is needed to seed the fixture"; exit 1; }
today=$(date +%Y-%m-%d)
db="$tmp/case.db"
export TSUNAGU_DB="$db"
"$bin" init --name "佐藤 花子" --role coordinator >/dev/null || { bad "init"; exit 1; }
"$bin" staff add tanaka "田中 一郎" support >/dev/null || { bad "staff add"; exit 1; }
tanaka=$(sqlite3 "$db" "SELECT id FROM staff WHERE login = 'tanaka'")
seed "$db" "
INSERT INTO household (id, address, phone, secrecy, secrecy_start, secrecy_end)
 VALUES (1, 'ひばり野市中央町二丁目5番12号', '0000-00-1234', 1, '2026-01-10', '2027-01-09');
INSERT INTO person (id, family_name, given_name, family_kana, given_kana, birth_date, sex)
 VALUES (1, '髙橋', '陽翔', 'たかはし', 'はると', '2019-04-02', 'M'),
 (2, '髙橋', '健一', 'たかはし', 'けんいち', '1981-05-05', 'M'),
 (3, '髙橋', '美咲', 'たかはし', 'みさき', '1988-02-01', 'F'),
 (4, '髙橋', '結衣', 'たかはし', 'ゆい', '2023-01-15', 'F'),
 (5, '𠮷田', 'ｶﾞｸｾｲ', NULL, NULL, '1990-07-07', 'M');
INSERT INTO household_member (household_id, person_id) VALUES (1, 1), (1, 2), (1, 3), (1, 4), (1, 5);
INSERT INTO relation (person_a, person_b, relation) VALUES (2, 1, 'FA'), (3, 1, 'MO'),
 (2, 4, 'FA'), (3, 4, 'MO'), (5, 1, 'COH');
INSERT INTO intake (id, received_at, staff_id, channel, route1, person_id, household_id,
 consult_type, complaint, is_report, safety_due)
 VALUES (1, '2026-04-01 09:30', $tanaka, 'TEL', 'SCH', 1, 1, 'YG1', '顔にあざ', 1, '2026-04-03 09:30'),
 (2, '2026-04-01 11:00', $tanaka, 'VIS', 'FAM', 4, 1, 'IS4', '夜泣きの相談', 0, NULL);
INSERT INTO intake_abuse (intake_id, abuse_type) VALUES (1, 'PH');
" || { bad "seed"; exit 1; }

# usage and bad input
expect_rc 2 "case without a subcommand" "$bin" case
expect_rc 2 "case show without a number" "$bin" case show
expect_rc 1 "unknown case number" "$bin" case show R8-9999
has "$tmp/err" "ケース R8-9999 が見つかりません" "unknown case number message"
expect_rc 2 "bad --kind" "$bin" case show R8-0001 --kind 日記
expect_rc 2 "intake accept without a number" "$bin" intake accept
expect_rc 2 "intake accept unknown option" "$bin" intake accept 1 --frob x
expect_rc 1 "accept without a lead" "$bin" intake accept 1 --at "2026-04-01 16:30"
has "$tmp/err" "主担当者" "lead required message"
expect_rc 1 "unknown lead login" "$bin" intake accept 1 --lead nobody --at "2026-04-01 16:30"
expect_rc 1 "unknown registration" "$bin" intake accept 1 --lead tanaka --registration 要注意
has "$tmp/err" "登録区分「要注意」" "registration message"
expect_rc 1 "decline without an outcome" "$bin" intake decline 2 --at "2026-04-01 17:00"
[ "$(sqlite3 "$db" "SELECT count(*) FROM meeting")" = 0 ] && ok "nothing written by failures" \
	|| bad "a failed decision left a meeting row"

# the 受理会議
expect_rc 0 "decline intake 2" "$bin" intake decline 2 --at "2026-04-01 17:00" --outcome 助言終了
expect_rc 0 "accept intake 1" "$bin" intake accept 1 --lead tanaka --at "2026-04-01 16:30" \
	--urgency A --registration 要保護児童 --team A班 --safety-method 家庭訪問 \
	--safety-due "2026-04-02 12:00" --investigate 青空小学校 --investigate 市保健センター \
	--send 援助依頼 --attend tanaka --guest "青空小学校 教頭" --policy "本日中に家庭訪問"
has "$tmp/out" "ケース R8-0001 (新規)" "case number of the 受理 date's 年度"
expect_rc 1 "intake 1 decided twice" "$bin" intake accept 1 --lead tanaka --at "2026-04-02 09:00"
has "$tmp/err" "すでに" "already decided message"

# the assessment: a grade other than the suggestion needs a reason
expect_rc 2 "assess with 7 answers" "$bin" case assess R8-0001 --answers no,no,yes,no,no,no,no
expect_rc 1 "assess differing grade without reason" "$bin" case assess R8-0001 \
	--answers no,no,yes,no,no,no,no,no --grade A
has "$tmp/err" "理由を入力してください" "reason required message"
expect_rc 0 "assess" "$bin" case assess R8-0001 --answers いいえ,no,はい,unknown,no,no,yes,no \
	--note 3=顔面打撲、腫脹 --note "4=保護者の説明と合わない" --severity 重度 --date 2026-04-02
has "$tmp/out" "判定 AA (判定案 AA: ③に該当" "suggested AA for question 3"
has "$tmp/out" "児童相談所" "severe goes to the 児童相談所"
expect_rc 0 "reassess with a reason" "$bin" case assess R8-0001 \
	--answers no,no,no,no,yes,no,no,no --grade C --reason "祖母宅で見守り体制あり" --date 2026-04-10

# tags, a note and a safety check
expect_rc 0 "tags" "$bin" case tag R8-0001 +DV +不登校 +YC
expect_rc 0 "untag" "$bin" case tag R8-0001 -ヤングケアラー
expect_rc 1 "tag twice" "$bin" case tag R8-0001 +DV
expect_rc 1 "unknown tag" "$bin" case tag R8-0001 +謎
expect_rc 2 "tag without sign" "$bin" case tag R8-0001 DV
sqlite3 "$db" "INSERT INTO note (case_id, kind, at, counterpart, content, source, staff_id)
 VALUES (1, 'HOME', '2026-04-03 10:00', '母', '本児と面接。外傷の経過を確認', 'STAFF', $tanaka);
 INSERT INTO safety_check (case_id, staff_id, at, method, seen, note)
 VALUES (1, $tanaka, '2026-04-01 18:40', '家庭訪問', 1, '本児目視 外傷あり');" || bad "note"

# the case file
expect_rc 0 "case show" "$bin" case show R8-0001 --as-of 2026-11-24
normalise "$today" <"$tmp/out" >"$tmp/show.txt"
diff -u "$golden/case_show.txt" "$tmp/show.txt" && ok "case show matches the golden file" \
	|| bad "case show differs from tests/golden/case_show.txt"
has "$tmp/out" "(支援措置中: 住所非表示)" "address masked"
grep -q "二丁目" "$tmp/out" && bad "the masked address was printed" || ok "address not printed"
expect_rc 0 "case show --kind" "$bin" case show R8-0001 --as-of 2026-11-24 --kind 記録,会議 --width 30
normalise "$today" <"$tmp/out" >"$tmp/kind.txt"
diff -u "$golden/case_show_kind.txt" "$tmp/kind.txt" && ok "filtered time line matches" \
	|| bad "case show --kind differs from tests/golden/case_show_kind.txt"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'case.read' AND detail = 'ケースファイル'")" = 2 ] \
	&& ok "each case show is one audited read" || bad "case.read audit rows"
exit $fail
