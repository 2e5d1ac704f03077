/*
 * test_headers.c: unit tests of pl_headers.h, header names to canonical
 * column names.
 *
 * Covers: folding (case, spaces, tabs, punctuation, a no-break space, a
 * part in parentheses, a letter touching a digit, non-ASCII letters kept,
 * a name that is all parentheses); the shipped table (pipeline/data/
 * headers.csv) loads, maps every canonical column of the stream and of
 * the long layout to itself, and maps the synonyms submissions use (OPD,
 * SKPD, perangkat daerah, instansi; judul/nama inovasi; ...); patterns
 * (<row>) for 16, 2a, 10b, and what is not a row (a word, four digits, two
 * letters); unknown names left folded; a table that maps one variant to
 * two columns, a line without a comma, <row> on one side, an empty name
 * or a missing first line refused with the line named.
 */
#include "unit.h"

#include "pl_headers.h"
#include "pl_record.h"

static void folds_to(const char *name, const char *want)
{
	struct pl_buf b = {0};
	pl_header_fold(name, &b);
	if (strcmp(pl_buf_str(&b), want) != 0)
		fail_msg("fold('%s') = '%s', want '%s'", name, pl_buf_str(&b), want);
	pl_buf_free(&b);
}

static void test_fold(void **state)
{
	(void)state;
	folds_to("kode_wilayah", "kode_wilayah");
	folds_to("Kode Wilayah ", "kode_wilayah");
	folds_to("  KODE-WILAYAH", "kode_wilayah");
	folds_to("kode\twilayah", "kode_wilayah");
	folds_to("Kode  --  Wilayah", "kode_wilayah");
	folds_to("Tgl. Kirim:", "tgl_kirim");
	folds_to("Kode Wilayah (Kemendagri)", "kode_wilayah");
	folds_to("(opsional) Bentuk", "bentuk");
	folds_to("\xC2\xA0Tahun\xC2\xA0", "tahun");         /* no-break spaces */
	folds_to("Ind16", "ind_16");
	folds_to("bukti2a", "bukti_2a");
	folds_to("ind_2a", "ind_2a");                        /* digit then letter: no split */
	folds_to("Caf\xC3\xA9 Nama", "caf\xC3\xA9_nama");    /* non-ASCII kept */
	folds_to("(catatan)", "catatan");                   /* nothing else left */
	folds_to("", "");
	folds_to(" - ", "");
}

static void maps_to(const struct pl_headers *h, const char *name, const char *want)
{
	struct pl_buf b = {0};
	int known = pl_headers_map(h, name, &b);
	if (!want) {
		if (known)
			fail_msg("'%s' mapped to '%s', want unknown", name, b.p);
	} else if (!known || strcmp(b.p, want) != 0) {
		fail_msg("'%s' mapped to '%s' (%s), want '%s'", name, pl_buf_str(&b),
			 known ? "known" : "unknown", want);
	}
	pl_buf_free(&b);
}

static void test_shipped_table(void **state)
{
	(void)state;
	struct pl_buf err = {0};
	const struct pl_headers *h = pl_headers_default(&err);
	if (!h)
		fail_msg("the shipped table does not load: %s", pl_buf_str(&err));
	/* Every column of a submission maps to itself... */
	const struct pl_schema *sc = pl_schema_of(PL_KIND_SUB);
	for (size_t f = PL_SUB_TAHUN; f < sc->nf; f++)
		maps_to(h, sc->names[f], sc->names[f]);
	/* ... and so do the columns of the long layout. */
	maps_to(h, "indikator", "indikator");
	maps_to(h, "level", "level");
	maps_to(h, "bukti", "bukti");
	maps_to(h, "level_verifikasi", "level_verifikasi");
	/* The synonyms the issue names, and others seen in exports. */
	maps_to(h, "OPD", "perangkat_daerah");
	maps_to(h, "SKPD", "perangkat_daerah");
	maps_to(h, "Perangkat Daerah", "perangkat_daerah");
	maps_to(h, "Instansi", "perangkat_daerah");
	maps_to(h, "Judul Inovasi", "nama_inovasi");
	maps_to(h, "Nama Inovasi", "nama_inovasi");
	maps_to(h, "KODE WILAYAH", "kode_wilayah");
	maps_to(h, "kode wilayah ", "kode_wilayah");
	maps_to(h, "Kode Pemda", "kode_wilayah");
	maps_to(h, "Tahun Penilaian", "tahun");
	maps_to(h, "Tgl. Kirim", "tanggal_kirim");
	maps_to(h, "Status", "status_verifikasi");
	maps_to(h, "Bukti Dukung", "bukti");
	maps_to(h, "Level Verif", "level_verifikasi");
	/* Patterns. */
	maps_to(h, "ind_16", "ind_16");
	maps_to(h, "Indikator 16", "ind_16");
	maps_to(h, "IND16", "ind_16");
	maps_to(h, "Bukti Dukung 2a", "bukti_2a");
	maps_to(h, "verifikasi_10b", "verif_10b");
	maps_to(h, "Level Verifikasi 35", "verif_35");
	maps_to(h, "level 7", "ind_7");
	/* Not rows: a word, four digits, two letters after the digits. */
	maps_to(h, "ind_foo", NULL);
	maps_to(h, "ind_1234", NULL);
	maps_to(h, "ind_2ab", NULL);
	maps_to(h, "ind", NULL);
	/* Unknown names stay unknown, folded. */
	struct pl_buf b = {0};
	assert_int_equal(pl_headers_map(h, "Keterangan Tambahan", &b), 0);
	assert_string_equal(b.p, "keterangan_tambahan");
	pl_buf_free(&b);
	/* Loaded once: the same table again. */
	assert_ptr_equal(pl_headers_default(NULL), h);
	pl_buf_free(&err);
}

static void refused(const char *text, const char *why)
{
	struct pl_headers h;
	struct pl_buf err = {0};
	assert_int_equal(pl_headers_load(&h, text, strlen(text), &err), -1);
	if (!strstr(pl_buf_str(&err), why))
		fail_msg("error '%s' does not say '%s'", pl_buf_str(&err), why);
	assert_null(h.e);
	pl_buf_free(&err);
}

static void test_own_table(void **state)
{
	(void)state;
	const char text[] = "# a comment\r\n"
			    "canonical,variant\r\n"
			    "\r\n"
			    "perangkat_daerah,Nama OPD\r\n"
			    "ind_<row>,Pertanyaan <row>\r\n";
	struct pl_headers h;
	struct pl_buf err = {0};
	assert_int_equal(pl_headers_load(&h, text, strlen(text), &err), 0);
	maps_to(&h, "nama opd", "perangkat_daerah");
	maps_to(&h, "perangkat daerah", "perangkat_daerah"); /* a canonical maps to itself */
	maps_to(&h, "Pertanyaan 16", "ind_16");
	maps_to(&h, "ind 16", "ind_16");
	maps_to(&h, "opd", NULL);                            /* not in this table */
	pl_headers_free(&h);
	pl_buf_free(&err);

	refused("canonical,variant\nperangkat_daerah,opd\nnama_inovasi,OPD\n",
		"line 3: 'opd' means both perangkat_daerah and nama_inovasi");
	refused("canonical,variant\ntahun\n", "line 2: expected canonical,variant");
	refused("canonical,variant\na,b,c\n", "line 2: expected canonical,variant");
	refused("canonical,variant\nind_<row>,ind\n", "line 2: <row> on one side only");
	refused("canonical,variant\n,opd\n", "line 2: an empty name");
	refused("tahun,tahun\n", "line 1: the first line must be canonical,variant");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_shipped_table),
		cmocka_unit_test(test_own_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
