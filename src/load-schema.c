/*
 * load-schema.c -- the four extracts' and the commentary's default columns
 * as data (documented in dyadreport.ini(5), EXTRACTS).
 *
 * Takes: nothing; every table here is a const array.
 * Returns: per extract, its columns in documented order (name, type, required,
 *          the record field it fills, the code table of a code column) and
 *          its cross-column rule; the canonical code tables.
 * Owns: nothing allocated; callers keep pointers for the whole program.
 * Never: parses a value (load-field.c) or reads a file (load-csv.c).
 *
 * Adding a column means one line in a table plus the struct field in load.h.
 * A site's header names and codes are not here: they come in through
 * struct dr_load_options (renames, code_maps) and are applied by
 * load-extract.c, so the defaults below stay the single source of truth.
 * cols[0] of every data extract is the row's id, checked for duplicates;
 * the commentary has no id (several rows may say the same thing on
 * purpose: an action's history), so its schema says no_id.
 */
#include <stddef.h>
#include <string.h>

#include "load-int.h"

/* Code fields are stored as int-sized enums. */
_Static_assert(sizeof(enum dr_visit_type) == sizeof(int), "enum size");
_Static_assert(sizeof(enum dr_visit_status) == sizeof(int), "enum size");
_Static_assert(sizeof(enum dr_denial_status) == sizeof(int), "enum size");
_Static_assert(sizeof(enum dr_denial_reason) == sizeof(int), "enum size");
_Static_assert(sizeof(enum dr_appeal) == sizeof(int), "enum size");
_Static_assert(sizeof(enum dr_handoff_type) == sizeof(int), "enum size");
_Static_assert(sizeof(enum dr_handoff_tool) == sizeof(int), "enum size");
_Static_assert(sizeof(enum dr_role) == sizeof(int), "enum size");
_Static_assert(sizeof(enum dr_action_status) == sizeof(int), "enum size");
_Static_assert(sizeof(enum dr_audience) == sizeof(int), "enum size");

static const struct dr_load_code visit_types[] = {
	{ "NEW", DR_VISIT_NEW },
	{ "ESTABLISHED", DR_VISIT_ESTABLISHED },
	{ NULL, 0 },
};
static const struct dr_load_code visit_statuses[] = {
	{ "COMPLETED", DR_VISIT_COMPLETED },
	{ "NO_SHOW", DR_VISIT_NO_SHOW },
	{ "CANCELLED", DR_VISIT_CANCELLED },
	{ NULL, 0 },
};
static const struct dr_load_code denial_statuses[] = {
	{ "APPROVED", DR_DENIAL_APPROVED },
	{ "DENIED", DR_DENIAL_DENIED },
	{ "PENDING", DR_DENIAL_PENDING },
	{ NULL, 0 },
};
static const struct dr_load_code denial_reasons[] = {
	{ "MISSING_DOCUMENTATION", DR_REASON_MISSING_DOCUMENTATION },
	{ "CODING_ERROR", DR_REASON_CODING_ERROR },
	{ "MEDICAL_NECESSITY", DR_REASON_MEDICAL_NECESSITY },
	{ "AUTHORIZATION", DR_REASON_AUTHORIZATION },
	{ "ELIGIBILITY", DR_REASON_ELIGIBILITY },
	{ "TIMELY_FILING", DR_REASON_TIMELY_FILING },
	{ "OTHER", DR_REASON_OTHER },
	{ NULL, 0 },
};
static const struct dr_load_code appeals[] = {
	{ "PENDING", DR_APPEAL_PENDING },
	{ "OVERTURNED", DR_APPEAL_OVERTURNED },
	{ "UPHELD", DR_APPEAL_UPHELD },
	{ NULL, 0 },
};
static const struct dr_load_code handoff_types[] = {
	{ "SHIFT_CHANGE", DR_HANDOFF_SHIFT_CHANGE },
	{ "DISCHARGE", DR_HANDOFF_DISCHARGE },
	{ "REFERRAL", DR_HANDOFF_REFERRAL },
	{ "RESULT_FOLLOWUP", DR_HANDOFF_RESULT_FOLLOWUP },
	{ "OTHER", DR_HANDOFF_OTHER },
	{ NULL, 0 },
};
static const struct dr_load_code tools[] = {
	{ "SBAR", DR_TOOL_SBAR },
	{ "IPASS", DR_TOOL_IPASS },
	{ "NONE", DR_TOOL_NONE },
	{ NULL, 0 },
};
static const struct dr_load_code roles[] = {
	{ "PHYSICIAN", DR_ROLE_PHYSICIAN },
	{ "APP", DR_ROLE_APP },
	{ "NURSE", DR_ROLE_NURSE },
	{ "ADMINISTRATOR", DR_ROLE_ADMINISTRATOR },
	{ "STAFF", DR_ROLE_STAFF },
	{ NULL, 0 },
};
static const struct dr_load_code action_statuses[] = {
	{ "OPEN", DR_ACTION_OPEN },
	{ "DONE", DR_ACTION_DONE },
	{ "DROPPED", DR_ACTION_DROPPED },
	{ NULL, 0 },
};
static const struct dr_load_code audiences[] = {
	{ "INTERNAL", DR_AUDIENCE_INTERNAL },
	{ "PUBLIC", DR_AUDIENCE_PUBLIC },
	{ NULL, 0 },
};

#define TEXT(s, f, req)   { #f, DR_LOAD_TEXT, req, offsetof(struct s, f), NULL, 0 }
#define DATE(s, f, req)   { #f, DR_LOAD_DATE, req, offsetof(struct s, f), NULL, 0 }
#define BOOL(s, f, req)   { #f, DR_LOAD_BOOL, req, offsetof(struct s, f), NULL, 0 }
#define NONNEG(s, f)      { #f, DR_LOAD_NONNEG, false, offsetof(struct s, f), NULL, 0 }
#define SCORE(s, f, req)  { #f, DR_LOAD_SCORE, req, offsetof(struct s, f), NULL, 0 }
#define CODE(name, s, f, req, tab, empty) \
	{ name, DR_LOAD_CODE, req, offsetof(struct s, f), tab, empty }

static const struct dr_load_column visit_cols[] = {
	TEXT(dr_visit, visit_id, true),
	DATE(dr_visit, visit_date, true),
	TEXT(dr_visit, patient_id, true),
	TEXT(dr_visit, provider_id, true),
	TEXT(dr_visit, provider_name, false),
	TEXT(dr_visit, department, true),
	CODE("visit_type", dr_visit, visit_type, true, visit_types, 0),
	CODE("status", dr_visit, status, true, visit_statuses, 0),
	DATE(dr_visit, booked_date, false),
	NONNEG(dr_visit, duration_min),
	NONNEG(dr_visit, wrvu),
};

static const struct dr_load_column denial_cols[] = {
	TEXT(dr_denial, request_id, true),
	TEXT(dr_denial, department, true),
	TEXT(dr_denial, payer, true),
	TEXT(dr_denial, service, true),
	DATE(dr_denial, submitted_date, true),
	DATE(dr_denial, decision_date, false),
	CODE("status", dr_denial, status, true, denial_statuses, 0),
	CODE("denial_reason", dr_denial, reason, false, denial_reasons, DR_REASON_UNSPECIFIED),
	CODE("appeal_status", dr_denial, appeal, false, appeals, DR_APPEAL_NONE),
	NONNEG(dr_denial, amount),
};
enum { DENIAL_DECISION_DATE = 5 };

static const struct dr_load_column handoff_cols[] = {
	TEXT(dr_handoff, handoff_id, true),
	DATE(dr_handoff, handoff_date, true),
	TEXT(dr_handoff, department, true),
	CODE("handoff_type", dr_handoff, type, true, handoff_types, 0),
	BOOL(dr_handoff, completed, true),
	NONNEG(dr_handoff, hours_to_complete),
	{ "window_hours", DR_LOAD_POSITIVE, false, offsetof(struct dr_handoff, window_hours), NULL, 0 },
	CODE("structured_tool", dr_handoff, tool, false, tools, DR_TOOL_UNKNOWN),
};

static const struct dr_load_column response_cols[] = {
	TEXT(dr_response, response_id, true),
	DATE(dr_response, survey_date, true),
	TEXT(dr_response, department, true),
	CODE("role", dr_response, role, true, roles, 0),
	SCORE(dr_response, burnout, true),
	SCORE(dr_response, satisfaction, false),
	SCORE(dr_response, stress, false),
	SCORE(dr_response, trust_leadership, false),
	SCORE(dr_response, teamwork, false),
};

static const struct dr_load_column comment_cols[] = {
	TEXT(dr_comment_row, dyad, true),
	TEXT(dr_comment_row, metric, true),
	{ "month", DR_LOAD_MONTH, true, offsetof(struct dr_comment_row, month), NULL, 0 },
	TEXT(dr_comment_row, comment, false),
	TEXT(dr_comment_row, action, false),
	TEXT(dr_comment_row, owner, false),
	DATE(dr_comment_row, due, false),
	CODE("status", dr_comment_row, status, false, action_statuses, DR_ACTION_OPEN),
	CODE("audience", dr_comment_row, audience, false, audiences, DR_AUDIENCE_INTERNAL),
};
enum { COMMENT_COMMENT = 3 };

/* Denials: a decision cannot precede its submission; only a DENIED row has a
 * reason (an empty one is already DR_REASON_UNSPECIFIED). */
static enum dr_skip_reason check_denial(void *record, size_t *col)
{
	struct dr_denial *d = record;
	if (d->decision_date != DR_NO_DATE && d->decision_date < d->submitted_date) {
		*col = DENIAL_DECISION_DATE;
		return DR_SKIP_DECISION_ORDER;
	}
	if (d->status != DR_DENIAL_DENIED)
		d->reason = DR_REASON_UNSPECIFIED;
	return DR_NSKIP;
}

/* Commentary: a row says something (a comment) or decides something (an
 * action); one with neither is a required value missing, named on the
 * comment column. */
static enum dr_skip_reason check_comment(void *record, size_t *col)
{
	const struct dr_comment_row *r = record;
	if (!r->comment && !r->action) {
		*col = COMMENT_COMMENT;
		return DR_SKIP_MISSING;
	}
	return DR_NSKIP;
}

static const struct dr_load_schema schemas[DR_NSOURCES] = {
	[DR_VISITS] = { DR_VISITS, visit_cols, DR_NELEM(visit_cols), NULL, false, false, 0 },
	[DR_DENIALS] = { DR_DENIALS, denial_cols, DR_NELEM(denial_cols), check_denial, false, false, 0 },
	[DR_HANDOFFS] = { DR_HANDOFFS, handoff_cols, DR_NELEM(handoff_cols), NULL, false, false, 0 },
	[DR_BURNOUT] = { DR_BURNOUT, response_cols, DR_NELEM(response_cols), NULL, false, false, 0 },
	[DR_COMMENTARY] = { DR_COMMENTARY, comment_cols, DR_NELEM(comment_cols), check_comment,
	                    true, true, offsetof(struct dr_comment_row, line),
	                    offsetof(struct dr_comment_row, file) },
};

static const char *const extract_names[DR_NSOURCES] = {
	[DR_VISITS] = "visits",
	[DR_DENIALS] = "denials",
	[DR_HANDOFFS] = "handoffs",
	[DR_BURNOUT] = "burnout",
	[DR_COMMENTARY] = "commentary",
};

/* "visits", "denials", "handoffs", "burnout", "commentary". */
const char *dr_extract_name(enum dr_extract e)
{
	return (unsigned)e < DR_NSOURCES ? extract_names[e] : "?";
}

/* The schema of extract e. */
const struct dr_load_schema *dr_load_schema(enum dr_extract e)
{
	return (unsigned)e < DR_NSOURCES ? &schemas[e] : NULL;
}

/* true if a[0..alen) equals b, ignoring ASCII case. */
bool dr_load_same_name(const char *a, size_t alen, const char *b)
{
	for (size_t i = 0; i < alen; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (y == '\0')
			return false;
		if ((unsigned)(x - 'a') < 26)
			x -= 'a' - 'A';
		if ((unsigned)(y - 'a') < 26)
			y -= 'a' - 'A';
		if (x != y)
			return false;
	}
	return b[alen] == '\0';
}

/* Index of the column named name in schema, or -1. */
int dr_load_schema_find(const struct dr_load_schema *schema, const char *name)
{
	for (size_t i = 0; i < schema->ncols; i++)
		if (dr_load_same_name(name, strlen(name), schema->cols[i].name))
			return (int)i;
	return -1;
}

/* The value of code s[0..len) in table, or -1. */
int dr_load_code_value(const struct dr_load_code *table, const char *s, size_t len)
{
	for (const struct dr_load_code *c = table; c->name; c++)
		if (dr_load_same_name(s, len, c->name))
			return c->value;
	return -1;
}

/* ---- the schema seen from outside the loader (load.h) ---- */

size_t dr_load_ncolumns(enum dr_extract e)
{
	return (unsigned)e < DR_NSOURCES ? schemas[e].ncols : 0;
}

const char *dr_load_column_name(enum dr_extract e, size_t c)
{
	return c < dr_load_ncolumns(e) ? schemas[e].cols[c].name : NULL;
}

bool dr_load_column_required(enum dr_extract e, size_t c)
{
	return c < dr_load_ncolumns(e) && schemas[e].cols[c].required;
}

const char *dr_load_column_type(enum dr_extract e, size_t c)
{
	static const char *const names[] = {
		[DR_LOAD_TEXT] = "text", [DR_LOAD_DATE] = "date", [DR_LOAD_CODE] = "code",
		[DR_LOAD_BOOL] = "Y/N", [DR_LOAD_NONNEG] = "number >= 0",
		[DR_LOAD_POSITIVE] = "number > 0", [DR_LOAD_SCORE] = "integer 1-5",
		[DR_LOAD_MONTH] = "month",
	};
	return c < dr_load_ncolumns(e) ? names[schemas[e].cols[c].type] : NULL;
}

const char *dr_load_column_code(enum dr_extract e, size_t c, size_t i)
{
	if (c >= dr_load_ncolumns(e) || schemas[e].cols[c].type != DR_LOAD_CODE)
		return NULL;
	const struct dr_load_code *codes = schemas[e].cols[c].codes;
	for (size_t k = 0; k < i; k++)
		if (!codes[k].name)
			return NULL;
	return codes[i].name;
}

int dr_load_column_index(enum dr_extract e, const char *name)
{
	return (unsigned)e < DR_NSOURCES ? dr_load_schema_find(&schemas[e], name) : -1;
}

const char *dr_load_code_map_check(enum dr_extract e, const char *column, const char *to)
{
	int c = dr_load_column_index(e, column);
	if (c < 0)
		return "no such column in this extract";
	const struct dr_load_column *col = &schemas[e].cols[c];
	if (col->type != DR_LOAD_CODE && col->type != DR_LOAD_BOOL)
		return "not a code column (only code and Y/N columns can be mapped)";
	if (dr_load_same_name(to, strlen(to), DR_LOAD_IGNORE))
		return NULL;
	bool b;
	if (col->type == DR_LOAD_BOOL)
		return dr_load_parse_bool(to, strlen(to), &b) ? NULL : "must map to Y, N or IGNORE";
	if (dr_load_code_value(col->codes, to, strlen(to)) < 0)
		return "not one of the column's codes (see dyadreport.ini(5), EXTRACTS), nor IGNORE";
	return NULL;
}

int dr_load_code_of(enum dr_extract e, const char *column, const char *code)
{
	int c = dr_load_column_index(e, column);
	if (c < 0 || schemas[e].cols[c].type != DR_LOAD_CODE)
		return -1;
	return dr_load_code_value(schemas[e].cols[c].codes, code, strlen(code));
}
