/*
 * ingest_xml.c: XML submission documents (pipeline/data/submission.xsd).
 *
 * A document is read whole (bounded: FILE_TOO_LARGE past the limit, after
 * decompression), parsed safely and checked against the schema
 * (pl_xml.h). Any problem makes the whole file unreadable, with every
 * problem listed at its line: a document that does not follow the schema
 * was not made by a system that can be trusted with the rest of it. A
 * valid document gives one record per <inovasi> (at the line of its
 * start tag) and one for <spd>; the document's tahun, kode_wilayah,
 * nama_wilayah and tanggal_kirim apply to each, and its perangkat_daerah
 * to each innovation (SPD answers belong to the region).
 */
#include <string.h>

#include <libxml/tree.h>

#include "ingest_internal.h"
#include "pl_slurp.h"

/* Element names are the sub field names: one vocabulary for both shapes. */
static int field_of(const xmlNode *n)
{
	const struct pl_schema *sc = pl_schema_of(PL_KIND_SUB);
	for (size_t f = PL_SUB_TAHUN; f < sc->nf; f++)
		if (strcmp((const char *)n->name, sc->names[f]) == 0)
			return (int)f;
	return -1;
}

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static void set_text(struct pl_group *g, struct pl_row *r, size_t f, const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	pl_set(g, r, f, t ? (const char *)t : "");
	xmlFree(t);
}

static void set_attr(struct pl_group *g, struct pl_row *r, size_t f, xmlNode *n,
		     const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	pl_set(g, r, f, (const char *)v); /* absent: missing, as a missing column */
	xmlFree(v);
}

/* One <inovasi> or <spd> as a record, with the document's fields. */
static int send_record(struct ingest *in, const char *rel, xmlNode *doc_root, xmlNode *rec,
		       const char *kind)
{
	struct pl_group *g = &in->g;
	pl_group_start(g, PL_KIND_SUB);
	struct pl_row *h = &g->head;
	pl_set(g, h, PL_SUB_FILE, rel);
	pl_set_int(g, h, PL_SUB_LINE, xmlGetLineNo(rec));
	pl_set(g, h, PL_SUB_KIND, kind);
	/* The document's agency is the innovations' agency; SPD answers are
	 * the region's, with no agency, as in an SPD CSV file. */
	int spd = strcmp(kind, "spd") == 0;
	for (xmlNode *c = doc_root->children; c; c = c->next) {
		int f = c->type == XML_ELEMENT_NODE ? field_of(c) : -1;
		if (f >= 0 && !(spd && f == PL_SUB_OPD))
			set_text(g, h, (size_t)f, c);
	}
	for (xmlNode *c = rec->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "jawaban")) {
			struct pl_row *a = pl_group_add_ans(g);
			set_attr(g, a, PL_ANS_ROW, c, "indikator");
			set_attr(g, a, PL_ANS_LEVEL, c, "level");
			set_attr(g, a, PL_ANS_BUKTI, c, "bukti");
			set_attr(g, a, PL_ANS_VERIF, c, "verif");
		} else {
			int f = field_of(c);
			if (f >= 0)
				set_text(g, h, (size_t)f, c);
		}
	}
	return ingest_put(in);
}

static int read_doc(struct ingest *in, const char *rel, const char *shape, xmlDocPtr doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	unsigned long records = 0;
	int inovasi = 0, spd = 0;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		const char *kind = is(c, "inovasi") ? "inovasi" : is(c, "spd") ? "spd" : NULL;
		if (!kind)
			continue;
		inovasi |= kind[0] == 'i';
		spd |= kind[0] == 's';
		records++;
		if (send_record(in, rel, root, c, kind) < 0)
			return -1;
	}
	const char *kind = inovasi && spd ? "inovasi+spd" : inovasi ? "inovasi" : "spd";
	return ingest_src(in, rel, shape, kind, records, "ok", "", "");
}

static int unreadable(struct ingest *in, const char *rel, const char *shape,
		      enum pl_reject_code code, unsigned long line, const char *field,
		      const char *value, const char *message)
{
	ingest_report(in, code, rel, line, NULL, field, value, message);
	return ingest_src(in, rel, shape, "", 0, "unreadable", pl_reject_name(code), message);
}

int ingest_xml(struct ingest *in, const char *rel, const char *shape, const char *path,
	       const void *data, size_t len)
{
	struct pl_buf bytes = {0};
	if (path) {
		struct pl_slurp_opts so = {.max_bytes = in->max_xml, .chunk = in->chunk};
		struct pl_buf msg = {0};
		enum pl_reject_code code = PL_REJ_FILE_UNREADABLE;
		int gzip = 0;
		if (pl_slurp(path, &so, &bytes, &gzip, &code, &msg) < 0) {
			int rc = unreadable(in, rel, shape, code, 0, "", "", pl_buf_str(&msg));
			pl_buf_free(&msg);
			return rc;
		}
		pl_buf_free(&msg);
		data = bytes.p;
		len = bytes.len;
	} else if (len > in->max_xml) {
		char why[64];
		snprintf(why, sizeof why, "over %zu bytes", in->max_xml);
		return unreadable(in, rel, shape, PL_REJ_FILE_TOO_LARGE, 0, "", "", why);
	}
	struct pl_xml_problems probs;
	xmlDocPtr doc = pl_xml_parse(data, len, rel, in->schema, NULL, &probs);
	pl_buf_free(&bytes);
	int rc;
	if (!doc) {
		for (size_t i = 0; i < probs.n; i++) {
			const struct pl_xml_problem *p = &probs.v[i];
			ingest_report(in, p->code, rel, p->line, NULL, p->element, p->value,
				      p->message);
		}
		rc = ingest_src(in, rel, shape, "", 0, "unreadable",
				probs.n ? pl_reject_name(probs.v[0].code) : "XML_MALFORMED",
				probs.n ? probs.v[0].message : "");
	} else {
		rc = read_doc(in, rel, shape, doc);
		xmlFreeDoc(doc);
	}
	pl_xml_problems_free(&probs);
	return rc;
}
