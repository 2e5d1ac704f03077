#include <string.h>

#include "pl_html.h"

/* U+FFFD REPLACEMENT CHARACTER: what a forbidden control byte becomes. */
static const char replacement[] = "\xEF\xBF\xBD";

static void escape(struct pl_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
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
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
				pl_buf_adds(b, replacement);
			else
				pl_buf_addc(b, (char)c);
		}
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
