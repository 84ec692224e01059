/* sql_gen.c: the statements of the synthetic-data generator (gen_fill.c and
 * gen_write.c). Every insert names its stamps (created_at, updated_at,
 * version) so that generated rows carry the dates of the story they tell
 * and the same options give the same database. */
#include "sql_gen.h"

static const struct sql_def defs[GEN_SQL__COUNT] = {
	[GEN_SQL_PERSON_COUNT] = {"人物の数の読み取り", "SELECT count(*) FROM person"},
	[GEN_SQL_WORKERS] = {"担当できる職員の読み取り",
		"SELECT id FROM staff WHERE active = 1 AND role IN ('coordinator', 'support',"
		" 'abuse', 'psych', 'nurse', 'yotaikyo') ORDER BY id"},
	/* the indexes of a million persons fit; the default 2 MB thrashes */
	[GEN_SQL_CACHE_BIG] = {"キャッシュの設定", "PRAGMA cache_size = -131072"},
	[GEN_SQL_CACHE_DEFAULT] = {"キャッシュの設定", "PRAGMA cache_size = -2000"},
	/* the statement journals of the search-index triggers otherwise spill to
	 * a temporary file: 1.7 GB of writes for 20,000 persons. Outside a
	 * transaction only. */
	[GEN_SQL_TEMP_MEMORY] = {"一時領域の設定", "PRAGMA temp_store = MEMORY"},
	[GEN_SQL_TEMP_DEFAULT] = {"一時領域の設定", "PRAGMA temp_store = DEFAULT"},
	/* members go in before their persons (see gen_fill.c); checked at commit */
	[GEN_SQL_DEFER_FK] = {"参照の検査の設定", "PRAGMA defer_foreign_keys = ON"},
	[GEN_SQL_MAX_PERSON] = {"人物の番号の読み取り", "SELECT coalesce(max(id), 0) FROM person"},
	[GEN_SQL_HOUSEHOLD] = {"合成世帯の登録",
		"INSERT INTO household (address, phone, secrecy, secrecy_start, secrecy_end,"
		" secrecy_counterparty, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		" ?7, ?7)"},
	[GEN_SQL_PERSON] = {"合成人物の登録",
		"INSERT INTO person (id, family_name, given_name, family_kana, given_kana,"
		" birth_date, expected_delivery, sex, phone, school, moved, created_at, updated_at)"
		" VALUES (?12, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)"},
	[GEN_SQL_MEMBER] = {"合成世帯員の登録",
		"INSERT INTO household_member (household_id, person_id, relation, joined_on,"
		" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)"},
	[GEN_SQL_RELATION] = {"合成続柄の登録",
		"INSERT INTO relation (person_a, person_b, relation, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?4)"},
	[GEN_SQL_MAX_SEQ] = {"ケース番号の採番",
		"SELECT coalesce(max(seq), 0) FROM cases WHERE fiscal_year = ?1"},
	[GEN_SQL_CASE] = {"合成ケースの登録",
		"INSERT INTO cases (case_no, fiscal_year, seq, subject_id, household_id,"
		" consult_type, registration, status, lead_id, review_cycle_months, next_review,"
		" opened_on, closed_on, closure_reason, dispose_from, version, created_at,"
		" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
		" ?15, ?16, ?17, ?18)"},
	[GEN_SQL_CASE_ABUSE] = {"合成ケースの虐待種別の登録",
		"INSERT OR IGNORE INTO case_abuse (case_id, abuse_type) VALUES (?1, ?2)"},
	[GEN_SQL_CASE_TAG] = {"合成ケースのタグの登録",
		"INSERT OR IGNORE INTO case_tag (case_id, tag, created_at) VALUES (?1, ?2, ?3)"},
	[GEN_SQL_CASE_HIST] = {"合成ケースの履歴の登録",
		"INSERT INTO case_history (case_id, at, staff_id, field, old_value, new_value,"
		" reason, why) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
	[GEN_SQL_INTAKE] = {"合成受付の登録",
		"INSERT INTO intake (received_at, staff_id, channel, route1, route2, person_id,"
		" household_id, consult_type, main_abuser, complaint, narrative, past, urgent,"
		" is_report, case_id, accepted, safety_due, safety_done_at, version, created_at,"
		" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
		" ?15, ?16, ?17, ?18, ?19, ?1, ?20)"},
	[GEN_SQL_INTAKE_ABUSE] = {"合成受付の虐待種別の登録",
		"INSERT INTO intake_abuse (intake_id, abuse_type) VALUES (?1, ?2)"},
	[GEN_SQL_CALLER] = {"合成通告者情報の登録",
		"INSERT INTO intake_caller (intake_id, name, relation, contact, anonymous, intent,"
		" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"},
	[GEN_SQL_SAFETY] = {"合成安全確認の登録",
		"INSERT INTO safety_check (intake_id, case_id, staff_id, at, method, seen, note,"
		" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?4, ?4)"},
	[GEN_SQL_NOTE] = {"合成経過記録の登録",
		"INSERT INTO note (case_id, kind, at, counterpart, content, source, restricted,"
		" staff_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?3,"
		" ?3)"},
};

const struct sql_table sql_gen_table = {SQLT_GEN, defs, GEN_SQL__COUNT};
