/*
 * pl_html.h: text made safe to put into an HTML page.
 *
 * Everything the report shows comes from submissions (names of
 * innovations and agencies, file names) or from data files, so every
 * piece of text is escaped on its way into the page, whether it lands
 * between tags, in a quoted attribute value or in an SVG <text>: the
 * same escaping is safe in all three. Markup the caller writes itself is
 * added with pl_buf_adds as usual.
 *
 * What is escaped: & < > " ' (as &amp; &lt; &gt; &quot; &#39;), and the
 * control characters HTML forbids in text (C0 other than tab, LF and CR,
 * and DEL) become U+FFFD, so a stray byte from an old spreadsheet cannot
 * break the page. Bytes of 0x80 and above are copied as they are: the
 * pipeline's text is UTF-8 already (ingest converts it).
 *
 * Memory: appends to a caller's pl_buf, which owns its bytes. No errors:
 * running out of memory aborts (pl_util.h).
 */
#ifndef PL_HTML_H
#define PL_HTML_H

#include "pl_util.h"

/* Appends s escaped; NULL appends nothing. */
void pl_html_text(struct pl_buf *b, const char *s);
/* Appends at most max bytes of s escaped, cut back to a whole UTF-8
 * character, with an ellipsis when anything was left out: for labels of a
 * chart that has room for so much. Returns 1 when s was shortened. */
int pl_html_text_max(struct pl_buf *b, const char *s, size_t max);

#endif
