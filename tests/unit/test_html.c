/*
 * test_html.c: unit tests of pl_html.h, the escaping of every text the
 * report puts into its page.
 *
 * Covers: plain text (ASCII and UTF-8) copied as is; the five characters
 * that mean something in HTML (& < > " ') escaped, also when they come
 * together as markup a submission could carry (<script>, an attribute
 * breaking out of its quotes); control characters other than tab, LF and
 * CR, and DEL, replaced by U+FFFD; NULL and "" appending nothing and
 * escaping appending to what the buffer holds; pl_html_text_max keeping
 * short text whole, cutting long text with an ellipsis, never in the
 * middle of a UTF-8 character or of an escape, and dropping spaces before
 * the ellipsis; every byte value at every place of a text longer than the
 * 16 bytes escaping looks at at once.
 */
#include "unit.h"

#include "pl_html.h"

static void text_is(const char *s, const char *want)
{
	struct pl_buf b = {0};
	pl_html_text(&b, s);
	assert_string_equal(pl_buf_str(&b), want);
	pl_buf_free(&b);
}

static void max_is(const char *s, size_t max, const char *want, int cut)
{
	struct pl_buf b = {0};
	assert_int_equal(pl_html_text_max(&b, s, max), cut);
	assert_string_equal(pl_buf_str(&b), want);
	pl_buf_free(&b);
}

static void test_plain(void **state)
{
	(void)state;
	text_is("Kota Bima", "Kota Bima");
	text_is("52.72", "52.72");
	text_is("Dinas Kesehatan, Bidang P2P", "Dinas Kesehatan, Bidang P2P");
	text_is("Bahasa \xc3\xa9\xe2\x82\xac", "Bahasa \xc3\xa9\xe2\x82\xac");
	text_is("tab\there\nline\r", "tab\there\nline\r");
	text_is("", "");
	text_is(NULL, "");
}

static void test_markup_escaped(void **state)
{
	(void)state;
	text_is("&", "&amp;");
	text_is("<", "&lt;");
	text_is(">", "&gt;");
	text_is("\"", "&quot;");
	text_is("'", "&#39;");
	text_is("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
	text_is("x\" onmouseover=\"alert('1')", "x&quot; onmouseover=&quot;alert(&#39;1&#39;)");
	text_is("=HYPERLINK(\"http://x\",\"y\")", "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)");
	text_is("&amp;", "&amp;amp;"); /* escaped text is escaped again, never trusted */
	text_is("R&D <Bappeda>", "R&amp;D &lt;Bappeda&gt;");
}

static void test_controls_replaced(void **state)
{
	(void)state;
	text_is("a\x01z", "a\xef\xbf\xbdz");
	text_is("\x1f", "\xef\xbf\xbd");
	text_is("\x0b\x0c", "\xef\xbf\xbd\xef\xbf\xbd");
	text_is("del\x7f", "del\xef\xbf\xbd");
}

static void test_appends(void **state)
{
	(void)state;
	struct pl_buf b = {0};
	pl_buf_adds(&b, "<td>");
	pl_html_text(&b, "A & B");
	pl_buf_adds(&b, "</td>");
	pl_html_text(&b, NULL);
	pl_html_text(&b, "");
	assert_string_equal(pl_buf_str(&b), "<td>A &amp; B</td>");
	pl_buf_free(&b);
}

static void test_max(void **state)
{
	(void)state;
	max_is("Kota Bima", 9, "Kota Bima", 0);
	max_is("Kota Bima", 20, "Kota Bima", 0);
	max_is("Kabupaten Kepulauan Siau", 9, "Kabupaten\xe2\x80\xa6", 1);
	/* the cut falls on a space: the space goes, the ellipsis stays */
	max_is("Kabupaten Kepulauan", 10, "Kabupaten\xe2\x80\xa6", 1);
	/* never half of a two-byte (é) or three-byte (€) character */
	max_is("ab\xc3\xa9z", 3, "ab\xe2\x80\xa6", 1);
	max_is("a\xe2\x82\xac"
	       "bc",
	       2, "a\xe2\x80\xa6", 1);
	max_is("a\xe2\x82\xac"
	       "bc",
	       3, "a\xe2\x80\xa6", 1);
	max_is("a\xe2\x82\xac"
	       "bc",
	       4, "a\xe2\x82\xac\xe2\x80\xa6", 1);
	/* the limit counts source bytes: an escape is never cut */
	max_is("a<b>c", 3, "a&lt;b\xe2\x80\xa6", 1);
	max_is(NULL, 3, "", 0);
}

/* Every byte value at every place of a text longer than the 16 bytes
 * escaping looks at at once, against the rule byte by byte. */
static void test_every_byte_everywhere(void **state)
{
	(void)state;
	struct pl_buf want = {0};
	char text[42];
	for (int c = 1; c < 256; c++) {
		for (size_t at = 0; at < 41; at++) {
			memset(text, 'a', 41);
			text[41] = '\0';
			text[at] = (char)c;
			pl_buf_reset(&want);
			for (size_t i = 0; i < 41; i++) {
				unsigned char b = (unsigned char)text[i];
				if (b == '&')
					pl_buf_adds(&want, "&amp;");
				else if (b == '<')
					pl_buf_adds(&want, "&lt;");
				else if (b == '>')
					pl_buf_adds(&want, "&gt;");
				else if (b == '"')
					pl_buf_adds(&want, "&quot;");
				else if (b == '\'')
					pl_buf_adds(&want, "&#39;");
				else if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') ||
					 b == 0x7F)
					pl_buf_adds(&want, "\xEF\xBF\xBD");
				else
					pl_buf_addc(&want, (char)b);
			}
			text_is(text, pl_buf_str(&want));
		}
	}
	pl_buf_free(&want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain),
	    cmocka_unit_test(test_markup_escaped),
	    cmocka_unit_test(test_controls_replaced),
	    cmocka_unit_test(test_appends),
	    cmocka_unit_test(test_max),
	    cmocka_unit_test(test_every_byte_everywhere),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
