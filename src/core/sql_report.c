/* sql_report.c: the statements of the reports (report_daily.c,
 * report_today.c, report_annual.c). Read-only; values always bound. No
 * statement selects an address. */
#include "sql_report.h"

#define LABEL(list, expr) "(SELECT label FROM code WHERE list = '" list "' AND code = " expr ")"
#define NAME(p) "coalesce(" p ".family_name || coalesce(' ' || " p ".given_name, ''), '')"
#define ABUSE_LABELS(intake)                                                           \
	"coalesce((SELECT group_concat(label, '・') FROM (SELECT k.label FROM intake_abuse a" \
	" JOIN code k ON k.list = 'abuse_type' AND k.code = a.abuse_type"                   \
	" WHERE a.intake_id = " intake " ORDER BY k.sort, k.code)), '')"
#define ON_DAY(col) col " >= ?1 AND " col " < date(?1, '+1 day')"
#define END_OF_DAY "date(?1, '+1 day')"

static const struct sql_def defs[RSQL__COUNT] = {
	[RSQL_STAFF_NAME] = {"職員の読み取り", "SELECT name FROM staff WHERE id = ?1"},

	/* id, case, received_at, channel, type, abuse, urgent, grade (assessment,
	 * else 受理会議), name, birth,
	 * receiver, accepted, case_no, is_report */
	[RSQL_DAILY_INTAKES] = {"本日の受付の集計",
		"SELECT i.id, coalesce(i.case_id, 0), i.received_at,"
		" coalesce(" LABEL("channel", "i.channel") ", ''),"
		" coalesce(" LABEL("consult_type", "i.consult_type") ", ''), " ABUSE_LABELS("i.id") ","
		" i.urgent, coalesce((SELECT decided FROM assessment WHERE intake_id = i.id"
		" AND coalesce(decided, '') <> '' ORDER BY on_date DESC, id DESC LIMIT 1),"
		" (SELECT urgency FROM meeting_decision WHERE intake_id = i.id"
		" AND coalesce(urgency, '') <> '' ORDER BY id DESC LIMIT 1), ''),"
		" " NAME("p") ", coalesce(p.birth_date, ''), coalesce(s.name, ''),"
		" coalesce(i.accepted, -1), coalesce(c.case_no, ''), i.is_report"
		" FROM intake i LEFT JOIN person p ON p.id = i.person_id"
		" LEFT JOIN staff s ON s.id = i.staff_id LEFT JOIN cases c ON c.id = i.case_id"
		" WHERE " ON_DAY("i.received_at") " AND (?2 IS NULL OR i.staff_id = ?2)"
		" ORDER BY i.received_at, i.id"},
	/* id, case, intake, case_no, name, birth, accepted, type, urgency, lead,
	 * send_to_cgc, registration, decision */
	[RSQL_DAILY_DECISIONS] = {"受理会議の決定の集計",
		"SELECT d.id, coalesce(d.case_id, i.case_id, 0), coalesce(d.intake_id, 0),"
		" coalesce(c.case_no, ''), " NAME("p") ", coalesce(p.birth_date, ''),"
		" coalesce(d.accepted, -1), coalesce(" LABEL("consult_type", "d.consult_type") ", ''),"
		" coalesce(d.urgency, ''), coalesce(ls.name, ''), d.send_to_cgc,"
		" coalesce(" LABEL("registration", "d.registration") ", ''), d.decision"
		" FROM meeting_decision d JOIN meeting m ON m.id = d.meeting_id AND m.kind = 'JURI'"
		" LEFT JOIN intake i ON i.id = d.intake_id"
		" LEFT JOIN cases c ON c.id = coalesce(d.case_id, i.case_id)"
		" LEFT JOIN person p ON p.id = coalesce(i.person_id, c.subject_id)"
		" LEFT JOIN staff ls ON ls.id = d.lead_id"
		" WHERE substr(m.held_on, 1, 10) = ?1 AND (?2 IS NULL OR d.lead_id = ?2"
		" OR (d.lead_id IS NULL AND i.staff_id = ?2)) ORDER BY m.id, d.id"},
	/* id, intake, case, at, case_no, name, birth, method, seen, staff */
	[RSQL_DAILY_SAFETY_DONE] = {"本日の安全確認の集計",
		"SELECT s.id, coalesce(s.intake_id, 0), coalesce(s.case_id, i.case_id, 0), s.at,"
		" coalesce(c.case_no, ''), " NAME("p") ", coalesce(p.birth_date, ''),"
		" coalesce(s.method, ''), s.seen, coalesce(st.name, '')"
		" FROM safety_check s LEFT JOIN intake i ON i.id = s.intake_id"
		" LEFT JOIN cases c ON c.id = coalesce(s.case_id, i.case_id)"
		" LEFT JOIN person p ON p.id = coalesce(i.person_id, c.subject_id)"
		" LEFT JOIN staff st ON st.id = s.staff_id"
		" WHERE " ON_DAY("s.at") " AND (?2 IS NULL OR s.staff_id = ?2) ORDER BY s.at, s.id"},
	/* intake, case, case_no, name, birth, abuse, due, overdue, worker */
	[RSQL_DAILY_SAFETY_PENDING] = {"未了の安全確認の集計",
		"SELECT i.id, coalesce(i.case_id, 0), coalesce(c.case_no, ''), " NAME("p") ","
		" coalesce(p.birth_date, ''), " ABUSE_LABELS("i.id") ", i.safety_due,"
		" i.safety_due < " END_OF_DAY ", coalesce(ls.name, rs.name, '')"
		" FROM intake i LEFT JOIN person p ON p.id = i.person_id"
		" LEFT JOIN cases c ON c.id = i.case_id LEFT JOIN staff ls ON ls.id = c.lead_id"
		" LEFT JOIN staff rs ON rs.id = i.staff_id"
		" WHERE i.safety_due IS NOT NULL AND i.received_at < " END_OF_DAY
		" AND (i.safety_done_at IS NULL OR i.safety_done_at >= " END_OF_DAY ")"
		" AND (?2 IS NULL OR coalesce(c.lead_id, i.staff_id) = ?2)"
		" ORDER BY i.safety_due, i.id"},
	/* staff id, staff name, kind, count */
	[RSQL_DAILY_NOTES] = {"本日の経過記録の集計",
		"SELECT n.staff_id, coalesce(s.name, ''), n.kind, count(*) FROM note n"
		" LEFT JOIN staff s ON s.id = n.staff_id"
		" WHERE " ON_DAY("n.at") " AND (?2 IS NULL OR n.staff_id = ?2)"
		" GROUP BY n.staff_id, n.kind ORDER BY n.staff_id, n.kind"},
	/* plan, case, case_no, name, birth, plan_no, what, lead, next review */
	[RSQL_DAILY_PLANS] = {"本日の支援計画の変更の集計",
		"SELECT p.id, c.id, c.case_no, " NAME("ps") ", coalesce(ps.birth_date, ''), p.plan_no,"
		" CASE WHEN substr(p.created_at, 1, 10) = ?1 THEN '新規'"
		" WHEN substr(coalesce(p.approved_at, ''), 1, 10) = ?1 THEN '承認' ELSE '変更' END,"
		" coalesce(ls.name, ''), coalesce(p.next_review, '')"
		" FROM plan p JOIN cases c ON c.id = p.case_id JOIN person ps ON ps.id = c.subject_id"
		" LEFT JOIN staff ls ON ls.id = c.lead_id"
		" WHERE (substr(p.created_at, 1, 10) = ?1 OR substr(p.updated_at, 1, 10) = ?1"
		" OR substr(coalesce(p.approved_at, ''), 1, 10) = ?1 OR EXISTS (SELECT 1 FROM plan_item t"
		" WHERE t.plan_id = p.id AND substr(t.updated_at, 1, 10) = ?1))"
		" AND (?2 IS NULL OR c.lead_id = ?2) ORDER BY c.fiscal_year, c.seq, p.plan_no"},
	/* case, case_no, name, birth, registration, next review, tomorrow, lead,
	 * days since the last note up to the day (-1 none) */
	[RSQL_DAILY_REVIEWS] = {"見直し予定の集計",
		"SELECT c.id, c.case_no, " NAME("p") ", coalesce(p.birth_date, ''),"
		" coalesce(" LABEL("registration", "c.registration") ", ''), c.next_review,"
		" c.next_review > ?1, coalesce(s.name, ''),"
		" coalesce(CAST(julianday(?1) - julianday(substr((SELECT max(at) FROM note"
		" WHERE case_id = c.id AND at < " END_OF_DAY "), 1, 10)) AS INTEGER), -1)"
		" FROM cases c JOIN person p ON p.id = c.subject_id"
		" LEFT JOIN staff s ON s.id = c.lead_id"
		" WHERE c.opened_on <= ?1 AND (c.closed_on IS NULL OR c.closed_on > ?1)"
		" AND c.next_review IS NOT NULL AND c.next_review <= " END_OF_DAY
		" AND (?2 IS NULL OR c.lead_id = ?2) ORDER BY c.next_review, c.fiscal_year, c.seq"},
	/* household, end, days left, case, case_no, name, lead; ?3 warn days */
	[RSQL_DAILY_SECRECY] = {"支援措置の期限の集計",
		"SELECT h.id, h.secrecy_end, CAST(julianday(h.secrecy_end) - julianday(?1) AS INTEGER),"
		" coalesce(c.id, 0), coalesce(c.case_no, ''), CASE WHEN c.id IS NULL THEN ''"
		" ELSE " NAME("p") " END, coalesce(s.name, '')"
		" FROM household h LEFT JOIN cases c ON c.household_id = h.id AND c.closed_on IS NULL"
		" LEFT JOIN person p ON p.id = c.subject_id LEFT JOIN staff s ON s.id = c.lead_id"
		" WHERE h.secrecy = 1 AND h.secrecy_end >= ?1"
		" AND h.secrecy_end <= date(?1, printf('+%d days', ?3))"
		" AND (?2 IS NULL OR c.lead_id = ?2)"
		" ORDER BY h.secrecy_end, h.id, c.fiscal_year, c.seq"},
	/* note, case, at, case_no, name, writer, content */
	[RSQL_DAILY_HANDOVER] = {"申し送りの読み取り",
		"SELECT n.id, n.case_id, n.at, c.case_no, " NAME("p") ", coalesce(s.name, ''), n.content"
		" FROM note n JOIN cases c ON c.id = n.case_id JOIN person p ON p.id = c.subject_id"
		" LEFT JOIN staff s ON s.id = n.staff_id"
		" WHERE n.kind = 'HANDOVER' AND " ON_DAY("n.at") " AND (?2 IS NULL OR n.staff_id = ?2)"
		" ORDER BY n.at, n.id"},

	/* intake, case, case_no, name, birth, abuse, due, seconds left */
	[RSQL_TODAY_SAFETY] = {"担当の安全確認の読み取り",
		"SELECT i.id, coalesce(i.case_id, 0), coalesce(c.case_no, ''), " NAME("p") ","
		" coalesce(p.birth_date, ''), " ABUSE_LABELS("i.id") ", i.safety_due,"
		" CAST(strftime('%s', i.safety_due) AS INTEGER) - CAST(strftime('%s', ?1) AS INTEGER)"
		" FROM intake i LEFT JOIN cases c ON c.id = i.case_id"
		" LEFT JOIN person p ON p.id = i.person_id"
		" WHERE i.safety_due IS NOT NULL AND i.safety_done_at IS NULL"
		" AND coalesce(c.lead_id, i.staff_id) = ?2 ORDER BY i.safety_due, i.id"},
	/* case, case_no, name, birth, registration, next review, days until */
	[RSQL_TODAY_REVIEWS] = {"担当ケースの見直し予定の読み取り",
		"SELECT c.id, c.case_no, " NAME("p") ", coalesce(p.birth_date, ''),"
		" coalesce(" LABEL("registration", "c.registration") ", ''), c.next_review,"
		" CAST(julianday(c.next_review) - julianday(date(?1)) AS INTEGER)"
		" FROM cases c JOIN person p ON p.id = c.subject_id"
		" WHERE c.closed_on IS NULL AND c.lead_id = ?2 AND c.next_review IS NOT NULL"
		" AND c.next_review <= date(?1, '+7 days')"
		" ORDER BY c.next_review, c.fiscal_year, c.seq"},
	/* household, end, days left, case, case_no, name; ?3 warn days */
	[RSQL_TODAY_SECRECY] = {"担当ケースの支援措置の期限の読み取り",
		"SELECT h.id, h.secrecy_end,"
		" CAST(julianday(h.secrecy_end) - julianday(date(?1)) AS INTEGER), c.id, c.case_no,"
		" " NAME("p") " FROM cases c JOIN household h ON h.id = c.household_id"
		" JOIN person p ON p.id = c.subject_id"
		" WHERE c.closed_on IS NULL AND c.lead_id = ?2 AND h.secrecy = 1"
		" AND h.secrecy_end >= date(?1) AND h.secrecy_end <= date(?1, printf('+%d days', ?3))"
		" ORDER BY h.secrecy_end, c.fiscal_year, c.seq"},
	/* case, case_no, name, birth, last note date or "", days; ?3 stale days */
	[RSQL_TODAY_STALE] = {"記録の途絶えた担当ケースの読み取り",
		"SELECT id, case_no, name, birth, last, days FROM (SELECT c.id, c.case_no,"
		" " NAME("p") " AS name, coalesce(p.birth_date, '') AS birth,"
		" coalesce(substr((SELECT max(at) FROM note WHERE case_id = c.id), 1, 10), '') AS last,"
		" CAST(julianday(date(?1)) - julianday(coalesce(substr((SELECT max(at) FROM note"
		" WHERE case_id = c.id), 1, 10), c.opened_on)) AS INTEGER) AS days,"
		" c.fiscal_year AS fy, c.seq AS seq FROM cases c JOIN person p ON p.id = c.subject_id"
		" WHERE c.closed_on IS NULL AND c.lead_id = ?2) WHERE days >= ?3"
		" ORDER BY days DESC, fy, seq"},

	/* intake, person (0 none), type, birth, received date, main abuser,
	 * route1, route2, accepted (-1 undecided), abuse types "PH,PS" */
	[RSQL_ANNUAL_INTAKES] = {"年度の受付の集計",
		"SELECT i.id, coalesce(i.person_id, 0), coalesce(i.consult_type, ''),"
		" coalesce(p.birth_date, ''), substr(i.received_at, 1, 10),"
		" coalesce(i.main_abuser, ''), coalesce(i.route1, ''), coalesce(i.route2, ''),"
		" coalesce(i.accepted, -1), coalesce((SELECT group_concat(abuse_type, ',')"
		" FROM intake_abuse a WHERE a.intake_id = i.id), '')"
		" FROM intake i LEFT JOIN person p ON p.id = i.person_id"
		" WHERE i.received_at >= ?1 AND i.received_at < ?2 ORDER BY i.received_at, i.id"},
};

const struct sql_table sql_report_table = {SQLT_REPORT, defs, RSQL__COUNT};
