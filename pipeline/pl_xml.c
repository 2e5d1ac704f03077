#include <limits.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "pl_data.h"
#include "pl_xml.h"

struct pl_xml_schema {
	xmlSchemaPtr schema;
};

/* What the hooks found while parsing one document. */
struct parse_state {
	const struct pl_xml_limits *limits;
	size_t nodes;
	enum pl_reject_code code; /* a problem that stopped the parse, or 0 */
	int stopped;
	unsigned long line;
	struct pl_buf element, value, message;
	unsigned long dtd_line;   /* line of a DOCTYPE, 0 if none */
	struct pl_buf dtd_name;
	/* libxml2's first error, for a document that is not well-formed */
	int have_error;
	unsigned long err_line;
	struct pl_buf err_element, err_message;
	struct pl_xml_problems *out;
};

static const size_t DEFAULT_DEPTH = 16, DEFAULT_NODES = 500000, DEFAULT_PROBLEMS = 20;

static xmlParserInputPtr refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL; /* nothing outside a document is ever read */
}

static void silent(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

void pl_xml_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
	/* Messages go to the problem lists, never to standard error: on this
	 * thread, and on every thread started after (ingest's readers). */
	xmlSetStructuredErrorFunc(NULL, silent);
	xmlThrDefSetStructuredErrorFunc(NULL, silent);
}

/* One line: libxml2's messages end with a line break. */
static void add_message(struct pl_buf *b, const char *m)
{
	pl_buf_reset(b);
	pl_buf_adds(b, m ? m : "");
	while (b->len && (b->p[b->len - 1] == '\n' || b->p[b->len - 1] == ' '))
		b->p[--b->len] = '\0';
	for (size_t i = 0; i < b->len; i++)
		if (b->p[i] == '\n')
			b->p[i] = ' ';
}

static void add_problem(struct pl_xml_problems *p, enum pl_reject_code code, unsigned long line,
			const char *element, const char *value, const char *message)
{
	pl_grow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v);
	struct pl_xml_problem *q = &p->v[p->n++];
	q->code = code;
	q->line = line;
	q->element = pl_xstrdup(element ? element : "");
	q->value = pl_xstrdup(value ? value : "");
	struct pl_buf m = {0};
	add_message(&m, message);
	q->message = pl_xstrdup(pl_buf_str(&m));
	pl_buf_free(&m);
}

void pl_xml_problems_free(struct pl_xml_problems *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].element);
		free(p->v[i].value);
		free(p->v[i].message);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}

static struct parse_state *state_of(void *ctx)
{
	return ((xmlParserCtxtPtr)ctx)->_private;
}

static unsigned long line_of(void *ctx)
{
	xmlParserCtxtPtr c = ctx;
	return c->input ? (unsigned long)c->input->line : 0;
}

/* Stops the parse with a problem found by a hook. */
static void stop(void *ctx, enum pl_reject_code code, const char *element, const char *value,
		 const char *message)
{
	struct parse_state *st = state_of(ctx);
	if (st->stopped)
		return;
	st->stopped = 1;
	st->code = code;
	st->line = line_of(ctx);
	pl_buf_adds(&st->element, element ? element : "");
	pl_buf_adds(&st->value, value ? value : "");
	pl_buf_adds(&st->message, message);
	xmlStopParser(ctx);
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
			       const xmlChar *system_id)
{
	struct parse_state *st = state_of(ctx);
	if (system_id || external_id) {
		stop(ctx, PL_REJ_XML_EXTERNAL, (const char *)name,
		     (const char *)(system_id ? system_id : external_id),
		     "the DOCTYPE names an external DTD");
		return;
	}
	/* Kept going so that an entity declaration inside gets its own, more
	 * precise reason; the document is refused at the end either way. */
	st->dtd_line = line_of(ctx);
	pl_buf_adds(&st->dtd_name, name ? (const char *)name : "");
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
			   const xmlChar *system_id, xmlChar *content)
{
	(void)content;
	if (system_id || public_id || type == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
	    type == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY || type == XML_EXTERNAL_PARAMETER_ENTITY)
		stop(ctx, PL_REJ_XML_EXTERNAL, (const char *)name,
		     (const char *)(system_id ? system_id : public_id ? public_id : (const xmlChar *)""),
		     "an external entity is declared");
	else
		stop(ctx, PL_REJ_XML_ENTITY, (const char *)name, "",
		     "an entity is declared (entities are never expanded)");
}

static void on_unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
				    const xmlChar *system_id, const xmlChar *notation)
{
	(void)notation;
	stop(ctx, PL_REJ_XML_EXTERNAL, (const char *)name,
	     (const char *)(system_id ? system_id : public_id ? public_id : (const xmlChar *)""),
	     "an external entity is declared");
}

/* Declarations other than entities: the DOCTYPE is refused as a whole at
 * the end, nothing of it is kept. */
static void on_element_decl(void *ctx, const xmlChar *name, int type, xmlElementContentPtr c)
{
	(void)ctx, (void)name, (void)type, (void)c;
}

static void on_attribute_decl(void *ctx, const xmlChar *elem, const xmlChar *fullname, int type,
			      int def, const xmlChar *default_value, xmlEnumerationPtr tree)
{
	(void)ctx, (void)elem, (void)fullname, (void)type, (void)def, (void)default_value;
	xmlFreeEnumeration(tree); /* the handler owns it */
}

static void on_notation_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
			     const xmlChar *system_id)
{
	(void)ctx, (void)name, (void)public_id, (void)system_id;
}

static void on_external_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
			       const xmlChar *system_id)
{
	(void)ctx, (void)name, (void)external_id, (void)system_id;
}

static void on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
			     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr c = ctx;
	struct parse_state *st = state_of(ctx);
	/* nameNr counts the elements open around this one. */
	size_t depth = (size_t)c->nameNr + 1;
	st->nodes += 1 + (size_t)(nb_attributes > 0 ? nb_attributes : 0);
	if (depth > st->limits->max_depth) {
		stop(ctx, PL_REJ_XML_LIMIT, (const char *)localname, "",
		     "elements are nested too deep");
		return;
	}
	if (st->nodes > st->limits->max_nodes) {
		stop(ctx, PL_REJ_XML_LIMIT, (const char *)localname, "",
		     "too many elements and attributes");
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
			      nb_attributes, nb_defaulted, attributes);
}

static void on_parse_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr c = ctx;
	struct parse_state *st = state_of(ctx);
	if (st->have_error || e->level < XML_ERR_ERROR)
		return;
	st->have_error = 1;
	st->err_line = e->line > 0 ? (unsigned long)e->line : line_of(ctx);
	pl_buf_adds(&st->err_element, c->name ? (const char *)c->name : "");
	add_message(&st->err_message, e->message);
}

static void on_schema_error(void *ctx, xmlErrorPtr e)
{
	struct parse_state *st = ctx;
	if (e->level < XML_ERR_ERROR || st->out->n >= st->limits->max_problems)
		return;
	xmlNodePtr node = e->node;
	const char *element = node && node->name ? (const char *)node->name : "";
	unsigned long line = e->line > 0 ? (unsigned long)e->line
			     : node ? (unsigned long)xmlGetLineNo(node) : 0;
	add_problem(st->out, PL_REJ_XML_SCHEMA, line, element, "", e->message);
}

struct pl_xml_schema *pl_xml_schema_new(const char *xsd, size_t len, struct pl_buf *err)
{
	pl_xml_init();
	if (len > INT_MAX) {
		pl_buf_adds(err, "schema too large");
		return NULL;
	}
	struct parse_state st = {0};
	struct pl_xml_problems probs = {0};
	struct pl_xml_limits lim = {.max_problems = 1};
	st.out = &probs;
	st.limits = &lim;
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(xsd, (int)len);
	xmlSchemaPtr schema = NULL;
	if (pc) {
		xmlSchemaSetParserStructuredErrors(pc, on_schema_error, &st);
		schema = xmlSchemaParse(pc);
		xmlSchemaFreeParserCtxt(pc);
	}
	if (!schema) {
		pl_buf_printf(err, "the schema does not compile: %s",
			      probs.n ? probs.v[0].message : "unknown error");
		pl_xml_problems_free(&probs);
		return NULL;
	}
	pl_xml_problems_free(&probs);
	struct pl_xml_schema *s = pl_xmalloc(sizeof *s);
	s->schema = schema;
	return s;
}

void pl_xml_schema_free(struct pl_xml_schema *s)
{
	if (!s)
		return;
	xmlSchemaFree(s->schema);
	free(s);
}

const struct pl_xml_schema *pl_xml_submission_schema(struct pl_buf *err)
{
	/* Compiled once and kept for the process: it never changes. */
	static struct pl_xml_schema *schema;
	static int tried;
	if (!tried) {
		tried = 1;
		struct pl_buf why = {0};
		schema = pl_xml_schema_new(pl_data_submission_xsd, pl_data_submission_xsd_len, &why);
		if (!schema && err)
			pl_buf_printf(err, "pipeline/data/submission.xsd: %s", pl_buf_str(&why));
		pl_buf_free(&why);
	}
	return schema;
}

static void validate(xmlDocPtr doc, const struct pl_xml_schema *schema, struct parse_state *st)
{
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema->schema);
	if (!vc) {
		add_problem(st->out, PL_REJ_XML_SCHEMA, 0, "", "", "cannot start validation");
		return;
	}
	xmlSchemaSetValidStructuredErrors(vc, on_schema_error, st);
	int rc = xmlSchemaValidateDoc(vc, doc);
	if (rc != 0 && st->out->n == 0)
		add_problem(st->out, PL_REJ_XML_SCHEMA, 0, "", "",
			    rc < 0 ? "validation failed" : "the document does not match the schema");
	xmlSchemaFreeValidCtxt(vc);
}

xmlDocPtr pl_xml_parse(const char *data, size_t len, const char *name,
		       const struct pl_xml_schema *schema, const struct pl_xml_limits *limits,
		       struct pl_xml_problems *out)
{
	pl_xml_init();
	memset(out, 0, sizeof *out);
	struct pl_xml_limits lim = {DEFAULT_DEPTH, DEFAULT_NODES, DEFAULT_PROBLEMS};
	if (limits) {
		if (limits->max_depth)
			lim.max_depth = limits->max_depth;
		if (limits->max_nodes)
			lim.max_nodes = limits->max_nodes;
		if (limits->max_problems)
			lim.max_problems = limits->max_problems;
	}
	if (len > INT_MAX) {
		add_problem(out, PL_REJ_FILE_TOO_LARGE, 0, "", "", "over 2 GiB");
		return NULL;
	}
	struct parse_state st = {.limits = &lim, .out = out};
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		add_problem(out, PL_REJ_XML_MALFORMED, 0, "", "", "cannot start the XML parser");
		return NULL;
	}
	ctxt->_private = &st;
	xmlSAXHandlerPtr sax = ctxt->sax;
	sax->internalSubset = on_internal_subset;
	sax->externalSubset = on_external_subset;
	sax->entityDecl = on_entity_decl;
	sax->unparsedEntityDecl = on_unparsed_entity_decl;
	sax->elementDecl = on_element_decl;
	sax->attributeDecl = on_attribute_decl;
	sax->notationDecl = on_notation_decl;
	sax->startElementNs = on_start_element;
	sax->comment = NULL;
	sax->processingInstruction = NULL;
	sax->serror = on_parse_error;
	/* Deliberately absent: XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID,
	 * XINCLUDE and HUGE (see the header). */
	int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL, options);
	int well_formed = doc && ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	if (st.stopped) {
		add_problem(out, st.code, st.line, pl_buf_str(&st.element), pl_buf_str(&st.value),
			    pl_buf_str(&st.message));
	} else if (!well_formed) {
		add_problem(out, PL_REJ_XML_MALFORMED, st.err_line, pl_buf_str(&st.err_element), "",
			    st.have_error ? pl_buf_str(&st.err_message) : "not well-formed");
	} else if (st.dtd_line) {
		add_problem(out, PL_REJ_XML_DTD, st.dtd_line, pl_buf_str(&st.dtd_name), "",
			    "a DOCTYPE is present");
	} else if (schema) {
		validate(doc, schema, &st);
	}
	pl_buf_free(&st.element);
	pl_buf_free(&st.value);
	pl_buf_free(&st.message);
	pl_buf_free(&st.dtd_name);
	pl_buf_free(&st.err_element);
	pl_buf_free(&st.err_message);
	if (out->n) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}
