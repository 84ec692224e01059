/* sql_triage.c: the statements of the triage area: 受理会議 (meeting,
 * attendees, decision, its details, the investigation plan, the 送致 or
 * 援助依頼 transfer), 緊急度アセスメント, case tags, and the reads behind
 * the case file (one query per part, the time line as one UNION). */
#include "sql_triage.h"

#define NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"
#define LABEL(list, expr) \
	"(SELECT label FROM code WHERE list = '" list "' AND code = " expr ")"
/* A dated row's moment on the time line: its date, with the time it was
 * recorded when that was on the same day (so it sorts among timed rows). */
#define DAY_AT(day, stamp) \
	"CASE WHEN substr(" stamp ", 1, 10) = " day " THEN substr(" stamp ", 1, 16)" \
	" ELSE " day " END"
#define ASM_SELECT \
	"SELECT a.id, a.case_id, coalesce(a.intake_id, 0), a.on_date, a.staff_id," \
	" coalesce(s.name, ''), coalesce(a.suggested, ''), coalesce(a.decided, '')," \
	" a.reason, a.severity, " LABEL("severity", "a.severity") ", a.handler," \
	" " LABEL("handler", "a.handler") ", a.version, a.created_at" \
	" FROM assessment a LEFT JOIN staff s ON s.id = a.staff_id"
#define PARENTS "('FA', 'MO', 'SF', 'SM', 'AF', 'AM', 'FF', 'FM')"
#define SECONDS(x) "strftime('%Y-%m-%d %H:%M:%S', " x ")"

/* clang-format off */
static const struct sql_def defs[TRI_SQL__COUNT] = {
	[TRI_OPEN_CASE_OF] = {"対象児童の継続中のケースの検索",
		"SELECT id FROM cases WHERE subject_id = ?1 AND closed_on IS NULL"
		" ORDER BY opened_on DESC, id DESC LIMIT 1"},
	[TRI_MEETING_INSERT] = {"受理会議の記録",
		"INSERT INTO meeting (kind, held_on, title, minutes) VALUES ('JURI', ?1, ?2, ?3)"},
	[TRI_ATTENDEE_INSERT] = {"会議の出席者の記録",
		"INSERT INTO meeting_attendee (meeting_id, staff_id, agency_id, name)"
		" VALUES (?1, ?2, ?3, ?4)"},
	[TRI_DECISION_INSERT] = {"受理会議の決定の記録",
		"INSERT INTO meeting_decision (meeting_id, case_id, intake_id, accepted,"
		" consult_type, urgency, lead_id, safety_by, registration, send_to_cgc, policy,"
		" decision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " SECONDS("?8") ", ?9, ?10, ?11,"
		" ?12)"},
	[TRI_DETAIL_INSERT] = {"受理会議の決定の記録",
		"INSERT INTO juri_detail (decision_id, held_at, outcome, referred_agency, team,"
		" safety_method, cgc, transfer_id, staff_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
	[TRI_INVEST_INSERT] = {"調査計画の記録",
		"INSERT INTO investigation (case_id, decision_id, agency_id, what, due_on)"
		" VALUES (?1, ?2, ?3, ?4, ?5)"},
	[TRI_TRANSFER_INSERT] = {"送致・援助依頼の記録",
		"INSERT INTO transfer (case_id, kind, agency_id, to_name, on_date, reason, staff_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
	[TRI_INTAKE_SAFETY_DUE] = {"安全確認の期限の変更",
		"UPDATE intake SET safety_due = " SECONDS("?2") ", version = version + 1,"
		" updated_at = " NOW " WHERE id = ?1 AND safety_done_at IS NULL"},
	[TRI_STAFF_NAME] = {"職員の読み取り", "SELECT name, active FROM staff WHERE id = ?1"},

	[TRI_ASM_INSERT] = {"緊急度アセスメントの記録",
		"INSERT INTO assessment (case_id, intake_id, on_date, staff_id, suggested, decided,"
		" reason, severity, handler) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
	[TRI_ASM_ANSWER_INSERT] = {"緊急度アセスメントの回答の記録",
		"INSERT INTO assessment_answer (assessment_id, question, answer, note)"
		" VALUES (?1, ?2, ?3, ?4)"},
	[TRI_ASM_LIST] = {"緊急度アセスメントの読み取り",
		ASM_SELECT " WHERE a.case_id = ?1 ORDER BY a.on_date DESC, a.id DESC"},
	[TRI_ASM_GET] = {"緊急度アセスメントの読み取り", ASM_SELECT " WHERE a.id = ?1"},
	[TRI_ASM_ANSWERS] = {"緊急度アセスメントの回答の読み取り",
		"SELECT question, answer, note FROM assessment_answer WHERE assessment_id = ?1"
		" ORDER BY question"},

	[TRI_TAG_INSERT] = {"タグの追加",
		"INSERT INTO case_tag (case_id, tag) VALUES (?1, ?2)"
		" ON CONFLICT (case_id, tag) DO NOTHING"},
	[TRI_TAG_DELETE] = {"タグの削除", "DELETE FROM case_tag WHERE case_id = ?1 AND tag = ?2"},
	[TRI_TAG_LIST] = {"タグの読み取り",
		"SELECT t.tag, coalesce(k.label, t.tag) FROM case_tag t LEFT JOIN code k"
		" ON k.list = 'tag' AND k.code = t.tag WHERE t.case_id = ?1"
		" ORDER BY k.sort, t.tag"},

	[TRI_CF_CASE] = {"ケースの読み取り",
		"SELECT c.id, c.case_no, c.fiscal_year, c.seq, c.subject_id, c.household_id,"
		" c.consult_type, c.registration, c.status, c.lead_id, c.team,"
		" c.review_cycle_months, c.next_review, c.opened_on, c.closed_on, c.closure_reason,"
		" c.dispose_from, c.special_adoption, c.version, c.created_at, c.updated_at,"
		" " LABEL("consult_type", "c.consult_type") ","
		" " LABEL("registration", "c.registration") ", " LABEL("status", "c.status") ","
		" s.name, " LABEL("closure", "c.closure_reason")
		" FROM cases c LEFT JOIN staff s ON s.id = c.lead_id WHERE c.id = ?1"},
	[TRI_CF_HOUSEHOLD] = {"世帯の読み取り",
		"SELECT id, address, phone, secrecy, secrecy_start, secrecy_end FROM household"
		" WHERE id = ?1"},
	/* the subject, the household's current members and everyone related to
	 * the subject directly or through a shared parent; ?1 household, ?2 subject */
	[TRI_CF_MEMBERS] = {"家族の読み取り",
		"SELECT p.id, p.family_name, p.given_name, p.family_kana, p.given_kana,"
		" p.birth_date, p.sex, p.deceased, p.school,"
		" (SELECT relation FROM relation WHERE person_a = p.id AND person_b = ?2"
		"  ORDER BY id LIMIT 1),"
		" (SELECT relation FROM relation WHERE person_a = ?2 AND person_b = p.id"
		"  ORDER BY id LIMIT 1),"
		" EXISTS (SELECT 1 FROM relation r1 JOIN relation r2 ON r2.person_a = r1.person_a"
		"  WHERE r1.person_b = ?2 AND r2.person_b = p.id AND r1.relation IN " PARENTS
		"  AND r2.relation IN " PARENTS "),"
		" EXISTS (SELECT 1 FROM household_member m WHERE m.household_id = ?1"
		"  AND m.person_id = p.id AND m.left_on IS NULL)"
		" FROM person p WHERE p.id = ?2"
		" OR p.id IN (SELECT person_id FROM household_member WHERE household_id = ?1"
		"  AND left_on IS NULL)"
		" OR p.id IN (SELECT person_a FROM relation WHERE person_b = ?2)"
		" OR p.id IN (SELECT person_b FROM relation WHERE person_a = ?2)"
		" OR p.id IN (SELECT r2.person_b FROM relation r1 JOIN relation r2"
		"  ON r2.person_a = r1.person_a WHERE r1.person_b = ?2"
		"  AND r1.relation IN " PARENTS " AND r2.relation IN " PARENTS ")"
		" ORDER BY p.birth_date IS NULL, p.birth_date, p.id"},
	[TRI_CF_HISTORY] = {"ケースの履歴の読み取り",
		"SELECT h.at, coalesce(s.name, ''), h.field, h.old_value, h.new_value,"
		" CASE h.field WHEN 'status' THEN " LABEL("status", "h.old_value")
		" ELSE " LABEL("registration", "h.old_value") " END,"
		" CASE h.field WHEN 'status' THEN " LABEL("status", "h.new_value")
		" ELSE " LABEL("registration", "h.new_value") " END,"
		" " LABEL("closure", "h.reason") ", h.why"
		" FROM case_history h LEFT JOIN staff s ON s.id = h.staff_id"
		" WHERE h.case_id = ?1 ORDER BY h.id"},
	/* kind, at, id, staff, then four kind-specific texts */
	[TRI_CF_EVENTS] = {"経過の読み取り",
		"SELECT 'intake', substr(i.received_at, 1, 16), i.id, coalesce(s.name, ''),"
		" " LABEL("channel", "i.channel") ", " LABEL("consult_type", "i.consult_type") ","
		" (SELECT group_concat(k.label, '・') FROM intake_abuse a JOIN code k"
		"  ON k.list = 'abuse_type' AND k.code = a.abuse_type WHERE a.intake_id = i.id),"
		" i.complaint FROM intake i LEFT JOIN staff s ON s.id = i.staff_id"
		" WHERE i.case_id = ?1"
		" UNION ALL SELECT 'meeting', coalesce(substr(j.held_at, 1, 16), m.held_on), d.id,"
		" coalesce(s.name, ''), " LABEL("meeting_kind", "m.kind") ", d.decision, d.policy,"
		" NULL FROM meeting_decision d JOIN meeting m ON m.id = d.meeting_id"
		" LEFT JOIN juri_detail j ON j.decision_id = d.id"
		" LEFT JOIN staff s ON s.id = j.staff_id WHERE d.case_id = ?1"
		" UNION ALL SELECT 'assess', " DAY_AT("a.on_date", "a.created_at") ", a.id,"
		" coalesce(s.name, ''), coalesce(a.decided, ''), coalesce(a.suggested, ''),"
		" " LABEL("severity", "a.severity") ", " LABEL("handler", "a.handler")
		" FROM assessment a LEFT JOIN staff s ON s.id = a.staff_id WHERE a.case_id = ?1"
		" UNION ALL SELECT 'safety', substr(c.at, 1, 16), c.id, coalesce(s.name, ''),"
		" c.method, CASE c.seen WHEN 1 THEN '目視確認' ELSE '目視なし' END, c.note, NULL"
		" FROM safety_check c LEFT JOIN staff s ON s.id = c.staff_id WHERE c.case_id = ?1"
		" OR c.intake_id IN (SELECT id FROM intake WHERE case_id = ?1)"
		" UNION ALL SELECT 'note', substr(n.at, 1, 16), n.id, coalesce(s.name, ''),"
		" " LABEL("note_kind", "n.kind") ", n.counterpart, n.content,"
		" CASE n.restricted WHEN 1 THEN '閲覧制限' END"
		" FROM note n LEFT JOIN staff s ON s.id = n.staff_id WHERE n.case_id = ?1"
		" UNION ALL SELECT 'status', substr(h.at, 1, 16), h.id, coalesce(s.name, ''),"
		" h.field, CASE h.field WHEN 'status' THEN " LABEL("status", "h.old_value")
		" ELSE " LABEL("registration", "h.old_value") " END,"
		" CASE h.field WHEN 'status' THEN " LABEL("status", "h.new_value")
		" ELSE " LABEL("registration", "h.new_value") " END,"
		" coalesce(" LABEL("closure", "h.reason") " || ' ', '') || coalesce(h.why, '')"
		" FROM case_history h LEFT JOIN staff s ON s.id = h.staff_id WHERE h.case_id = ?1"
		" UNION ALL SELECT 'transfer', coalesce((SELECT substr(j.held_at, 1, 16)"
		" FROM juri_detail j WHERE j.transfer_id = t.id),"
		" " DAY_AT("t.on_date", "t.created_at") "), t.id,"
		" coalesce(s.name, ''), " LABEL("transfer_kind", "t.kind") ","
		" coalesce(g.name, t.to_name), t.reason, NULL FROM transfer t"
		" LEFT JOIN agency g ON g.id = t.agency_id"
		" LEFT JOIN staff s ON s.id = t.staff_id WHERE t.case_id = ?1"
		" UNION ALL SELECT 'plan', substr(p.created_at, 1, 16), p.id, coalesce(s.name, ''),"
		" p.plan_no, p.approved_at, p.short_goal, p.next_review FROM plan p"
		" LEFT JOIN staff s ON s.id = p.approved_by WHERE p.case_id = ?1"
		" ORDER BY 2 DESC, 1, 3 DESC"},
	[TRI_CF_INVEST] = {"調査計画の読み取り",
		"SELECT v.id, g.name, v.what, v.due_on, v.done_on, v.result FROM investigation v"
		" JOIN agency g ON g.id = v.agency_id WHERE v.case_id = ?1 ORDER BY v.id"},

	[TRI_PENDING] = {"未受理の受付の読み取り",
		"SELECT i.id, substr(i.received_at, 1, 16), coalesce(i.person_id, 0),"
		" coalesce(p.family_name || coalesce(' ' || p.given_name, ''), ''),"
		" trim(coalesce(p.family_kana, '') || ' ' || coalesce(p.given_kana, '')),"
		" p.birth_date, " LABEL("consult_type", "i.consult_type") ","
		" (SELECT group_concat(" LABEL("abuse_type", "a.abuse_type") ", '・')"
		" FROM intake_abuse a WHERE a.intake_id = i.id),"
		" " LABEL("channel", "i.channel") ", i.urgent, i.is_report, i.safety_due,"
		" coalesce(s.name, ''), coalesce(i.complaint, '')"
		" FROM intake i LEFT JOIN person p ON p.id = i.person_id"
		" LEFT JOIN staff s ON s.id = i.staff_id WHERE i.accepted IS NULL"
		" ORDER BY i.received_at, i.id"},
};
/* clang-format on */

const struct sql_table sql_triage_table = {SQLT_TRIAGE, defs, TRI_SQL__COUNT};
