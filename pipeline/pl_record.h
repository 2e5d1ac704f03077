/*
 * pl_record.h: the records that flow between stages, and their schemas.
 *
 * Every record is a row of string fields of one kind; the kind fixes the
 * columns (the schemas below are the contract between stages, documented in
 * docs/stream-format.md). A NULL field is "missing" (\N in the stream), as
 * distinct from the empty string. A group is one head row plus, for a
 * submission, its answer rows: stages receive and pass on whole groups, so
 * an innovation is accepted or rejected as a unit.
 *
 * Memory: every string and field array of a group lives in the group's
 * arena; pl_group_reset frees them all at once. A stage that receives a
 * group may change its fields (allocating new strings from g->arena) but
 * must not keep pointers into it after its put function returns. Only a
 * submission's strings may be changed in place (normalize does: see
 * pl_set_own); a result row (inn, spd) may point at strings its maker
 * keeps and is read only.
 */
#ifndef PL_RECORD_H
#define PL_RECORD_H

#include <stddef.h>

#include "pl_arena.h"

#define PL_SRC_FIELDS(X)                                                     \
	X(SRC_FILE, "file") X(SRC_SHAPE, "shape") X(SRC_KIND, "kind")            \
	X(SRC_RECORDS, "records") X(SRC_STATUS, "status") X(SRC_CODE, "code")  \
	X(SRC_MESSAGE, "message")

#define PL_SUB_FIELDS(X)                                                     \
	X(SUB_FILE, "file") X(SUB_LINE, "line") X(SUB_KIND, "kind")              \
	X(SUB_TAHUN, "tahun") X(SUB_KODE, "kode_wilayah")                        \
	X(SUB_NAMA_WILAYAH, "nama_wilayah") X(SUB_ID, "id_inovasi")             \
	X(SUB_NAMA, "nama_inovasi") X(SUB_OPD, "perangkat_daerah")              \
	X(SUB_BENTUK, "bentuk") X(SUB_JENIS, "jenis")                           \
	X(SUB_INISIATOR, "inisiator") X(SUB_URUSAN, "urusan")                   \
	X(SUB_TAHAPAN, "tahapan") X(SUB_TGL_UJI, "tanggal_uji_coba")            \
	X(SUB_TGL_TERAP, "tanggal_penerapan") X(SUB_TGL_KIRIM, "tanggal_kirim") \
	X(SUB_STATUS, "status_verifikasi")

#define PL_ANS_FIELDS(X)                                                     \
	X(ANS_ROW, "row") X(ANS_LEVEL, "level") X(ANS_BUKTI, "bukti")            \
	X(ANS_VERIF, "verif")

/* The value of a sub field as written, kept by normalize when it changed
 * it, so a later reject can quote what the clerk typed. */
#define PL_RAW_FIELDS(X) X(RAW_FIELD, "field") X(RAW_VALUE, "value")

/* A problem with a record (rej) or a note that loses nothing (warn). The
 * context columns repeat what the record said, so a clerk can find it. */
#define PL_REJ_FIELDS(X)                                                     \
	X(REJ_FILE, "file") X(REJ_LINE, "line") X(REJ_FIELD, "field")            \
	X(REJ_VALUE, "value") X(REJ_CODE, "code") X(REJ_MESSAGE, "message")      \
	X(REJ_STAGE, "stage") X(REJ_REC_KIND, "record_kind")                     \
	X(REJ_TAHUN, "tahun") X(REJ_KODE, "kode_wilayah")                        \
	X(REJ_ID, "id_inovasi") X(REJ_NAMA, "nama_inovasi")                     \
	X(REJ_OPD, "perangkat_daerah")

/* One stage's count of the records of one file: what came in, went on,
 * was rejected, or superseded. emit checks in = out + rejected +
 * superseded for every stage, and that each stage got what the one before
 * sent on. */
#define PL_ACCT_FIELDS(X)                                                    \
	X(ACCT_STAGE, "stage") X(ACCT_FILE, "file") X(ACCT_IN, "records_in")     \
	X(ACCT_OUT, "records_out") X(ACCT_REJECTED, "rejected")                 \
	X(ACCT_SUPERSEDED, "superseded")

#define PL_INN_FIELDS(X)                                                     \
	X(INN_FILE, "file") X(INN_LINE, "line") X(INN_YEAR, "year")              \
	X(INN_REGION, "region_code") X(INN_ID, "id_inovasi")                    \
	X(INN_NAMA, "nama_inovasi") X(INN_OPD, "perangkat_daerah")              \
	X(INN_BENTUK, "bentuk") X(INN_JENIS, "jenis")                           \
	X(INN_INISIATOR, "inisiator") X(INN_URUSAN, "urusan")                   \
	X(INN_TAHAPAN, "tahapan") X(INN_TGL_TERAP, "tanggal_penerapan")         \
	X(INN_TGL_KIRIM, "tanggal_kirim") X(INN_STATUS, "status_verifikasi")    \
	X(INN_DISPOSITION, "disposition") X(INN_REASON, "reason")               \
	X(INN_CLAIMED, "claimed_points") X(INN_SCORED, "scored_points")         \
	X(INN_COUNTED, "counted_points")                                        \
	X(INN_UNEVIDENCED, "unevidenced_answers")

#define PL_SPD_FIELDS(X)                                                     \
	X(SPD_FILE, "file") X(SPD_LINE, "line") X(SPD_YEAR, "year")              \
	X(SPD_REGION, "region_code") X(SPD_TGL_KIRIM, "tanggal_kirim")          \
	X(SPD_DISPOSITION, "disposition") X(SPD_REASON, "reason")               \
	X(SPD_CLAIMED, "claimed_points") X(SPD_SCORED, "scored_points")

/* Why a region scores what it scores: its points by aspect and variable. */
#define PL_EXP_FIELDS(X)                                                     \
	X(EXP_YEAR, "year") X(EXP_REGION, "region_code") X(EXP_ASPECT, "aspect") \
	X(EXP_VARIABLE, "variable") X(EXP_POINTS, "points")                     \
	X(EXP_MAX, "max_points")

/* One step of the cheapest way to the next predicate: a change to one
 * answer, what it is worth in IID points, and where the IID stands after
 * it and every step before. */
#define PL_SUG_FIELDS(X)                                                     \
	X(SUG_YEAR, "year") X(SUG_REGION, "region_code")                        \
	X(SUG_NEXT, "next_predicate") X(SUG_GAP, "iid_lacking")                 \
	X(SUG_STEP, "step") X(SUG_CHANGE, "change") X(SUG_FILE, "file")         \
	X(SUG_LINE, "line") X(SUG_ID, "id_inovasi") X(SUG_ROW, "row")            \
	X(SUG_FROM, "level_now") X(SUG_TO, "level_after")                       \
	X(SUG_GAIN, "iid_gain") X(SUG_IID_AFTER, "iid_after")                   \
	X(SUG_PRED_AFTER, "predicate_after")

/* A region's rank in a tag cluster of the master (tertinggal, ...),
 * among the regions of its level that carry the tag. */
#define PL_CLU_FIELDS(X)                                                     \
	X(CLU_YEAR, "year") X(CLU_CLUSTER, "cluster") X(CLU_LEVEL, "level")      \
	X(CLU_REGION, "region_code") X(CLU_IID, "iid") X(CLU_RANK, "rank")

#define PL_REG_FIELDS(X)                                                     \
	X(REG_YEAR, "year") X(REG_CODE, "region_code")                          \
	X(REG_NAME, "region_name") X(REG_LEVEL, "level")                        \
	X(REG_PROVINCE, "province_code") X(REG_SPD, "spd") X(REG_SID, "sid")    \
	X(REG_SID_NUM, "sid_num") X(REG_SID_DEN, "sid_den")                     \
	X(REG_JUMLAH, "jumlah_score") X(REG_DIVISOR, "divisor")                 \
	X(REG_N_DIV, "n_div") X(REG_N_COUNT, "n_count")                         \
	X(REG_N_DITOLAK, "n_ditolak") X(REG_N_EXCLUDED, "n_excluded")           \
	X(REG_AVG, "avg_maturity") X(REG_AVG_PCT, "avg_maturity_pct")           \
	X(REG_IID, "iid") X(REG_PREDICATE, "predicate")                         \
	X(REG_RANK_NATIONAL, "rank_national")                                   \
	X(REG_RANK_PROVINCE, "rank_province")

#define PL_ENUM_FIELD(id, name) PL_##id,
enum { PL_SRC_FIELDS(PL_ENUM_FIELD) PL_SRC_NF };
enum { PL_SUB_FIELDS(PL_ENUM_FIELD) PL_SUB_NF };
enum { PL_ANS_FIELDS(PL_ENUM_FIELD) PL_ANS_NF };
enum { PL_RAW_FIELDS(PL_ENUM_FIELD) PL_RAW_NF };
enum { PL_REJ_FIELDS(PL_ENUM_FIELD) PL_REJ_NF };
enum { PL_ACCT_FIELDS(PL_ENUM_FIELD) PL_ACCT_NF };
enum { PL_INN_FIELDS(PL_ENUM_FIELD) PL_INN_NF };
enum { PL_SPD_FIELDS(PL_ENUM_FIELD) PL_SPD_NF };
enum { PL_REG_FIELDS(PL_ENUM_FIELD) PL_REG_NF };
enum { PL_EXP_FIELDS(PL_ENUM_FIELD) PL_EXP_NF };
enum { PL_CLU_FIELDS(PL_ENUM_FIELD) PL_CLU_NF };
enum { PL_SUG_FIELDS(PL_ENUM_FIELD) PL_SUG_NF };
#undef PL_ENUM_FIELD

/* Record kinds, in the order a stream declares them. */
enum pl_kind {
	PL_KIND_SRC,  /* one input file: shape, records read, or why unreadable */
	PL_KIND_SUB,  /* a submission: an innovation or a region's SPD answers */
	PL_KIND_ANS,  /* one answer of the submission before it */
	PL_KIND_RAW,  /* a field of that submission as written, before normalize */
	PL_KIND_REJ,  /* a rejected or superseded record, with its reason */
	PL_KIND_WARN, /* something kept out of scoring that loses nothing */
	PL_KIND_ACCT, /* a stage's record counts for one file */
	PL_KIND_INN,  /* a scored innovation record and its disposition */
	PL_KIND_SPD,  /* a region's SPD record and its disposition */
	PL_KIND_REG,  /* one region's result for one year */
	PL_KIND_EXP,  /* a region's points in one variable */
	PL_KIND_CLU,  /* a region's rank in a tag cluster */
	PL_KIND_SUG,  /* a step towards a region's next predicate */
	PL_KIND_COUNT
};

struct pl_schema {
	const char *tag;          /* first column of the record's stream line */
	size_t nf;                /* number of fields after the tag */
	const char *const *names; /* column names */
};

const struct pl_schema *pl_schema_of(enum pl_kind kind);
/* The kind with this tag, or -1. */
int pl_kind_from_tag(const char *tag);

struct pl_row {
	enum pl_kind kind;
	char **f; /* pl_schema_of(kind)->nf fields; NULL is missing */
};

/* What normalize did to a submission on a thread that read it ahead
 * (normalize_ahead_new): the stage on the run's thread then only counts
 * it. Reset when a group is started; never in a stream. */
enum pl_normalized {
	PL_NORM_NOT,      /* not yet normalized */
	PL_NORM_PASSED,   /* normalized, to be passed on */
	PL_NORM_REJECTED, /* rejected, its rejects sent before it */
};

struct pl_group {
	struct pl_row head;
	enum pl_normalized normalized; /* of a submission */
	struct pl_row *ans; /* the answers of a submission, in input order */
	size_t nans;
	size_t cap;
	struct pl_row *raw; /* fields as written, where normalize changed them */
	size_t nraw;
	size_t rawcap;
	struct pl_arena arena;
	/* Bytes that hold many of the rows' strings, from a producer whose
	 * strings outlive the put (ingest: the block of a CSV record's
	 * fields): pl_group_encode copies them at once instead of string by
	 * string. NULL when unknown; reset when a group is started. */
	const char *span;
	size_t nspan;
	/* The same for strings the rows share with other groups (ingest: a
	 * file's answer row names), copied with the span. */
	const char *shared;
	size_t nshared;
};

/* Starts a new group with a head row of this kind, all fields missing. */
void pl_group_start(struct pl_group *g, enum pl_kind kind);
/* Appends an answer row, all fields missing. */
struct pl_row *pl_group_add_ans(struct pl_group *g);
/* Records that head field i of a submission was written as value, unless
 * it was recorded already (the first spelling is the one written). */
void pl_group_keep_raw(struct pl_group *g, size_t field, const char *value);
/* Field i of a submission as written: the kept raw value, or the field. */
const char *pl_group_raw(const struct pl_group *g, size_t field);
/* Appends an empty raw row (stream readers use it). */
struct pl_row *pl_group_add_raw(struct pl_group *g);
/* Frees the group's strings; the group can be started again. */
void pl_group_reset(struct pl_group *g);
void pl_group_free(struct pl_group *g);

/* Sets field i of a row to s itself, not a copy (NULL sets it missing):
 * for a producer whose strings outlive the put of the group, such as a
 * CSV record's fields. The stages after it may change the string in
 * place (normalize squeezes white space), so s must be the row's alone. */
static inline void pl_set_own(struct pl_row *r, size_t i, char *s)
{
	r->f[i] = s;
}
/* Sets field i of a result row to s itself, not a copy: for a maker whose
 * strings (its own or shared, such as the master's) outlive the put. The
 * stages after it only read result rows (see Memory above). */
static inline void pl_set_lent(struct pl_row *r, size_t i, const char *s)
{
	r->f[i] = (char *)s;
}
/* Sets field i of a row of g to a copy of s (NULL sets it missing). */
void pl_set(struct pl_group *g, struct pl_row *r, size_t i, const char *s);
void pl_setn(struct pl_group *g, struct pl_row *r, size_t i, const char *s,
	     size_t n);
void pl_setf(struct pl_group *g, struct pl_row *r, size_t i, const char *fmt,
	     ...) __attribute__((format(printf, 4, 5)));
/* Sets field i to v in decimal: what pl_setf's "%lld" makes, without
 * formatting twice through vsnprintf (the explanations of every region
 * set thousands of these). */
void pl_set_int(struct pl_group *g, struct pl_row *r, size_t i, long long v);
/* Field i, or "" when missing: for reading values where missing and empty
 * mean the same. */
static inline const char *pl_get(const struct pl_row *r, size_t i)
{
	return r->f[i] ? r->f[i] : "";
}

#endif
