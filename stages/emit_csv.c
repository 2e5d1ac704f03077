/*
 * emit_csv.c: a published CSV and its copies, written row by row into all
 * of them at once.
 *
 * - NAME.csv, for people: formula-like text neutralized (pl_csvwrite.h),
 *   because a submission is untrusted and this file is opened in a
 *   spreadsheet.
 * - NAME.excel.csv, with --excel: the same for Excel in the Indonesian
 *   locale (';', decimal comma, byte-order mark, CRLF), also neutralized.
 * - NAME.csv.gz, with --gzip-level: the warehouse's copy, with the values
 *   as they are. A loader must get what the clerk wrote, not an apostrophe
 *   added for spreadsheets, so this copy is written from the records with
 *   neutralization off (into a scratch file, compressed, then removed),
 *   never compressed from the people's file.
 *
 * Which columns are decimal numbers (and get a decimal comma in the Excel
 * copy) is known by their names: the decimal(2) columns of
 * docs/outputs.md. Region codes ("52.72") are written with
 * emit_csv_num like every number but are not among them, so Excel keeps
 * them as text.
 */
#include <stdlib.h>
#include <string.h>

#include "emit_internal.h"

enum { PEOPLE, EXCEL, WAREHOUSE };

static const char *const decimal_columns[] = {
    "spd",
    "sid",
    "jumlah_score",
    "avg_maturity",
    "avg_maturity_pct",
    "iid",
    "claimed_points",
    "scored_points",
    "counted_points",
    "points",
    "max_points",
    "iid_lacking",
    "iid_gain",
    "iid_after",
    "iid_previous",
    "iid_change",
};

static int is_decimal_column(const char *name)
{
	for (size_t i = 0; i < sizeof decimal_columns / sizeof *decimal_columns; i++)
		if (strcmp(name, decimal_columns[i]) == 0)
			return 1;
	return 0;
}

/* regions.csv -> regions.excel.csv; .regions.csv.raw for the scratch
 * copy the warehouse's gzip is made from. */
static void copy_name(struct pl_buf *b, const char *name, int which)
{
	size_t len = strlen(name);
	if (which == EXCEL) {
		if (len > 4 && strcmp(name + len - 4, ".csv") == 0)
			len -= 4;
		pl_buf_printf(b, "%.*s.excel.csv", (int)len, name);
	} else if (which == WAREHOUSE) {
		pl_buf_printf(b, ".%s.raw", name);
	} else {
		pl_buf_adds(b, name);
	}
}

int emit_csv_open(struct emit_csv *c, struct out *o, const char *name, const char *const *cols,
		  size_t ncols)
{
	memset(c, 0, sizeof *c);
	c->o = o;
	c->name = name;
	c->ncols = ncols;
	c->decimal = pl_xcalloc(ncols ? ncols : 1, 1);
	for (size_t i = 0; i < ncols; i++)
		c->decimal[i] = (unsigned char)is_decimal_column(cols[i]);
	int want[EMIT_CSV_COPIES] = {1, o->e->opts.excel, o->e->opts.gzip_level > 0};
	for (int k = 0; k < EMIT_CSV_COPIES; k++) {
		if (!want[k])
			continue;
		copy_name(&c->names[k], name, k);
		c->fp[k] = emit_open(o, c->names[k].p);
		if (!c->fp[k]) {
			emit_csv_close(c);
			return -1;
		}
		if (k == EXCEL)
			pl_csvw_init_excel(&c->w[k], c->fp[k]);
		else
			pl_csvw_init(&c->w[k], c->fp[k], k == PEOPLE);
	}
	for (size_t i = 0; i < ncols; i++)
		emit_csv_num(c, cols[i]);
	emit_csv_end(c);
	return 0;
}

void emit_csv_text(struct emit_csv *c, const char *s)
{
	for (int k = 0; k < EMIT_CSV_COPIES; k++)
		if (c->fp[k])
			pl_csvw_text(&c->w[k], s);
	c->col++;
}

void emit_csv_num(struct emit_csv *c, const char *s)
{
	int dec = c->col < c->ncols && c->decimal[c->col];
	for (int k = 0; k < EMIT_CSV_COPIES; k++) {
		if (!c->fp[k])
			continue;
		if (dec)
			pl_csvw_dec(&c->w[k], s);
		else
			pl_csvw_num(&c->w[k], s);
	}
	c->col++;
}

void emit_csv_long(struct emit_csv *c, long long v)
{
	char buf[PL_INT_BUF];
	emit_csv_num(c, pl_fmt_int(buf, v));
}

void emit_csv_end(struct emit_csv *c)
{
	for (int k = 0; k < EMIT_CSV_COPIES; k++)
		if (c->fp[k])
			pl_csvw_end(&c->w[k]);
	c->col = 0;
}

/* Closes one copy; 0, or -1 with the run marked failed. */
static int close_copy(struct emit_csv *c, int k)
{
	struct out *o = c->o;
	const char *name = c->names[k].p;
	int lost = pl_csvw_flush(&c->w[k]) < 0;
	pl_csvw_free(&c->w[k]);
	FILE *fp = c->fp[k];
	c->fp[k] = NULL;
	if (pl_outdir_close(&o->dir, fp, name, &o->err) < 0 || lost) {
		if (!o->failed && lost && !o->err.len)
			pl_buf_printf(&o->err, "cannot write '%s'", name);
		o->failed = 1;
		return -1;
	}
	return 0;
}

void emit_csv_close(struct emit_csv *c)
{
	struct out *o = c->o;
	int ok[EMIT_CSV_COPIES] = {0};
	for (int k = 0; k < EMIT_CSV_COPIES; k++)
		if (c->fp[k])
			ok[k] = close_copy(c, k) == 0;
	/* On failure the scratch copy goes with the whole staging folder
	 * (pl_outdir_abort); on success it is removed here, so it is never
	 * published. */
	if (ok[WAREHOUSE] && !o->failed) {
		struct pl_buf gz = {0};
		pl_buf_printf(&gz, "%s.gz", c->name);
		if (pl_outdir_gzip_as(&o->dir, c->names[WAREHOUSE].p, gz.p, o->e->opts.gzip_level,
				      &o->err) < 0 ||
		    pl_outdir_remove(&o->dir, c->names[WAREHOUSE].p, &o->err) < 0)
			o->failed = 1;
		pl_buf_free(&gz);
	}
	for (int k = 0; k < EMIT_CSV_COPIES; k++)
		pl_buf_free(&c->names[k]);
	free(c->decimal);
	c->decimal = NULL;
}
