#include <string.h>

#include "pl_html.h"

/* U+FFFD REPLACEMENT CHARACTER: what a forbidden control byte becomes. */
static const char replacement[] = "\xEF\xBF\xBD";

/* The bytes escape() changes: the five markup characters and the control
 * bytes HTML forbids. */
static int special(unsigned char c)
{
	if (c < 0x20)
		return c != '\t' && c != '\n' && c != '\r';
	return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c == 0x7F;
}

static void escape(struct pl_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		/* Plain text goes in as runs: most fields need no escape. */
		size_t run = i;
		while (run < n && !special((unsigned char)s[run]))
			run++;
		if (run > i)
			pl_buf_add(b, s + i, run - i);
		if (run == n)
			break;
		switch (s[run]) {
		case '&':
			pl_buf_adds(b, "&amp;");
			break;
		case '<':
			pl_buf_adds(b, "&lt;");
			break;
		case '>':
			pl_buf_adds(b, "&gt;");
			break;
		case '"':
			pl_buf_adds(b, "&quot;");
			break;
		case '\'':
			pl_buf_adds(b, "&#39;");
			break;
		default:
			pl_buf_adds(b, replacement);
		}
		i = run + 1;
	}
}

void pl_html_text(struct pl_buf *b, const char *s)
{
	if (s)
		escape(b, s, strlen(s));
}

int pl_html_text_max(struct pl_buf *b, const char *s, size_t max)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	if (n <= max) {
		escape(b, s, n);
		return 0;
	}
	/* Back up over continuation bytes (10xxxxxx) so that no character is
	 * cut in half, then leave room for nothing but the ellipsis. */
	size_t cut = max;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	escape(b, s, cut);
	pl_buf_adds(b, "\xE2\x80\xA6"); /* U+2026 HORIZONTAL ELLIPSIS */
	return 1;
}
