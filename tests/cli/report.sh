#!/usr/bin/env bash
# tsunagu report daily | annual and tsunagu today on a seeded synthetic data
# set (tsunagu gen --seed --date, when the binary has it): usage errors,
# the shape of the output (title, date, sections, the CSV header
# 表,行,列,件数) and totals that must agree with each other. Exact numbers are
# the unit test's business (tests/unit/test_report.c with golden files).
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
	grep -qF -- "$2" "$1" && ok "$3" || { bad "$3: no '$2' in"; head -20 "$1"; }
}

db="$tmp/r.db"
t() { "$bin" --db "$db" "$@"; }
expect_rc 0 "init" t init --name "佐藤 花子" --role coordinator
if "$bin" --help | grep -q '^  gen '; then
	expect_rc 0 "gen (seeded, fixed date)" t gen --persons 3000 --seed 11 --date 2026-11-24
	seeded=1
else
	echo "note: no gen subcommand; structure checks on an empty database"
	seeded=0
fi

# usage errors: exit 2, Japanese message
expect_rc 2 "report without a kind" t report
has "$tmp/err" "report daily" "usage names the kinds"
expect_rc 2 "annual without --fy" t report annual
has "$tmp/err" "--fy" "usage asks for --fy"
expect_rc 2 "annual bad year" t report annual --fy 来年
has "$tmp/err" "年度" "bad year message"
expect_rc 2 "annual bad format" t report annual --fy 2026 --format pdf
expect_rc 2 "daily bad date" t report daily --date 2026-02-30
expect_rc 2 "daily option without value" t report daily --date
expect_rc 2 "today with an argument" t today now
expect_rc 1 "daily for an unknown staff login" t report daily --staff nobody
[ -s "$tmp/err" ] && ok "unknown staff has a message" || bad "unknown staff: no message"

# the daily report, in any date form
expect_rc 0 "daily ISO" t report daily --date 2026-11-24
cp "$tmp/out" "$tmp/daily_iso"
[ "$(sed -n 1p "$tmp/daily_iso")" = "業務日誌" ] && ok "daily title" || bad "daily title"
[ "$(sed -n 2p "$tmp/daily_iso")" = "令和8年11月24日(火)" ] && ok "daily date line" || bad "daily date line"
for s in 本日の件数 受付 受理会議の決定 "安全確認 (本日実施)" "経過記録 (職員別)" 申し送り; do
	has "$tmp/daily_iso" "【$s】" "daily section $s"
done
expect_rc 0 "daily 和暦" t report daily --date 令和8年11月24日
cmp -s "$tmp/out" "$tmp/daily_iso" && ok "和暦 date gives the same report" || bad "和暦 date differs"
expect_rc 0 "daily for one worker" t report daily --date R8.11.24 --staff "$(id -un 2>/dev/null || echo "$USER")"
has "$tmp/out" "の担当分" "staff filter named in the header"
expect_rc 0 "daily csv" t report daily --date 2026-11-24 --format csv
[ "$(head -1 "$tmp/out" | sed 's/^\xef\xbb\xbf//')" = $'表,行,列,件数\r' ] && ok "daily csv header" || bad "daily csv header"

# the annual report: 2026, R8 and 令和8年度 are the same year
expect_rc 0 "annual 2026" t report annual --fy 2026
cp "$tmp/out" "$tmp/annual"
[ "$(sed -n 1p "$tmp/annual")" = "年度統計" ] && ok "annual title" || bad "annual title"
has "$tmp/annual" "令和8年度 (2026-04-01〜2027-03-31" "annual period"
for s in 相談種別別の相談件数 児童虐待相談の虐待種別×年齢 "養護相談の推移 (市の対応分・実件数)"; do
	has "$tmp/annual" "【$s】" "annual section $s"
done
for y in R8 令和8年度; do
	expect_rc 0 "annual $y" t report annual --fy "$y"
	cmp -s "$tmp/out" "$tmp/annual" && ok "--fy $y = 2026" || bad "--fy $y differs from 2026"
done
expect_rc 0 "annual csv" t report annual --fy 2026 --format csv
csv="$tmp/annual.csv"
sed '1s/^\xef\xbb\xbf//; s/\r$//' "$tmp/out" >"$csv"
[ "$(head -1 "$csv")" = "表,行,列,件数" ] && ok "annual csv header" || bad "annual csv header: $(head -1 "$csv")"
head -c3 "$tmp/out" | od -An -tx1 | grep -q "ef bb bf" && ok "csv starts with a BOM" || bad "no BOM"
n=$(awk -F, 'NR > 1 && (NF != 4 || $4 !~ /^[0-9]+$/)' "$csv" | wc -l)
[ "$n" = 0 ] && ok "every csv row is 表,行,列,count" || bad "$n malformed csv rows"

# totals that must agree
val() { awk -F, -v t="$1" -v r="$2" -v c="$3" '$1 == t && $2 == r && $3 == c { print $4 }' "$csv"; }
intakes=$(sed -n 3p "$tmp/annual" | sed 's/^受付 \([0-9]*\) 件.*/\1/')
total=$(val 相談種別別の相談件数 総数 延件数)
[ "$total" = "$intakes" ] && ok "総数 延件数 = intakes in the header ($total)" || bad "総数 $total vs header $intakes"
groups=0
for g in 養護相談 保健相談 障害相談 非行相談 育成相談 その他の相談 種別未入力; do
	groups=$((groups + $(val 相談種別別の相談件数 "$g" 延件数)))
done
[ "$groups" = "$total" ] && ok "groups add up to 総数 ($groups)" || bad "groups $groups vs 総数 $total"
kids=$(val 相談種別別の相談件数 総数 実件数)
[ "$kids" -le "$total" ] && ok "実件数 <= 延件数" || bad "実件数 $kids > 延件数 $total"
a1=$(val 児童虐待相談の虐待種別×年齢 総数 計)
a2=$(val 児童虐待相談の主たる虐待者別 総数 総数)
a3=$(val 児童虐待相談の相談経路別 総数 総数)
[ "$a1" = "$a2" ] && [ "$a2" = "$a3" ] && ok "abuse totals agree ($a1)" || bad "abuse totals $a1 $a2 $a3"
izumo="養護相談の推移 (市の対応分・実件数)"
awk -F, -v t="$izumo" '
	$1 == t { v[$2, $3] = $4; rows[$2] = 1; if (!($3 in seen)) { seen[$3] = 1; cols[++nc] = $3 } }
	END {
		split("身体的虐待,性的虐待,心理的虐待,保護の怠慢・拒否(ネグレクト)", ty, ",")
		for (k in ty) isty[ty[k]] = 1
		bad = 0
		for (r in rows) {
			types = 0; local = 0
			for (i = 1; i <= nc; i++) {
				c = cols[i]
				if (c in isty) types += v[r, c]
				else if (c != "養護相談" && c != "児童虐待小計" && c != "その他の相談") local += v[r, c]
			}
			if (types != v[r, "児童虐待小計"] || v[r, "養護相談"] != v[r, "児童虐待小計"] + local) {
				print "row " r ": types " types " 小計 " v[r, "児童虐待小計"] " 養護 " v[r, "養護相談"]
				bad = 1
			}
		}
		exit bad
	}' "$csv" && ok "Izumo rows: 小計 = types, 養護相談 = 小計 + local columns" || bad "Izumo identities"
[ "$(awk -F, -v t="$izumo" '$1 == t && $3 == "養護相談"' "$csv" | wc -l)" = 3 ] &&
	ok "Izumo table has three 年度 rows" || bad "Izumo rows"
if [ "$seeded" = 1 ]; then
	[ "$total" -gt 0 ] && ok "the seeded year has intakes ($total)" || bad "seeded year is empty"
fi

# today: whatever is due, it exits 0; nothing due prints nothing
expect_rc 0 "today" t today
if [ -s "$tmp/out" ]; then has "$tmp/out" "の予定" "today title"; else ok "today: nothing due, nothing printed"; fi

exit $fail
