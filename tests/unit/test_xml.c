/*
 * test_xml.c: unit tests of pl_xml.h, safe XML parsing and the schema, and
 * of the shipped submission schema (pipeline/data/submission.xsd).
 *
 * Covers: a valid submission parses and passes the schema; every hostile
 * construct is refused with its own code, its line and the name it
 * concerns: a billion-laughs document (XML_ENTITY at its first entity
 * declaration, so no entity is ever expanded: the problem is found at
 * line 3 of a ten-level bomb), an external entity (XML_EXTERNAL with its
 * system id), an external DTD, a parameter entity, an unparsed entity, a
 * plain DOCTYPE (XML_DTD); a local file named by an external entity, an
 * external DTD or an XInclude is never opened (inotify watches the file:
 * no open event may arrive); nesting past the depth limit and too many
 * nodes (XML_LIMIT); a document that is not well-formed (XML_MALFORMED,
 * line and open element); schema errors with their line and element (a
 * missing element, an unknown one, an answer without indikator, two
 * answers to one row, two innovations with one id, a missing or wrong
 * versi, a document with neither innovation nor SPD), capped at
 * max_problems; the document's name appearing nowhere but where given; a
 * broken schema refused with a reason.
 */
#include "unit.h"

#include <sys/inotify.h>

#include "pl_data.h"
#include "pl_xml.h"

static char tmp[PATH_MAX];

static int setup(void **state)
{
	(void)state;
	unit_tmpdir(tmp);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_rmrf(tmp);
	return 0;
}

static const struct pl_xml_schema *schema(void)
{
	struct pl_buf err = {0};
	const struct pl_xml_schema *s = pl_xml_submission_schema(&err);
	if (!s)
		fail_msg("the shipped schema does not compile: %s", pl_buf_str(&err));
	pl_buf_free(&err);
	return s;
}

static const char VALID[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"            /* 1 */
	"<kiriman versi=\"1\">\n"                                  /* 2 */
	"  <tahun>2023</tahun>\n"                                  /* 3 */
	"  <kode_wilayah>52.06</kode_wilayah>\n"                   /* 4 */
	"  <nama_wilayah>Kabupaten Bima</nama_wilayah>\n"          /* 5 */
	"  <perangkat_daerah>Dinas Kesehatan</perangkat_daerah>\n" /* 6 */
	"  <tanggal_kirim>2023-07-12</tanggal_kirim>\n"            /* 7 */
	"  <inovasi>\n"                                            /* 8 */
	"    <id_inovasi>INOV-01</id_inovasi>\n"                   /* 9 */
	"    <nama_inovasi>Posyandu &amp; Gizi</nama_inovasi>\n"   /* 10 */
	"    <status_verifikasi>diterima</status_verifikasi>\n"    /* 11 */
	"    <jawaban indikator=\"16\" level=\"3\" bukti=\"SK 1\" verif=\"3\"/>\n"
	"  </inovasi>\n"
	"  <spd>\n"
	"    <jawaban indikator=\"1\" level=\"3\"/>\n"
	"  </spd>\n"
	"</kiriman>\n";

/* Parses text; expects exactly one problem with this code, line and name,
 * and returns its message (caller frees). */
static char *refused(const char *text, const struct pl_xml_schema *s,
		     const struct pl_xml_limits *lim, enum pl_reject_code code,
		     unsigned long line, const char *element, const char *value)
{
	struct pl_xml_problems p;
	xmlDocPtr doc = pl_xml_parse(text, strlen(text), "test.xml", s, lim, &p);
	assert_null(doc);
	if (p.n < 1)
		fail_msg("no problem reported");
	if (p.v[0].code != code)
		fail_msg("code %s, want %s (%s)", pl_reject_name(p.v[0].code), pl_reject_name(code),
			 p.v[0].message);
	assert_int_equal(p.v[0].line, line);
	assert_string_equal(p.v[0].element, element);
	if (value)
		assert_string_equal(p.v[0].value, value);
	char *m = pl_xstrdup(p.v[0].message);
	assert_null(strchr(m, '\n'));
	pl_xml_problems_free(&p);
	return m;
}

static void refused_free(const char *text, const struct pl_xml_schema *s,
			 enum pl_reject_code code, unsigned long line, const char *element,
			 const char *value)
{
	free(refused(text, s, NULL, code, line, element, value));
}

static void test_valid(void **state)
{
	(void)state;
	struct pl_xml_problems p;
	xmlDocPtr doc = pl_xml_parse(VALID, strlen(VALID), "ok.xml", schema(), NULL, &p);
	assert_non_null(doc);
	assert_int_equal(p.n, 0);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	assert_string_equal((const char *)root->name, "kiriman");
	xmlFreeDoc(doc);
	pl_xml_problems_free(&p);
}

static void test_billion_laughs(void **state)
{
	(void)state;
	/* Ten levels of ten: 10^10 "lol"s if expanded. */
	struct pl_buf b = {0};
	pl_buf_adds(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE kiriman [\n"
			" <!ENTITY lol0 \"lol\">\n");
	for (int i = 1; i < 10; i++) {
		pl_buf_printf(&b, " <!ENTITY lol%d \"", i);
		for (int k = 0; k < 10; k++)
			pl_buf_printf(&b, "&lol%d;", i - 1);
		pl_buf_adds(&b, "\">\n");
	}
	pl_buf_adds(&b, "]>\n<kiriman versi=\"1\"><tahun>&lol9;</tahun></kiriman>\n");
	char *m = refused(b.p, schema(), NULL, PL_REJ_XML_ENTITY, 3, "lol0", "");
	assert_non_null(strstr(m, "never expanded"));
	free(m);
	pl_buf_free(&b);
}

static void test_dtd_variants(void **state)
{
	(void)state;
	refused_free("<?xml version=\"1.0\"?>\n<!DOCTYPE kiriman [\n"
		     "  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n"
		     "<kiriman versi=\"1\"><tahun>&xxe;</tahun></kiriman>\n",
		     schema(), PL_REJ_XML_EXTERNAL, 3, "xxe", "file:///etc/passwd");
	refused_free("<?xml version=\"1.0\"?>\n"
		     "<!DOCTYPE kiriman SYSTEM \"http://example.go.id/kiriman.dtd\">\n"
		     "<kiriman versi=\"1\"/>\n",
		     schema(), PL_REJ_XML_EXTERNAL, 2, "kiriman", "http://example.go.id/kiriman.dtd");
	refused_free("<?xml version=\"1.0\"?>\n<!DOCTYPE kiriman [\n"
		     "  <!ENTITY % pe SYSTEM \"http://example.go.id/pe.dtd\">\n  %pe;\n]>\n"
		     "<kiriman versi=\"1\"/>\n",
		     schema(), PL_REJ_XML_EXTERNAL, 3, "pe", "http://example.go.id/pe.dtd");
	refused_free("<?xml version=\"1.0\"?>\n<!DOCTYPE kiriman [\n"
		     "  <!NOTATION png SYSTEM \"image/png\">\n"
		     "  <!ENTITY logo SYSTEM \"logo.png\" NDATA png>\n]>\n"
		     "<kiriman versi=\"1\"/>\n",
		     schema(), PL_REJ_XML_EXTERNAL, 4, "logo", "logo.png");
	/* A DOCTYPE with nothing dangerous in it is still not accepted. */
	refused_free("<?xml version=\"1.0\"?>\n\n<!DOCTYPE kiriman [\n"
		     "  <!ELEMENT kiriman ANY>\n  <!ATTLIST kiriman versi CDATA \"1\">\n]>\n"
		     "<kiriman/>\n",
		     schema(), PL_REJ_XML_DTD, 3, "kiriman", "");
	refused_free("<?xml version=\"1.0\"?>\n<!DOCTYPE kiriman>\n<kiriman versi=\"1\"/>\n",
		     NULL, PL_REJ_XML_DTD, 2, "kiriman", "");
}

/* A file nothing may open: every way a document could name it is tried,
 * and inotify must report no open. */
static void test_no_local_file_read(void **state)
{
	(void)state;
	struct pl_buf secret = unit_join(tmp, "secret.txt");
	unit_write_str(secret.p, "SECRET-MARKER\n");
	int fd = inotify_init1(IN_NONBLOCK);
	assert_true(fd >= 0);
	assert_true(inotify_add_watch(fd, secret.p, IN_OPEN | IN_ACCESS) >= 0);
	/* Each form: the text before the file's path and the text after. */
	static const char *const forms[][2] = {
		{"<!DOCTYPE kiriman [<!ENTITY x SYSTEM \"file://", "\">]><kiriman versi=\"1\">&x;</kiriman>"},
		{"<!DOCTYPE kiriman [<!ENTITY x SYSTEM \"", "\">]><kiriman versi=\"1\">&x;</kiriman>"},
		{"<!DOCTYPE kiriman SYSTEM \"", "\"><kiriman versi=\"1\"/>"},
		{"<!DOCTYPE kiriman [<!ENTITY % p SYSTEM \"", "\"> %p;]><kiriman versi=\"1\"/>"},
		{"<kiriman versi=\"1\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"",
		 "\" parse=\"text\"/></kiriman>"},
	};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		struct pl_buf doc = {0};
		pl_buf_printf(&doc, "%s%s%s", forms[i][0], secret.p, forms[i][1]);
		struct pl_xml_problems p;
		xmlDocPtr d = pl_xml_parse(doc.p, doc.len, "t.xml", schema(), NULL, &p);
		assert_null(d);
		assert_true(p.n >= 1);
		for (size_t k = 0; k < p.n; k++)
			assert_null(strstr(p.v[k].message, "SECRET-MARKER"));
		pl_xml_problems_free(&p);
		pl_buf_free(&doc);
	}
	/* The watch itself works: opening the file here is seen. */
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof buf);
	assert_true(n < 0 && errno == EAGAIN);
	FILE *fp = fopen(secret.p, "r");
	assert_non_null(fp);
	fclose(fp);
	n = read(fd, buf, sizeof buf);
	assert_true(n > 0);
	close(fd);
	pl_buf_free(&secret);
}

static void test_limits(void **state)
{
	(void)state;
	struct pl_buf b = {0};
	pl_buf_adds(&b, "<?xml version=\"1.0\"?>\n<kiriman versi=\"1\">\n");
	for (int i = 0; i < 40; i++)
		pl_buf_adds(&b, "<a>");
	char *m = refused(b.p, schema(), NULL, PL_REJ_XML_LIMIT, 3, "a", "");
	assert_non_null(strstr(m, "nested too deep"));
	free(m);
	/* 16 levels are allowed (the root and 15 inside it): the schema,
	 * not the limit, refuses them. */
	pl_buf_reset(&b);
	pl_buf_adds(&b, "<kiriman versi=\"1\">");
	for (int i = 0; i < 15; i++)
		pl_buf_adds(&b, "<a>");
	for (int i = 0; i < 15; i++)
		pl_buf_adds(&b, "</a>");
	pl_buf_adds(&b, "</kiriman>");
	free(refused(b.p, schema(), NULL, PL_REJ_XML_SCHEMA, 1, "a", NULL));
	/* Too many nodes: 3 elements and 2 attributes over a limit of 4. */
	struct pl_xml_limits lim = {.max_nodes = 4};
	m = refused("<kiriman versi=\"1\">\n<tahun a=\"1\">x</tahun>\n<b/>\n</kiriman>", NULL, &lim,
		    PL_REJ_XML_LIMIT, 3, "b", "");
	assert_non_null(strstr(m, "too many"));
	free(m);
	pl_buf_free(&b);
}

static void test_malformed(void **state)
{
	(void)state;
	refused_free("<?xml version=\"1.0\"?>\n<kiriman versi=\"1\">\n"
		     "  <tahun>2023</tahn>\n</kiriman>\n",
		     schema(), PL_REJ_XML_MALFORMED, 3, "tahun", "");
	refused_free("", schema(), PL_REJ_XML_MALFORMED, 1, "", "");
	refused_free("<kiriman versi=\"1\">&undefined;</kiriman>", NULL, PL_REJ_XML_MALFORMED, 1,
		     "kiriman", "");
	/* Bytes that are not UTF-8 in a document that says it is. */
	refused_free("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kiriman versi=\"1\">"
		     "<tahun>\xFF</tahun></kiriman>",
		     NULL, PL_REJ_XML_MALFORMED, 2, "tahun", "");
}

/* A document with the standard header and body, for schema cases. */
static char *doc(const char *body)
{
	struct pl_buf b = {0};
	pl_buf_printf(&b,
		      "<?xml version=\"1.0\"?>\n"  /* 1 */
		      "<kiriman versi=\"1\">\n"    /* 2 */
		      "<tahun>2023</tahun>\n"      /* 3 */
		      "<kode_wilayah>52.06</kode_wilayah>\n"
		      "<tanggal_kirim>2023-07-12</tanggal_kirim>\n" /* 5 */
		      "%s</kiriman>\n",
		      body);
	return b.p;
}

static void schema_error(const char *body, unsigned long line, const char *element,
			 const char *says)
{
	char *d = doc(body);
	char *m = refused(d, schema(), NULL, PL_REJ_XML_SCHEMA, line, element, "");
	if (!strstr(m, says))
		fail_msg("message '%s' does not say '%s'", m, says);
	free(m);
	free(d);
}

static void test_schema_errors(void **state)
{
	(void)state;
	schema_error("<inovasi>\n<id_inovasi>A</id_inovasi>\n<jawaban indikator=\"16\"/>\n</inovasi>\n",
		     8, "jawaban", "Expected is ( nama_inovasi )");
	schema_error("<inovasi>\n<id_inovasi>A</id_inovasi>\n<nama_inovasi>x</nama_inovasi>\n"
		     "<catatan>?</catatan>\n</inovasi>\n",
		     9, "catatan", "not expected");
	schema_error("<spd>\n<jawaban level=\"3\"/>\n</spd>\n", 7, "jawaban",
		     "attribute 'indikator' is required");
	schema_error("<spd>\n<jawaban indikator=\"1\"/>\n<jawaban indikator=\" 1 \"/>\n</spd>\n", 8,
		     "jawaban", "Duplicate key-sequence ['1']");
	schema_error("<inovasi><id_inovasi>A</id_inovasi><nama_inovasi>x</nama_inovasi></inovasi>\n"
		     "<inovasi><id_inovasi>A</id_inovasi><nama_inovasi>y</nama_inovasi></inovasi>\n",
		     7, "inovasi", "Duplicate key-sequence ['A']");
	schema_error("", 2, "kiriman", "Missing child element(s)");
	/* versi missing, versi wrong */
	char *m = refused("<kiriman><tahun>2023</tahun><kode_wilayah>52</kode_wilayah>"
			  "<tanggal_kirim>x</tanggal_kirim><spd><jawaban indikator=\"1\"/></spd>"
			  "</kiriman>",
			  schema(), NULL, PL_REJ_XML_SCHEMA, 1, "kiriman", "");
	assert_non_null(strstr(m, "'versi' is required"));
	free(m);
	m = refused("<kiriman versi=\"2\"><tahun>2023</tahun><kode_wilayah>52</kode_wilayah>"
		    "<tanggal_kirim>x</tanggal_kirim><spd><jawaban indikator=\"1\"/></spd>"
		    "</kiriman>",
		    schema(), NULL, PL_REJ_XML_SCHEMA, 1, "kiriman", "");
	assert_non_null(strstr(m, "fixed value constraint"));
	free(m);
}

static void test_problems_capped(void **state)
{
	(void)state;
	/* Five unknown attributes, one error each; three are kept. */
	char *d = doc("<spd>\n<jawaban indikator=\"1\" a=\"\" b=\"\" c=\"\" d=\"\" e=\"\"/>\n</spd>\n");
	struct pl_xml_limits lim = {.max_problems = 3};
	struct pl_xml_problems p;
	assert_null(pl_xml_parse(d, strlen(d), "t.xml", schema(), &lim, &p));
	assert_int_equal(p.n, 3);
	for (size_t i = 0; i < p.n; i++) {
		assert_int_equal(p.v[i].code, PL_REJ_XML_SCHEMA);
		assert_int_equal(p.v[i].line, 7);
	}
	pl_xml_problems_free(&p);
	free(d);
}

static void test_broken_schema(void **state)
{
	(void)state;
	struct pl_buf err = {0};
	const char xsd[] = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
			   "<xs:element name=\"a\" type=\"nope\"/></xs:schema>";
	assert_null(pl_xml_schema_new(xsd, strlen(xsd), &err));
	assert_non_null(strstr(pl_buf_str(&err), "the schema does not compile"));
	pl_buf_free(&err);
	/* The shipped one compiles, once. */
	assert_ptr_equal(schema(), schema());
	assert_true(pl_data_submission_xsd_len > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_dtd_variants),
		cmocka_unit_test(test_no_local_file_read),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_schema_errors),
		cmocka_unit_test(test_problems_capped),
		cmocka_unit_test(test_broken_schema),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
