/* sql_plan.c: the statements of the plan area: agencies, support plans and
 * their items, progress notes as the disclosure copy reads them, the case
 * list (進行管理台帳) with its "last record" over every kind of record, case
 * reviews, contact history, review meetings, transfers and disclosures. */
#include "sql_plan.h"

#define NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"
#define BUMP "version = version + 1, updated_at = " NOW
#define LABEL(list, expr) \
	"(SELECT label FROM code WHERE list = '" list "' AND code = " expr ")"
#define NAME(p) "(" p ".family_name || coalesce(' ' || " p ".given_name, ''))"
#define KANA(p) "trim(coalesce(" p ".family_kana, '') || ' ' || coalesce(" p ".given_kana, ''))"

#define AGENCY_COLS "id, name, kind, department, contact, phone, note, inactive, version"
#define PLAN_COLS                                                                    \
	"SELECT p.id, p.case_id, p.plan_no, p.needs, p.strengths, p.long_goal,"       \
	" p.short_goal, p.family_wishes, p.explained_on, p.handed_on, p.next_review,"  \
	" coalesce(p.approved_by, 0), coalesce(s.name, ''), p.approved_at,"            \
	" coalesce(p.supersedes, 0), coalesce((SELECT n.id FROM plan n"                \
	" WHERE n.supersedes = p.id), 0), p.version, p.created_at, p.updated_at"       \
	" FROM plan p LEFT JOIN staff s ON s.id = p.approved_by"
/* the latest day anything was recorded on case c (its opening at worst) */
#define LAST_RECORD                                                                  \
	"max(c.opened_on,"                                                            \
	" coalesce((SELECT max(substr(at, 1, 10)) FROM note WHERE case_id = c.id), ''),"  \
	" coalesce((SELECT max(substr(updated_at, 1, 10)) FROM plan"                  \
	" WHERE case_id = c.id), ''),"                                                \
	" coalesce((SELECT max(on_date) FROM case_review WHERE case_id = c.id), ''),"  \
	" coalesce((SELECT max(m.held_on) FROM meeting_case x JOIN meeting m"         \
	" ON m.id = x.meeting_id WHERE x.case_id = c.id AND x.recorded = 1), ''),"     \
	" coalesce((SELECT max(m.held_on) FROM meeting_decision x JOIN meeting m"     \
	" ON m.id = x.meeting_id WHERE x.case_id = c.id), ''),"                        \
	" coalesce((SELECT max(on_date) FROM transfer WHERE case_id = c.id), ''),"     \
	" coalesce((SELECT max(substr(at, 1, 10)) FROM safety_check"                  \
	" WHERE case_id = c.id), ''))"

static const struct sql_def defs[PLAN_SQL__COUNT] = {
	[PLS_AGENCY_LIST] = {"関係機関の一覧",
		"SELECT " AGENCY_COLS " FROM agency WHERE (?1 OR inactive = 0) ORDER BY name, id"},
	[PLS_AGENCY_GET] = {"関係機関の読み取り", "SELECT " AGENCY_COLS " FROM agency WHERE id = ?1"},
	[PLS_AGENCY_INSERT] = {"関係機関の登録",
		"INSERT INTO agency (name, kind, department, contact, phone, note)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
	[PLS_AGENCY_UPDATE] = {"関係機関の保存",
		"UPDATE agency SET name = ?1, kind = ?2, department = ?3, contact = ?4, phone = ?5,"
		" note = ?6, inactive = ?7, " BUMP " WHERE id = ?8 AND version = ?9"},
	[PLS_AGENCY_BY_NAME] = {"関係機関の検索",
		"SELECT id FROM agency WHERE name = ?1 AND inactive = 0 ORDER BY id LIMIT 1"},

	[PLS_CASE_STATE] = {"ケースの読み取り",
		"SELECT closed_on IS NOT NULL, case_no, review_cycle_months, opened_on,"
		" coalesce(lead_id, 0), status, next_review, version FROM cases WHERE id = ?1"},
	[PLS_CASE_SET_REVIEW] = {"次回見直し日の設定",
		"UPDATE cases SET next_review = ?1, " BUMP " WHERE id = ?2"},
	[PLS_CASE_SET_CYCLE] = {"見直しの周期の設定",
		"UPDATE cases SET review_cycle_months = ?1, next_review = ?2, " BUMP
		" WHERE id = ?3"},
	[PLS_CASE_LAST_REVIEW] = {"前回の見直し日の読み取り",
		"SELECT max(on_date) FROM case_review WHERE case_id = ?1"},

	[PLS_PLAN_GET] = {"支援計画の読み取り", PLAN_COLS " WHERE p.id = ?1"},
	[PLS_PLAN_CURRENT] = {"支援計画の読み取り",
		PLAN_COLS " WHERE p.case_id = ?1 ORDER BY p.plan_no DESC LIMIT 1"},
	[PLS_PLAN_VERSIONS] = {"支援計画の版の一覧",
		PLAN_COLS " WHERE p.case_id = ?1 ORDER BY p.plan_no DESC"},
	[PLS_PLAN_STATE] = {"支援計画の状態の読み取り",
		"SELECT p.version, p.approved_at IS NOT NULL, EXISTS (SELECT 1 FROM plan n"
		" WHERE n.supersedes = p.id), p.case_id, p.plan_no, p.next_review"
		" FROM plan p WHERE p.id = ?1"},
	[PLS_PLAN_NEXT_NO] = {"支援計画の版番号の採番",
		"SELECT coalesce(max(plan_no), 0) + 1 FROM plan WHERE case_id = ?1"},
	[PLS_PLAN_INSERT] = {"支援計画の登録",
		"INSERT INTO plan (case_id, plan_no, needs, strengths, long_goal, short_goal,"
		" family_wishes, next_review, supersedes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
	[PLS_PLAN_UPDATE] = {"支援計画の保存",
		"UPDATE plan SET needs = ?1, strengths = ?2, long_goal = ?3, short_goal = ?4,"
		" family_wishes = ?5, next_review = ?6, " BUMP " WHERE id = ?7 AND version = ?8"
		" AND approved_at IS NULL"},
	[PLS_PLAN_BUMP] = {"支援計画の保存",
		"UPDATE plan SET " BUMP " WHERE id = ?1 AND version = ?2 AND approved_at IS NULL"},
	[PLS_PLAN_DELIVERY] = {"支援計画の説明・交付日の保存",
		"UPDATE plan SET explained_on = ?1, handed_on = ?2, " BUMP
		" WHERE id = ?3 AND version = ?4"},
	[PLS_PLAN_APPROVE] = {"支援計画の承認",
		"UPDATE plan SET approved_by = ?1, approved_at = " NOW ", " BUMP
		" WHERE id = ?2 AND version = ?3 AND approved_at IS NULL"},
	[PLS_ITEM_LIST] = {"支援内容の読み取り",
		"SELECT i.id, i.plan_id, i.what, coalesce(i.provider_staff, 0),"
		" coalesce(i.provider_agency, 0), i.provider_service, i.frequency, i.from_on,"
		" i.to_on, i.result, i.sort, coalesce(i.origin_id, 0), coalesce(s.name, ''),"
		" coalesce(a.name, '') FROM plan_item i LEFT JOIN staff s ON s.id = i.provider_staff"
		" LEFT JOIN agency a ON a.id = i.provider_agency WHERE i.plan_id = ?1"
		" ORDER BY i.sort, i.id"},
	[PLS_ITEM_INSERT] = {"支援内容の登録",
		"INSERT INTO plan_item (plan_id, what, provider_staff, provider_agency,"
		" provider_service, frequency, from_on, to_on, result, sort, origin_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"},
	[PLS_ITEM_UPDATE] = {"支援内容の保存",
		"UPDATE plan_item SET what = ?1, provider_staff = ?2, provider_agency = ?3,"
		" provider_service = ?4, frequency = ?5, from_on = ?6, to_on = ?7, result = ?8, "
		BUMP " WHERE id = ?9 AND plan_id = ?10"},
	[PLS_ITEM_DELETE] = {"支援内容の削除",
		"DELETE FROM plan_item WHERE id = ?1 AND plan_id = ?2"},
	[PLS_ITEM_NEXT_SORT] = {"支援内容の順番の採番",
		"SELECT coalesce(max(sort), 0) + 1 FROM plan_item WHERE plan_id = ?1"},

	[PLS_NOTES] = {"経過記録の読み取り",
		"SELECT n.id, n.case_id, n.kind, n.at, n.counterpart, n.content, n.source,"
		" n.restricted, n.staff_id, coalesce(s.name, ''), n.version,"
		" coalesce(" LABEL("note_kind", "n.kind") ", n.kind)"
		" FROM note n LEFT JOIN staff s ON s.id = n.staff_id WHERE n.case_id = ?1"
		" ORDER BY n.at, n.id"},

	/* ?1 include closed, ?2 lead, ?3 registration, ?4 tag */
	[PLS_CASELIST] = {"ケース一覧の読み取り",
		"SELECT c.id, c.subject_id, c.case_no, " NAME("p") ", " KANA("p") ","
		" p.birth_date, coalesce(c.registration, 'N'),"
		" coalesce(" LABEL("registration", "coalesce(c.registration, 'N')") ", ''),"
		" c.status, coalesce(" LABEL("status", "c.status") ", c.status),"
		" coalesce(c.lead_id, 0), coalesce(s.name, ''),"
		" coalesce((SELECT group_concat(label, '・') FROM (SELECT k.label FROM case_tag t"
		" JOIN code k ON k.list = 'tag' AND k.code = t.tag WHERE t.case_id = c.id"
		" ORDER BY k.sort, k.code)), ''),"
		" c.opened_on, c.closed_on, (SELECT max(substr(at, 1, 10)) FROM note"
		" WHERE case_id = c.id AND kind IN ('TEL', 'HOME', 'VISIT')),"
		" " LAST_RECORD ", (SELECT max(on_date) FROM case_review WHERE case_id = c.id),"
		" c.next_review, c.review_cycle_months"
		" FROM cases c JOIN person p ON p.id = c.subject_id"
		" LEFT JOIN staff s ON s.id = c.lead_id"
		" WHERE (?1 OR c.closed_on IS NULL) AND (?2 IS NULL OR c.lead_id = ?2)"
		" AND (?3 IS NULL OR coalesce(c.registration, 'N') = ?3)"
		" AND (?4 IS NULL OR EXISTS (SELECT 1 FROM case_tag t WHERE t.case_id = c.id"
		" AND t.tag = ?4)) ORDER BY c.fiscal_year, c.seq"},
	[PLS_REVIEW_INSERT] = {"見直しの記録",
		"INSERT INTO case_review (case_id, on_date, staff_id, meeting_id, next_review, note)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
	[PLS_HISTORY_CASES] = {"相談歴の読み取り",
		"SELECT c.id, c.case_no, c.closed_on,"
		" coalesce(" LABEL("status", "c.status") ", c.status) FROM cases c"
		" WHERE c.subject_id = ?1 OR c.household_id IN (SELECT household_id"
		" FROM household_member WHERE person_id = ?1 AND left_on IS NULL)"
		" ORDER BY c.closed_on IS NULL DESC, c.closed_on DESC, c.id DESC"},
	[PLS_HISTORY_INTAKES] = {"受付歴の読み取り",
		"SELECT count(*) FROM intake WHERE person_id = ?1"},

	[PLS_MTG_INSERT] = {"会議の登録",
		"INSERT INTO meeting (kind, held_on, title, minutes) VALUES (?1, ?2, ?3, ?4)"},
	[PLS_MTG_GET] = {"会議の読み取り",
		"SELECT id, kind, held_on, title, minutes, version FROM meeting WHERE id = ?1"},
	[PLS_MTG_UPDATE] = {"会議録の保存",
		"UPDATE meeting SET title = ?1, minutes = ?2, " BUMP " WHERE id = ?3 AND version = ?4"},
	[PLS_MTG_LIST] = {"会議の一覧",
		"SELECT id, kind, held_on, title, '', version FROM meeting"
		" WHERE (?1 IS NULL OR held_on >= ?1) AND (?2 IS NULL OR held_on <= ?2)"
		" ORDER BY held_on DESC, id DESC"},
	[PLS_ATT_INSERT] = {"会議の出席者の記録",
		"INSERT INTO meeting_attendee (meeting_id, staff_id, agency_id, name)"
		" VALUES (?1, ?2, ?3, ?4)"},
	[PLS_ATT_LIST] = {"会議の出席者の読み取り",
		"SELECT a.id, coalesce(a.staff_id, 0), coalesce(a.agency_id, 0), a.name,"
		" coalesce(s.name, ''), coalesce(g.name, '') FROM meeting_attendee a"
		" LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN agency g ON g.id = a.agency_id"
		" WHERE a.meeting_id = ?1 ORDER BY a.staff_id IS NULL, a.id"},
	[PLS_MC_NEXT_SORT] = {"検討ケースの順番の採番",
		"SELECT coalesce(max(sort), 0) + 1 FROM meeting_case WHERE meeting_id = ?1"},
	[PLS_MC_INSERT] = {"検討ケースの追加",
		"INSERT INTO meeting_case (meeting_id, case_id, sort) VALUES (?1, ?2, ?3)"
		" ON CONFLICT (meeting_id, case_id) DO NOTHING"},
	[PLS_MC_DUE] = {"見直し期限のケースの検索",
		"SELECT id FROM cases WHERE closed_on IS NULL AND next_review IS NOT NULL"
		" AND next_review <= ?1 AND (?2 = 0 OR coalesce(registration, 'N') <> 'N')"
		" ORDER BY next_review, fiscal_year, seq"},
	[PLS_MC_LIST] = {"検討ケースの読み取り",
		"SELECT x.id, x.case_id, x.sort, x.recorded, x.status,"
		" coalesce(x.lead_agency_id, 0), x.key_person, x.policy, x.decision, x.next_review,"
		" x.version, c.case_no, " NAME("p") ", " KANA("p") ","
		" coalesce(" LABEL("registration", "coalesce(c.registration, 'N')") ", ''),"
		" coalesce(" LABEL("status", "coalesce(x.status, c.status)") ", c.status),"
		" coalesce(g.name, ''), c.next_review FROM meeting_case x"
		" JOIN cases c ON c.id = x.case_id JOIN person p ON p.id = c.subject_id"
		" LEFT JOIN agency g ON g.id = x.lead_agency_id WHERE x.meeting_id = ?1"
		" ORDER BY x.sort, x.id"},
	[PLS_MC_STATE] = {"検討ケースの読み取り",
		"SELECT id, version FROM meeting_case WHERE meeting_id = ?1 AND case_id = ?2"},
	[PLS_MC_RECORD] = {"検討結果の記録",
		"UPDATE meeting_case SET recorded = 1, status = ?1, lead_agency_id = ?2,"
		" key_person = ?3, policy = ?4, decision = ?5, next_review = ?6, staff_id = ?7, "
		BUMP " WHERE id = ?8 AND version = ?9"},

	[PLS_TR_INSERT] = {"送致・移管の記録",
		"INSERT INTO transfer (case_id, kind, agency_id, to_name, on_date, reason, staff_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
	[PLS_TR_LIST] = {"送致・移管の読み取り",
		"SELECT t.id, t.case_id, t.kind, coalesce(t.agency_id, 0), t.to_name, t.on_date,"
		" t.reason, t.staff_id, coalesce(s.name, ''), coalesce(a.name, '') FROM transfer t"
		" LEFT JOIN staff s ON s.id = t.staff_id LEFT JOIN agency a ON a.id = t.agency_id"
		" WHERE t.case_id = ?1 ORDER BY t.on_date, t.id"},
	[PLS_DS_INSERT] = {"情報提供の記録",
		"INSERT INTO disclosure (case_id, person_id, agency_id, recipient, at, what, why,"
		" legal_basis, staff_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
	[PLS_DS_LIST] = {"情報提供の読み取り",
		"SELECT d.id, coalesce(d.case_id, 0), coalesce(d.person_id, 0),"
		" coalesce(d.agency_id, 0), d.recipient, d.at, d.what, d.why, d.legal_basis,"
		" d.staff_id, coalesce(s.name, ''), coalesce(a.name, '') FROM disclosure d"
		" LEFT JOIN staff s ON s.id = d.staff_id LEFT JOIN agency a ON a.id = d.agency_id"
		" WHERE d.case_id = ?1 ORDER BY d.at, d.id"},
};

const struct sql_table sql_plan_table = {SQLT_PLAN, defs, PLAN_SQL__COUNT};
