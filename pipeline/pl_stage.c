#include "pl_exit.h"
#include "pl_stage.h"

int pl_report(struct pl_sink sink, struct pl_group *g, const struct pl_ctx *ctx,
	      const char *stage, enum pl_reject_code code, const char *file,
	      const char *line, const struct pl_row *sub, const char *field,
	      const char *value, const char *detail)
{
	enum pl_kind kind = pl_reject_scope(code) == PL_SCOPE_WARNING ? PL_KIND_WARN
								     : PL_KIND_REJ;
	pl_group_start(g, kind);
	struct pl_row *r = &g->head;
	pl_set(g, r, PL_REJ_FILE, file);
	pl_set(g, r, PL_REJ_LINE, line);
	pl_set(g, r, PL_REJ_FIELD, field ? field : "");
	pl_set(g, r, PL_REJ_VALUE, value ? value : "");
	pl_set(g, r, PL_REJ_CODE, pl_reject_name(code));
	if (detail && *detail)
		pl_setf(g, r, PL_REJ_MESSAGE, "%s: %s", pl_reject_message(code, ctx->lang), detail);
	else
		pl_set(g, r, PL_REJ_MESSAGE, pl_reject_message(code, ctx->lang));
	pl_set(g, r, PL_REJ_STAGE, stage);
	if (sub) {
		pl_set(g, r, PL_REJ_REC_KIND, sub->f[PL_SUB_KIND]);
		pl_set(g, r, PL_REJ_TAHUN, sub->f[PL_SUB_TAHUN]);
		pl_set(g, r, PL_REJ_KODE, sub->f[PL_SUB_KODE]);
		pl_set(g, r, PL_REJ_ID, sub->f[PL_SUB_ID]);
		pl_set(g, r, PL_REJ_NAMA, sub->f[PL_SUB_NAMA]);
		pl_set(g, r, PL_REJ_OPD, sub->f[PL_SUB_OPD]);
	}
	return sink.put(sink.self, g);
}

int pl_stage_spill_failed(struct pl_ctx *ctx, const struct pl_spill *s)
{
	pl_buf_reset(&ctx->err);
	pl_buf_adds(&ctx->err, pl_buf_str(&s->err));
	ctx->exit_code = PL_EXIT_IOERR;
	return -1;
}

int pl_stage_spill_open(struct pl_ctx *ctx, struct pl_spill *s, int *open)
{
	if (*open)
		return 0;
	if (pl_spill_open(s) < 0) {
		pl_stage_spill_failed(ctx, s);
		pl_spill_close(s); /* frees the reason, now copied */
		return -1;
	}
	*open = 1;
	return 0;
}
