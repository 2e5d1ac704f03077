#include <stdlib.h>
#include <string.h>

#include "normalize.h"

struct normalize {
	struct pl_ctx *ctx;
	struct pl_sink next;
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Trims and collapses white space in place (the string only shrinks). */
static void squeeze(char *s)
{
	char *o = s;
	int gap = 0;
	for (char *p = s; *p; p++) {
		if (is_space(*p)) {
			gap = o != s;
			continue;
		}
		if (gap)
			*o++ = ' ';
		gap = 0;
		*o++ = *p;
	}
	*o = '\0';
}

/* Drops a spreadsheet's ".0" (or ".00") after an integer: "2023.0". */
static void drop_float_zero(char *s)
{
	char *dot = strchr(s, '.');
	if (!dot || dot == s)
		return;
	for (char *p = s; p < dot; p++)
		if (!is_digit(*p))
			return;
	if (!dot[1])
		return;
	for (char *p = dot + 1; *p; p++)
		if (*p != '0')
			return;
	*dot = '\0';
}

/* 52, 52.0, 5272, 5272.0, 52.72, 52 72 -> 52 or 52.72; else unchanged. */
static void canonical_region(char *s)
{
	char digits[5];
	size_t n = 0;
	size_t len = strlen(s);
	/* A float-formatted code: only a trailing ".0" is a float artefact. */
	if (len > 2 && strcmp(s + len - 2, ".0") == 0 && (len == 4 || len == 6))
		s[len -= 2] = '\0';
	for (char *p = s; *p; p++) {
		if (is_digit(*p)) {
			if (n == 4)
				return;
			digits[n++] = *p;
		} else if ((*p != '.' && *p != ' ') || n != 2) {
			return; /* a separator is only allowed after the province */
		}
	}
	if (n == 2)
		memcpy(s, digits, 2), s[2] = '\0';
	else if (n == 4)
		s[0] = digits[0], s[1] = digits[1], s[2] = '.', s[3] = digits[2],
		s[4] = digits[3], s[5] = '\0';
}

static int normalize_put(void *self, struct pl_group *g)
{
	struct normalize *nz = self;
	if (g->head.kind != PL_KIND_SUB)
		return nz->next.put(nz->next.self, g);
	struct pl_row *h = &g->head;
	/* Fields live in the group's arena and only shrink, so the work is in
	 * place. */
	for (size_t f = PL_SUB_TAHUN; f < PL_SUB_NF; f++)
		if (h->f[f])
			squeeze(h->f[f]);
	if (h->f[PL_SUB_TAHUN])
		drop_float_zero(h->f[PL_SUB_TAHUN]);
	if (h->f[PL_SUB_KODE])
		canonical_region(h->f[PL_SUB_KODE]);
	if (h->f[PL_SUB_STATUS])
		pl_ascii_lower(h->f[PL_SUB_STATUS]);
	for (size_t i = 0; i < g->nans; i++) {
		struct pl_row *a = &g->ans[i];
		for (size_t f = 0; f < PL_ANS_NF; f++)
			if (a->f[f])
				squeeze(a->f[f]);
		if (a->f[PL_ANS_LEVEL])
			drop_float_zero(a->f[PL_ANS_LEVEL]);
		if (a->f[PL_ANS_VERIF])
			drop_float_zero(a->f[PL_ANS_VERIF]);
	}
	return nz->next.put(nz->next.self, g);
}

static int normalize_finish(void *self)
{
	(void)self;
	return 0;
}

static void normalize_destroy(void *self)
{
	free(self);
}

struct pl_stage normalize_new(struct pl_ctx *ctx, struct pl_sink next)
{
	struct normalize *nz = pl_xcalloc(1, sizeof *nz);
	nz->ctx = ctx;
	nz->next = next;
	struct pl_stage s = {"normalize", nz, normalize_put, normalize_finish, normalize_destroy};
	return s;
}
