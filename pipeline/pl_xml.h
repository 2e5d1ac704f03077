/*
 * pl_xml.h: parses an XML document safely and checks it against a schema.
 *
 * Submissions come from outside, so a document is treated as hostile until
 * it has passed every check, in this order:
 *
 * 1. Parsed by libxml2 from memory with no network (XML_PARSE_NONET), no
 *    entity substitution (no XML_PARSE_NOENT), no DTD loading or
 *    validation (no XML_PARSE_DTDLOAD / DTDVALID / DTDATTR), no XInclude,
 *    and libxml2's own size limits in force (no XML_PARSE_HUGE). The
 *    process's external entity loader refuses every file and address, so
 *    nothing outside the document is ever opened even by mistake.
 * 2. A DOCTYPE stops the parse as soon as it says something dangerous:
 *    an external DTD or external entity (SYSTEM/PUBLIC) is XML_EXTERNAL at
 *    once, an entity declaration is XML_ENTITY at the declaration (a
 *    billion-laughs file never expands a single entity); any other DTD is
 *    XML_DTD. Submissions have no use for a DTD: the schema is the XSD.
 * 3. Nesting deeper than max_depth or more than max_nodes elements and
 *    attributes stop the parse (XML_LIMIT): the tree built stays small.
 *    Comments and processing instructions are not kept.
 * 4. A document that is not well-formed is XML_MALFORMED (libxml2's first
 *    error, its line and the element open at the time).
 * 5. The document is validated against the schema: every error is an
 *    XML_SCHEMA problem with its line and element (up to max_problems).
 *
 * Memory: a pl_xml_schema is compiled once and shared; pl_xml_parse returns
 * a document the caller frees with xmlFreeDoc, or NULL with the problems in
 * *out (free with pl_xml_problems_free). Messages from libxml2 are English.
 * libxml2 keeps global state: pl_xml_init (called by the functions here)
 * installs the refusing entity loader and routes stray libxml2 messages
 * away from standard error, once per process.
 *
 * Threads: call pl_xml_init (or build a schema) before starting threads
 * that parse; then pl_xml_parse may run on several threads at once, each
 * with its own document, sharing one schema (libxml2 allows both), and
 * messages stay away from standard error on those threads too.
 */
#ifndef PL_XML_H
#define PL_XML_H

#include <stddef.h>

#include <libxml/tree.h>

#include "pl_reject.h"
#include "pl_util.h"

struct pl_xml_problem {
	enum pl_reject_code code;
	unsigned long line;   /* 0 when unknown */
	char *element;        /* the element (or entity) concerned, "" if none */
	char *value;          /* what it named: an entity's system id, "" if none */
	char *message;        /* libxml2's words or ours, English, one line */
};

struct pl_xml_problems {
	struct pl_xml_problem *v;
	size_t n, cap;
};

struct pl_xml_limits {
	size_t max_depth;    /* 16 if 0 */
	size_t max_nodes;    /* elements + attributes; 500000 if 0 */
	size_t max_problems; /* schema errors kept; 20 if 0 */
};

struct pl_xml_schema;

void pl_xml_init(void);

/* Compiles an XSD held in memory; NULL with err filled if it is broken. */
struct pl_xml_schema *pl_xml_schema_new(const char *xsd, size_t len, struct pl_buf *err);
void pl_xml_schema_free(struct pl_xml_schema *s);
/* The submission schema compiled into the program (pipeline/data), compiled
 * on first use and kept for the process; NULL (err filled) if it does not
 * compile, which a test rules out. */
const struct pl_xml_schema *pl_xml_submission_schema(struct pl_buf *err);

/* Parses data[0..len) named name (for messages); validates against schema
 * unless it is NULL. */
xmlDocPtr pl_xml_parse(const char *data, size_t len, const char *name,
		       const struct pl_xml_schema *schema, const struct pl_xml_limits *limits,
		       struct pl_xml_problems *out);
void pl_xml_problems_free(struct pl_xml_problems *p);

#endif
