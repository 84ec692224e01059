/* schema.c: the numbered schema migrations, tracked by PRAGMA user_version.
 * Each migration runs in one BEGIN IMMEDIATE transaction together with the
 * bump of user_version, so a file is always at exactly one version; the
 * master data in data/ is re-synced inside the last pending migration's
 * transaction. Adding a migration is one entry at the end of `migrations`.
 *
 * Conventions of the DDL below:
 * - every editable row has version (optimistic locking), created_at and
 *   updated_at (local time, as every timestamp in the file);
 * - a code column X of list L is `X TEXT` plus a virtual generated column
 *   X_list = 'L' and FOREIGN KEY (X_list, X) REFERENCES code (list, code), so
 *   foreign_keys=ON refuses unknown codes and foreign_key_check finds them;
 * - personal data is never deleted by the program. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "db_priv.h"
#include "sql.h"

#define NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"
#define STAMPS                                                                     \
	"version INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL DEFAULT (" NOW \
	"), updated_at TEXT NOT NULL DEFAULT (" NOW ")"
#define CODE(col, list) col " TEXT, " col "_list TEXT GENERATED ALWAYS AS ('" list "') VIRTUAL"
#define CODE_NN(col, list)                                                         \
	col " TEXT NOT NULL, " col "_list TEXT GENERATED ALWAYS AS ('" list "') VIRTUAL"
#define CODE_FK(col) "FOREIGN KEY (" col "_list, " col ") REFERENCES code (list, code)"
#define BOOL(col) col " INTEGER NOT NULL DEFAULT 0 CHECK (" col " IN (0, 1))"
#define GRADE(col) col " TEXT CHECK (" col " IN ('AA', 'A', 'B', 'C', ''))"

static const char m1_core[] =
	"CREATE TABLE code (list TEXT NOT NULL, code TEXT NOT NULL, label TEXT NOT NULL,"
	" parent TEXT, national TEXT, sort INTEGER NOT NULL DEFAULT 0, " BOOL("active") ","
	" PRIMARY KEY (list, code));"
	"CREATE TABLE staff (id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('director', 'coordinator',"
	" 'support', 'abuse', 'psych', 'nurse', 'yotaikyo', 'clerk', 'auditor')),"
	" " BOOL("active") ", " STAMPS ");"
	"CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL,"
	" updated_by INTEGER REFERENCES staff (id), updated_at TEXT NOT NULL DEFAULT (" NOW "));"
	"CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL DEFAULT (" NOW "),"
	" staff_id INTEGER REFERENCES staff (id), login TEXT, action TEXT NOT NULL,"
	" entity TEXT, entity_id INTEGER, detail TEXT);"
	"CREATE INDEX audit_at ON audit (at);"
	"CREATE INDEX audit_entity ON audit (entity, entity_id);"
	"CREATE INDEX audit_staff ON audit (staff_id, at);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
	" SELECT RAISE(ABORT, '監査ログは変更できません (追記のみ)'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
	" SELECT RAISE(ABORT, '監査ログは削除できません (追記のみ)'); END;"
	"CREATE TABLE agency (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT,"
	" department TEXT, contact TEXT, phone TEXT, note TEXT, " BOOL("inactive") ", " STAMPS ");"
	"CREATE TABLE draft (id INTEGER PRIMARY KEY,"
	" owner_id INTEGER NOT NULL REFERENCES staff (id), kind TEXT NOT NULL,"
	" payload TEXT NOT NULL, " STAMPS ");"
	"CREATE INDEX draft_owner ON draft (owner_id, kind);";

static const char m1_people[] =
	"CREATE TABLE household (id INTEGER PRIMARY KEY, address TEXT, phone TEXT,"
	" " BOOL("secrecy") ", secrecy_start TEXT, secrecy_end TEXT,"
	" secrecy_counterparty TEXT, note TEXT, " STAMPS ");"
	"CREATE INDEX household_secrecy ON household (secrecy_end) WHERE secrecy = 1;"
	"CREATE TABLE person (id INTEGER PRIMARY KEY, family_name TEXT NOT NULL,"
	" given_name TEXT, family_kana TEXT, given_kana TEXT, birth_date TEXT,"
	" expected_delivery TEXT, " CODE("sex", "sex") ", phone TEXT, school TEXT,"
	" " BOOL("deceased") ", " BOOL("moved") ", note TEXT, " STAMPS ", " CODE_FK("sex") ");"
	"CREATE INDEX person_kana ON person (family_kana, given_kana);"
	"CREATE INDEX person_birth ON person (birth_date);"
	"CREATE TABLE household_member (id INTEGER PRIMARY KEY,"
	" household_id INTEGER NOT NULL REFERENCES household (id),"
	" person_id INTEGER NOT NULL REFERENCES person (id),"
	" " CODE("relation", "relation") ", joined_on TEXT, left_on TEXT, " STAMPS ","
	" UNIQUE (household_id, person_id), " CODE_FK("relation") ");"
	"CREATE INDEX household_member_person ON household_member (person_id);"
	"CREATE TABLE relation (id INTEGER PRIMARY KEY,"
	" person_a INTEGER NOT NULL REFERENCES person (id),"
	" person_b INTEGER NOT NULL REFERENCES person (id),"
	" " CODE_NN("relation", "relation") ", note TEXT, " STAMPS ","
	" CHECK (person_a <> person_b), UNIQUE (person_a, person_b, relation),"
	" " CODE_FK("relation") ");"
	"CREATE INDEX relation_b ON relation (person_b);";

static const char m1_cases[] =
	"CREATE TABLE cases (id INTEGER PRIMARY KEY, case_no TEXT NOT NULL UNIQUE,"
	" fiscal_year INTEGER NOT NULL, seq INTEGER NOT NULL CHECK (seq > 0),"
	" subject_id INTEGER NOT NULL REFERENCES person (id),"
	" household_id INTEGER REFERENCES household (id),"
	" " CODE("consult_type", "consult_type") ", " CODE("registration", "registration") ","
	" " CODE_NN("status", "status") ", lead_id INTEGER REFERENCES staff (id),"
	" team TEXT, review_cycle_months INTEGER NOT NULL DEFAULT 3"
	" CHECK (review_cycle_months BETWEEN 1 AND 12), next_review TEXT,"
	" opened_on TEXT NOT NULL, closed_on TEXT, " CODE("closure_reason", "closure") ","
	" dispose_from TEXT, " BOOL("special_adoption") ", " STAMPS ","
	" UNIQUE (fiscal_year, seq), " CODE_FK("consult_type") ", " CODE_FK("registration") ","
	" " CODE_FK("status") ", " CODE_FK("closure_reason") ");"
	"CREATE INDEX cases_status ON cases (status);"
	"CREATE INDEX cases_lead ON cases (lead_id, closed_on);"
	"CREATE INDEX cases_review ON cases (next_review) WHERE closed_on IS NULL;"
	"CREATE INDEX cases_subject ON cases (subject_id);"
	"CREATE TABLE case_history (id INTEGER PRIMARY KEY,"
	" case_id INTEGER NOT NULL REFERENCES cases (id), at TEXT NOT NULL DEFAULT (" NOW "),"
	" staff_id INTEGER NOT NULL REFERENCES staff (id),"
	" field TEXT NOT NULL CHECK (field IN ('status', 'registration')),"
	" old_value TEXT, new_value TEXT, " CODE("reason", "closure") ", why TEXT,"
	" " CODE_FK("reason") ");"
	"CREATE INDEX case_history_case ON case_history (case_id, at);"
	"CREATE TABLE case_abuse (case_id INTEGER NOT NULL REFERENCES cases (id),"
	" " CODE_NN("abuse_type", "abuse_type") ", PRIMARY KEY (case_id, abuse_type),"
	" " CODE_FK("abuse_type") ");"
	"CREATE TABLE case_tag (case_id INTEGER NOT NULL REFERENCES cases (id),"
	" " CODE_NN("tag", "tag") ", created_at TEXT NOT NULL DEFAULT (" NOW "),"
	" PRIMARY KEY (case_id, tag), " CODE_FK("tag") ");"
	"CREATE INDEX case_tag_tag ON case_tag (tag);";

static const char m1_intake[] =
	"CREATE TABLE intake (id INTEGER PRIMARY KEY, received_at TEXT NOT NULL,"
	" staff_id INTEGER NOT NULL REFERENCES staff (id), " CODE("channel", "channel") ","
	" " CODE("route1", "route") ", " CODE("route2", "route") ","
	" person_id INTEGER REFERENCES person (id),"
	" household_id INTEGER REFERENCES household (id),"
	" " CODE("consult_type", "consult_type") ", " CODE("main_abuser", "abuser") ","
	" complaint TEXT, narrative TEXT, situation TEXT, wishes TEXT, past TEXT,"
	" " BOOL("urgent") ", " BOOL("is_report") ", case_id INTEGER REFERENCES cases (id),"
	" accepted INTEGER CHECK (accepted IN (0, 1)), safety_due TEXT, safety_done_at TEXT,"
	" " STAMPS ", " CODE_FK("channel") ", " CODE_FK("route1") ", " CODE_FK("route2") ","
	" " CODE_FK("consult_type") ", " CODE_FK("main_abuser") ");"
	"CREATE INDEX intake_received ON intake (received_at);"
	"CREATE INDEX intake_person ON intake (person_id);"
	"CREATE INDEX intake_case ON intake (case_id);"
	"CREATE INDEX intake_safety ON intake (safety_due)"
	" WHERE safety_due IS NOT NULL AND safety_done_at IS NULL;"
	/* the reporter's identity: protected, read through its own audited call */
	"CREATE TABLE intake_caller (intake_id INTEGER PRIMARY KEY REFERENCES intake (id),"
	" name TEXT, relation TEXT, contact TEXT, " BOOL("anonymous") ", intent TEXT, " STAMPS ");"
	"CREATE TABLE intake_abuse (intake_id INTEGER NOT NULL REFERENCES intake (id),"
	" " CODE_NN("abuse_type", "abuse_type") ", PRIMARY KEY (intake_id, abuse_type),"
	" " CODE_FK("abuse_type") ");"
	"CREATE TABLE safety_check (id INTEGER PRIMARY KEY,"
	" intake_id INTEGER REFERENCES intake (id), case_id INTEGER REFERENCES cases (id),"
	" staff_id INTEGER NOT NULL REFERENCES staff (id), at TEXT NOT NULL, method TEXT,"
	" " BOOL("seen") ", note TEXT, " STAMPS ","
	" CHECK (intake_id IS NOT NULL OR case_id IS NOT NULL));"
	"CREATE INDEX safety_check_intake ON safety_check (intake_id);";

static const char m1_assess[] =
	"CREATE TABLE urgency_question (no INTEGER PRIMARY KEY, text TEXT NOT NULL,"
	" examples TEXT);"
	"CREATE TABLE urgency_rule (ord INTEGER PRIMARY KEY,"
	" question INTEGER NOT NULL REFERENCES urgency_question (no),"
	" grade TEXT NOT NULL CHECK (grade IN ('AA', 'A', 'B', 'C')), reason TEXT NOT NULL);"
	"CREATE TABLE severity_handler (" CODE_NN("severity", "severity") ","
	" " CODE_NN("handler", "handler") ", note TEXT, PRIMARY KEY (severity),"
	" " CODE_FK("severity") ","
	" " CODE_FK("handler") ");"
	"CREATE TABLE assessment (id INTEGER PRIMARY KEY, case_id INTEGER REFERENCES cases (id),"
	" intake_id INTEGER REFERENCES intake (id), on_date TEXT NOT NULL,"
	" staff_id INTEGER NOT NULL REFERENCES staff (id), " GRADE("suggested") ","
	" " GRADE("decided") ", reason TEXT, " CODE("severity", "severity") ","
	" " CODE("handler", "handler") ", " STAMPS ","
	" CHECK (case_id IS NOT NULL OR intake_id IS NOT NULL),"
	" " CODE_FK("severity") ", " CODE_FK("handler") ");"
	"CREATE INDEX assessment_case ON assessment (case_id, on_date);"
	"CREATE TABLE assessment_answer ("
	" assessment_id INTEGER NOT NULL REFERENCES assessment (id),"
	" question INTEGER NOT NULL REFERENCES urgency_question (no),"
	" answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'unknown')), note TEXT,"
	" PRIMARY KEY (assessment_id, question));";

static const char m1_meeting[] =
	"CREATE TABLE meeting (id INTEGER PRIMARY KEY, " CODE_NN("kind", "meeting_kind") ","
	" held_on TEXT NOT NULL, title TEXT, minutes TEXT, " STAMPS ", " CODE_FK("kind") ");"
	"CREATE INDEX meeting_held ON meeting (held_on);"
	"CREATE TABLE meeting_attendee (id INTEGER PRIMARY KEY,"
	" meeting_id INTEGER NOT NULL REFERENCES meeting (id),"
	" staff_id INTEGER REFERENCES staff (id), agency_id INTEGER REFERENCES agency (id),"
	" name TEXT, CHECK (staff_id IS NOT NULL OR agency_id IS NOT NULL OR name IS NOT NULL));"
	"CREATE INDEX meeting_attendee_meeting ON meeting_attendee (meeting_id);"
	"CREATE TABLE meeting_decision (id INTEGER PRIMARY KEY,"
	" meeting_id INTEGER NOT NULL REFERENCES meeting (id),"
	" case_id INTEGER REFERENCES cases (id), intake_id INTEGER REFERENCES intake (id),"
	" accepted INTEGER CHECK (accepted IN (0, 1)), " CODE("consult_type", "consult_type") ","
	" " GRADE("urgency") ", lead_id INTEGER REFERENCES staff (id), safety_by TEXT,"
	" " CODE("registration", "registration") ", " BOOL("send_to_cgc") ", policy TEXT,"
	" decision TEXT NOT NULL, " STAMPS ", " CODE_FK("consult_type") ","
	" " CODE_FK("registration") ");"
	"CREATE INDEX meeting_decision_meeting ON meeting_decision (meeting_id);"
	"CREATE INDEX meeting_decision_case ON meeting_decision (case_id);";

static const char m1_plan[] =
	"CREATE TABLE plan (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases (id),"
	" plan_no INTEGER NOT NULL, needs TEXT, strengths TEXT, long_goal TEXT, short_goal TEXT,"
	" family_wishes TEXT, explained_on TEXT, handed_on TEXT, next_review TEXT,"
	" approved_by INTEGER REFERENCES staff (id), approved_at TEXT,"
	" supersedes INTEGER REFERENCES plan (id), " STAMPS ", UNIQUE (case_id, plan_no));"
	"CREATE TABLE plan_item (id INTEGER PRIMARY KEY,"
	" plan_id INTEGER NOT NULL REFERENCES plan (id), what TEXT NOT NULL,"
	" provider_staff INTEGER REFERENCES staff (id),"
	" provider_agency INTEGER REFERENCES agency (id), provider_service TEXT,"
	" frequency TEXT, from_on TEXT, to_on TEXT, result TEXT,"
	" sort INTEGER NOT NULL DEFAULT 0, " STAMPS ");"
	"CREATE INDEX plan_item_plan ON plan_item (plan_id, sort);"
	"CREATE TABLE note (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases (id),"
	" " CODE_NN("kind", "note_kind") ", at TEXT NOT NULL, counterpart TEXT,"
	" content TEXT NOT NULL, " CODE("source", "source") ", " BOOL("restricted") ","
	" staff_id INTEGER NOT NULL REFERENCES staff (id), " STAMPS ", " CODE_FK("kind") ","
	" " CODE_FK("source") ");"
	"CREATE INDEX note_case_at ON note (case_id, at);"
	"CREATE INDEX note_at ON note (at);"
	"CREATE TABLE transfer (id INTEGER PRIMARY KEY,"
	" case_id INTEGER NOT NULL REFERENCES cases (id), " CODE_NN("kind", "transfer_kind") ","
	" agency_id INTEGER REFERENCES agency (id), to_name TEXT, on_date TEXT NOT NULL,"
	" reason TEXT, staff_id INTEGER NOT NULL REFERENCES staff (id), " STAMPS ","
	" " CODE_FK("kind") ");"
	"CREATE INDEX transfer_case ON transfer (case_id);"
	/* which agency was told what, when and why */
	"CREATE TABLE disclosure (id INTEGER PRIMARY KEY, case_id INTEGER REFERENCES cases (id),"
	" person_id INTEGER REFERENCES person (id), agency_id INTEGER REFERENCES agency (id),"
	" recipient TEXT, at TEXT NOT NULL, what TEXT NOT NULL, why TEXT NOT NULL,"
	" legal_basis TEXT, staff_id INTEGER NOT NULL REFERENCES staff (id), " STAMPS ","
	" CHECK (agency_id IS NOT NULL OR recipient IS NOT NULL));"
	"CREATE INDEX disclosure_case ON disclosure (case_id, at);"
	"INSERT INTO setting (key, value) VALUES ('safety_check_hours', '48'),"
	" ('stale_days', '60'), ('review_cycle_months', '3'), ('secrecy_warn_days', '30'),"
	" ('retention_age', '25');";

/* Migration 5: a counter of changes to the records themselves, so that a
 * screen reloads when another worker changed data, and not when another
 * worker's screen only wrote an audit row (or autosaved a draft): reloads
 * write audit rows of their own, and reacting to those would make every open
 * screen reload every second, forever. */
#define SEQ_TRIGGER(t, op, when)                                                       \
	"CREATE TRIGGER " t "_seq_" when " AFTER " op " ON " t                           \
	" BEGIN UPDATE change_seq SET n = n + 1 WHERE id = 1; END;"
#define SEQ_TRIGGERS(t) SEQ_TRIGGER(t, "INSERT", "i") SEQ_TRIGGER(t, "UPDATE", "u") \
	SEQ_TRIGGER(t, "DELETE", "d")
static const char m_change_seq[] =
	"CREATE TABLE change_seq (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);"
	"INSERT INTO change_seq (id, n) VALUES (1, 0);"
	SEQ_TRIGGERS("staff")
	SEQ_TRIGGERS("setting")
	SEQ_TRIGGERS("agency")
	SEQ_TRIGGERS("household")
	SEQ_TRIGGERS("person")
	SEQ_TRIGGERS("household_member")
	SEQ_TRIGGERS("relation")
	SEQ_TRIGGERS("cases")
	SEQ_TRIGGERS("case_history")
	SEQ_TRIGGERS("case_abuse")
	SEQ_TRIGGERS("case_tag")
	SEQ_TRIGGERS("intake")
	SEQ_TRIGGERS("intake_caller")
	SEQ_TRIGGERS("intake_abuse")
	SEQ_TRIGGERS("safety_check")
	SEQ_TRIGGERS("assessment")
	SEQ_TRIGGERS("assessment_answer")
	SEQ_TRIGGERS("meeting")
	SEQ_TRIGGERS("meeting_attendee")
	SEQ_TRIGGERS("meeting_decision")
	SEQ_TRIGGERS("plan")
	SEQ_TRIGGERS("plan_item")
	SEQ_TRIGGERS("note")
	SEQ_TRIGGERS("transfer")
	SEQ_TRIGGERS("disclosure")
	SEQ_TRIGGERS("case_review")
	SEQ_TRIGGERS("meeting_case")
	SEQ_TRIGGERS("juri_detail")
	SEQ_TRIGGERS("investigation");
static const char *const m_seq[] = {m_change_seq, NULL};

struct migration {
	const char *name;
	const char *const *sql; /* NULL-terminated scripts run in order */
};

static const char *const m1[] = {m1_core, m1_people, m1_cases, m1_intake,
				 m1_assess, m1_meeting, m1_plan, NULL};

/* 進行管理 (plan.c, caselist.c, meeting.c): each review of a case; the cases
 * a 実務者会議 / 個別ケース検討会議 walks through and what it records for
 * each; the item a revised plan's item was copied from (for diffs). */
static const char m_review[] =
	"CREATE TABLE case_review (id INTEGER PRIMARY KEY,"
	" case_id INTEGER NOT NULL REFERENCES cases (id), on_date TEXT NOT NULL,"
	" staff_id INTEGER NOT NULL REFERENCES staff (id),"
	" meeting_id INTEGER REFERENCES meeting (id), next_review TEXT, note TEXT, " STAMPS ");"
	"CREATE INDEX case_review_case ON case_review (case_id, on_date);"
	"CREATE TABLE meeting_case (id INTEGER PRIMARY KEY,"
	" meeting_id INTEGER NOT NULL REFERENCES meeting (id),"
	" case_id INTEGER NOT NULL REFERENCES cases (id), sort INTEGER NOT NULL,"
	" " BOOL("recorded") ", " CODE("status", "status") ","
	" lead_agency_id INTEGER REFERENCES agency (id), key_person TEXT, policy TEXT,"
	" decision TEXT, next_review TEXT, staff_id INTEGER REFERENCES staff (id), " STAMPS ","
	" UNIQUE (meeting_id, case_id), " CODE_FK("status") ");"
	"CREATE INDEX meeting_case_case ON meeting_case (case_id);"
	"CREATE INDEX safety_check_case ON safety_check (case_id);"
	"ALTER TABLE plan_item ADD COLUMN origin_id INTEGER REFERENCES plan_item (id);";
static const char *const m_progress[] = {m_review, NULL};

/* 受理会議 (triage.c): what meeting_decision cannot hold (the outcome of an
 * intake not accepted, the referral, team, how the safety check is made,
 * the 児童相談所 request and the time of the decision), and the
 * investigation plan: which agencies are asked, per case. */
static const char m_juri[] =
	"CREATE TABLE juri_detail (decision_id INTEGER PRIMARY KEY"
	" REFERENCES meeting_decision (id), held_at TEXT NOT NULL,"
	" " CODE("outcome", "intake_outcome") ", referred_agency INTEGER REFERENCES agency (id),"
	" team TEXT, safety_method TEXT, " CODE("cgc", "transfer_kind") ","
	" transfer_id INTEGER REFERENCES transfer (id),"
	" staff_id INTEGER NOT NULL REFERENCES staff (id), " CODE_FK("outcome") ","
	" " CODE_FK("cgc") ");"
	"CREATE TABLE investigation (id INTEGER PRIMARY KEY,"
	" case_id INTEGER NOT NULL REFERENCES cases (id),"
	" decision_id INTEGER REFERENCES meeting_decision (id),"
	" agency_id INTEGER NOT NULL REFERENCES agency (id), what TEXT, due_on TEXT,"
	" done_on TEXT, result TEXT, " STAMPS ");"
	"CREATE INDEX investigation_case ON investigation (case_id);";
static const char *const m_triage[] = {m_juri, NULL};

/* 人物検索 (search.c): the narrow key table person_key, derived from the
 * names, readings, birth date and phone numbers as typed by the functions of
 * sql_func.c, kept exact by triggers on person, household and
 * household_member (so every writer maintains it; a connection without the
 * functions, such as the sqlite3 shell, can read but not write those
 * tables), an external-content FTS5 trigram index over it for 3+ characters
 * (checked by FTS5 integrity-check against person_key) and B-tree indexes
 * for prefix ranges of 1-2 characters. Never LIKE on the trigram table:
 * SQLite 3.40 silently returns no rows. search_rebuild (sql_search.c)
 * repeats the upsert below with a WHERE on changed keys. */
#define SK_COLS                                                                       \
	"person_id, name_key, kana_key, given_key, given_kana_key, mixed_key, birth, digits"
#define SK_UPSERT(cond)                                                              \
	"INSERT INTO person_key (" SK_COLS ") SELECT " SK_COLS " FROM person_key_src"   \
	" WHERE " cond " ON CONFLICT (person_id) DO UPDATE SET"                        \
	" name_key = excluded.name_key, kana_key = excluded.kana_key,"                  \
	" given_key = excluded.given_key, given_kana_key = excluded.given_kana_key,"    \
	" mixed_key = excluded.mixed_key, birth = excluded.birth, digits = excluded.digits;"
static const char m_search_keys[] =
	"CREATE TABLE person_key (person_id INTEGER PRIMARY KEY REFERENCES person (id),"
	" name_key TEXT NOT NULL, kana_key TEXT NOT NULL, given_key TEXT NOT NULL,"
	" given_kana_key TEXT NOT NULL, mixed_key TEXT NOT NULL, birth TEXT,"
	" digits TEXT NOT NULL);"
	"CREATE INDEX person_key_name ON person_key (name_key);"
	"CREATE INDEX person_key_kana ON person_key (kana_key);"
	"CREATE INDEX person_key_given ON person_key (given_key);"
	"CREATE INDEX person_key_given_kana ON person_key (given_kana_key);"
	"CREATE INDEX person_key_mixed ON person_key (mixed_key);"
	"CREATE INDEX person_key_birth ON person_key (birth);"
	"CREATE VIRTUAL TABLE person_key_fts USING fts5 (name_key, kana_key, digits,"
	" content = 'person_key', content_rowid = 'person_id', tokenize = 'trigram',"
	" columnsize = 0);"
	"CREATE TRIGGER person_key_fts_ai AFTER INSERT ON person_key BEGIN"
	" INSERT INTO person_key_fts (rowid, name_key, kana_key, digits)"
	" VALUES (new.person_id, new.name_key, new.kana_key, new.digits); END;"
	"CREATE TRIGGER person_key_fts_ad AFTER DELETE ON person_key BEGIN"
	" INSERT INTO person_key_fts (person_key_fts, rowid, name_key, kana_key, digits)"
	" VALUES ('delete', old.person_id, old.name_key, old.kana_key, old.digits); END;"
	"CREATE TRIGGER person_key_fts_au AFTER UPDATE ON person_key BEGIN"
	" INSERT INTO person_key_fts (person_key_fts, rowid, name_key, kana_key, digits)"
	" VALUES ('delete', old.person_id, old.name_key, old.kana_key, old.digits);"
	" INSERT INTO person_key_fts (rowid, name_key, kana_key, digits)"
	" VALUES (new.person_id, new.name_key, new.kana_key, new.digits); END;"
	/* the keys of a person: name and reading without spaces, folded, with
	 * variant kanji mapped; the family name followed by the given name's
	 * reading (what the IME shows while the given name is still being
	 * typed: 高橋 はる); own and current households' phone digits */
	"CREATE VIEW person_key_src AS SELECT p.id AS person_id,"
	" tsu_key_variant(p.family_name || coalesce(p.given_name, '')) AS name_key,"
	" tsu_key_variant(coalesce(p.family_kana, '') || coalesce(p.given_kana, '')) AS kana_key,"
	" tsu_key_variant(coalesce(p.given_name, '')) AS given_key,"
	" tsu_key_variant(coalesce(p.given_kana, '')) AS given_kana_key,"
	" CASE WHEN coalesce(p.given_kana, '') = '' THEN ''"
	" ELSE tsu_key_variant(p.family_name || p.given_kana) END AS mixed_key,"
	" p.birth_date AS birth, trim(tsu_key_digits(coalesce(p.phone, '')) || ' ' || coalesce("
	"(SELECT group_concat(d, ' ') FROM (SELECT DISTINCT tsu_key_digits(h.phone) AS d"
	" FROM household_member m JOIN household h ON h.id = m.household_id"
	" WHERE m.person_id = p.id AND m.left_on IS NULL AND h.phone IS NOT NULL)), '')) AS digits"
	" FROM person p;";
static const char m_search_triggers[] =
	"CREATE TRIGGER person_key_person_ai AFTER INSERT ON person BEGIN "
	SK_UPSERT("person_id = new.id") " END;"
	"CREATE TRIGGER person_key_person_au AFTER UPDATE OF family_name, given_name,"
	" family_kana, given_kana, birth_date, phone ON person BEGIN "
	SK_UPSERT("person_id = new.id") " END;"
	"CREATE TRIGGER person_key_person_ad AFTER DELETE ON person BEGIN"
	" DELETE FROM person_key WHERE person_id = old.id; END;"
	"CREATE TRIGGER person_key_household_au AFTER UPDATE OF phone ON household BEGIN "
	SK_UPSERT("person_id IN (SELECT person_id FROM household_member WHERE household_id = new.id)")
	" END;"
	"CREATE TRIGGER person_key_member_ai AFTER INSERT ON household_member BEGIN "
	SK_UPSERT("person_id = new.person_id") " END;"
	"CREATE TRIGGER person_key_member_au AFTER UPDATE OF household_id, person_id, left_on"
	" ON household_member BEGIN "
	SK_UPSERT("person_id IN (old.person_id, new.person_id)") " END;"
	"CREATE TRIGGER person_key_member_ad AFTER DELETE ON household_member BEGIN "
	SK_UPSERT("person_id = old.person_id") " END;"
	/* persons already in the file */
	SK_UPSERT("true");
static const char *const m_search[] = {m_search_keys, m_search_triggers, NULL};

/* Version n is migrations[n - 1]. The search migration (person_key + FTS5)
 * goes after the last entry. */
static const struct migration migrations[] = {
	{"領域スキーマ一式", m1},
	{"進行管理・会議の記録", m_progress},
	{"受理会議の詳細・調査計画", m_triage},
	{"人物検索の索引", m_search},
	{"変更の通知", m_seq},
};

int db_schema_version_supported(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

int schema_read_version(struct db *db, struct tsu_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL);
	int v = -1;

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	else
		sql_fail(db, rc, "スキーマの版の読み取り", e);
	sqlite3_finalize(st);
	return v;
}

static int exec(struct db *db, const char *sql, const char *what, struct tsu_err *e)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : sql_fail(db, rc, what, e);
}

/* One migration, inside the caller's transaction. */
static int apply(struct db *db, int version, bool last, struct tsu_err *e)
{
	const struct migration *m = &migrations[version - 1];
	char pragma[64];
	int rc = 0;

	for (const char *const *s = m->sql; *s && rc == 0; s++)
		rc = exec(db, *s, m->name, e);
	if (rc == 0 && last)
		rc = db_sync_data(db, NULL, e);
	if (rc == 0) {
		/* user_version takes no bound parameter; version is our own int */
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version);
		rc = exec(db, pragma, "スキーマの版の更新", e);
	}
	if (rc != 0)
		err_prefix(e, "スキーマ移行 %d (%s)", version, m->name);
	return rc;
}

int schema_migrate(struct db *db, struct tsu_err *e)
{
	int target = db_schema_version_supported();

	for (;;) {
		int v, rc;

		if ((rc = db_begin_write(db, e)) != 0)
			return rc;
		/* re-read under the write lock: another process may have migrated */
		v = schema_read_version(db, e);
		if (v < 0 || v >= target) {
			db_rollback(db);
			return v < 0 ? TSU_EDB : 0;
		}
		rc = apply(db, v + 1, v + 1 == target, e);
		if (rc == 0)
			rc = db_commit(db, e);
		if (rc != 0) {
			db_rollback(db);
			return rc;
		}
	}
}
