/* sql_ledger.c: the statements of the ledger area: the reads the import
 * matches against, its bulk inserts (one transaction, no per-row audit: the
 * import writes one audit row itself), and the export queries, which mask
 * the address and phone of a household under a DV等支援措置 in SQL so that
 * no caller can forget it. */
#include "sql_ledger.h"

#define LABEL(list, expr) \
	"(SELECT label FROM code WHERE list = '" list "' AND code = " expr ")"
#define FULL_NAME(p) p ".family_name || coalesce(' ' || " p ".given_name, '')"
#define FULL_KANA(p) \
	"trim(coalesce(" p ".family_kana, '') || ' ' || coalesce(" p ".given_kana, ''))"
/* ?3 is the mask text */
#define MASKED(h, col) "CASE WHEN " h ".secrecy = 1 THEN ?3 ELSE " h "." col " END"
/* relations that make a's person the child's guardian (not siblings, not self) */
#define GUARDIAN_REL "relation NOT IN ('CH', 'SELF', 'EB', 'ES', 'YB', 'YS', 'SIB')"
#define ABUSE_LABELS(table, key, id)                                                  \
	"(SELECT group_concat(label, '、') FROM (SELECT k.label FROM " table " a"       \
	" JOIN code k ON k.list = 'abuse_type' AND k.code = a.abuse_type WHERE a." key \
	" = " id " ORDER BY k.sort, k.code))"

static const struct sql_def defs[LEDGER_SQL__COUNT] = {
	[LEDGER_SQL_PERSONS] = {"照合用の人物の読み取り",
		"SELECT p.id, p.family_name, p.given_name, p.birth_date,"
		" (SELECT m.household_id FROM household_member m WHERE m.person_id = p.id"
		" AND m.left_on IS NULL ORDER BY m.id LIMIT 1) FROM person p ORDER BY p.id"},
	[LEDGER_SQL_MEMBERS] = {"照合用の世帯員の読み取り",
		"SELECT household_id, person_id FROM household_member WHERE left_on IS NULL"},
	[LEDGER_SQL_STAFF] = {"職員の読み取り", "SELECT id, login, name FROM staff ORDER BY id"},
	[LEDGER_SQL_INTAKE_DUP] = {"重複する受付の確認",
		"SELECT 1 FROM intake WHERE person_id = ?1 AND substr(received_at, 1, 10) = ?2"
		" AND coalesce(complaint, '') = coalesce(?3, '') LIMIT 1"},
	[LEDGER_SQL_CASE_MAX_SEQ] = {"ケース番号の採番",
		"SELECT coalesce(max(seq), 0) FROM cases WHERE fiscal_year = ?1"},

	[LEDGER_SQL_HH_INSERT] = {"世帯の登録",
		"INSERT INTO household (address, phone) VALUES (?1, ?2)"},
	[LEDGER_SQL_PERSON_INSERT] = {"人物の登録",
		"INSERT INTO person (family_name, given_name, family_kana, given_kana, birth_date,"
		" sex) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
	[LEDGER_SQL_HM_INSERT] = {"世帯員の登録",
		"INSERT OR IGNORE INTO household_member (household_id, person_id, relation,"
		" joined_on) VALUES (?1, ?2, ?3, ?4)"},
	[LEDGER_SQL_REL_INSERT] = {"続柄の登録",
		"INSERT OR IGNORE INTO relation (person_a, person_b, relation) VALUES (?1, ?2, ?3)"},
	[LEDGER_SQL_CASE_INSERT] = {"ケースの登録",
		"INSERT INTO cases (case_no, fiscal_year, seq, subject_id, household_id,"
		" consult_type, registration, status, lead_id, review_cycle_months, next_review,"
		" opened_on, closed_on, closure_reason, dispose_from) VALUES (?1, ?2, ?3, ?4, ?5,"
		" ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"},
	[LEDGER_SQL_CASE_ABUSE_INSERT] = {"ケースの虐待種別の登録",
		"INSERT OR IGNORE INTO case_abuse (case_id, abuse_type) VALUES (?1, ?2)"},
	[LEDGER_SQL_INTAKE_INSERT] = {"受付の登録",
		"INSERT INTO intake (received_at, staff_id, channel, route1, route2, person_id,"
		" household_id, consult_type, main_abuser, complaint, is_report, case_id, accepted)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"},
	[LEDGER_SQL_INTAKE_ABUSE_INSERT] = {"虐待種別の登録",
		"INSERT OR IGNORE INTO intake_abuse (intake_id, abuse_type) VALUES (?1, ?2)"},

	[LEDGER_SQL_EXPORT_INTAKES] = {"受付の書き出し",
		"SELECT i.id, CASE WHEN substr(i.received_at, 12, 5) IN ('', '00:00')"
		" THEN substr(i.received_at, 1, 10) ELSE substr(i.received_at, 1, 16) END,"
		" " LABEL("channel", "i.channel") ","
		" coalesce(" LABEL("route", "i.route2") ", " LABEL("route", "i.route1") "),"
		" " FULL_NAME("p") ", " FULL_KANA("p") ", p.birth_date, " LABEL("sex", "p.sex") ","
		" " MASKED("h", "address") ", " MASKED("h", "phone") ","
		" " FULL_NAME("g") ", " FULL_KANA("g") ", " LABEL("relation", "r.relation") ","
		" " LABEL("consult_type", "i.consult_type") ","
		" " ABUSE_LABELS("intake_abuse", "intake_id", "i.id") ","
		" " LABEL("abuser", "i.main_abuser") ", i.complaint, c.case_no,"
		" " LABEL("registration", "c.registration") ", s.name,"
		" " LABEL("status", "c.status") ", c.closed_on,"
		" " LABEL("closure", "c.closure_reason")
		" FROM intake i LEFT JOIN person p ON p.id = i.person_id"
		" LEFT JOIN household h ON h.id = i.household_id"
		" LEFT JOIN relation r ON r.id = (SELECT min(id) FROM relation"
		" WHERE person_b = i.person_id AND " GUARDIAN_REL ")"
		" LEFT JOIN person g ON g.id = r.person_a"
		" LEFT JOIN cases c ON c.id = i.case_id LEFT JOIN staff s ON s.id = c.lead_id"
		" WHERE (?1 IS NULL OR i.received_at >= ?1) AND (?2 IS NULL OR i.received_at < ?2)"
		" ORDER BY i.received_at, i.id"},
	[LEDGER_SQL_EXPORT_CASES] = {"ケースの書き出し",
		"SELECT c.case_no, c.fiscal_year, c.opened_on, " FULL_NAME("p") ","
		" " FULL_KANA("p") ", p.birth_date, " LABEL("sex", "p.sex") ","
		" " MASKED("h", "address") ", " MASKED("h", "phone") ","
		" " LABEL("consult_type", "c.consult_type") ","
		" " ABUSE_LABELS("case_abuse", "case_id", "c.id") ","
		" " LABEL("registration", "c.registration") ", " LABEL("status", "c.status") ","
		" s.name, c.next_review, c.closed_on, " LABEL("closure", "c.closure_reason")
		" FROM cases c JOIN person p ON p.id = c.subject_id"
		" LEFT JOIN household h ON h.id = c.household_id"
		" LEFT JOIN staff s ON s.id = c.lead_id"
		" WHERE (?1 IS NULL OR c.fiscal_year = ?1) ORDER BY c.fiscal_year, c.seq"},
	[LEDGER_SQL_EXPORT_NOTES] = {"経過記録の書き出し",
		"SELECT c.case_no, n.at, " LABEL("note_kind", "n.kind") ", n.counterpart,"
		" n.content, " LABEL("source", "n.source") ","
		" CASE WHEN n.restricted = 1 THEN '○' ELSE '' END, s.name FROM note n"
		" JOIN cases c ON c.id = n.case_id LEFT JOIN staff s ON s.id = n.staff_id"
		" WHERE (?1 IS NULL OR n.at >= ?1) AND (?2 IS NULL OR n.at < ?2)"
		" AND (n.restricted = 0 OR ?5 = 1 OR n.staff_id = ?4 OR c.lead_id = ?4)"
		" ORDER BY c.fiscal_year, c.seq, n.at, n.id"},
};

const struct sql_table sql_ledger_table = {SQLT_LEDGER, defs, LEDGER_SQL__COUNT};
