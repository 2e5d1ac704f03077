#include "pl_json.h"

void pl_json_str(struct pl_buf *b, const char *s)
{
	pl_buf_addc(b, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			pl_buf_addc(b, '\\');
			pl_buf_addc(b, (char)c);
		} else if (c == '\n') {
			pl_buf_adds(b, "\\n");
		} else if (c == '\t') {
			pl_buf_adds(b, "\\t");
		} else if (c < 0x20) {
			pl_buf_printf(b, "\\u%04x", c);
		} else {
			pl_buf_addc(b, (char)c);
		}
	}
	pl_buf_addc(b, '"');
}

void pl_json_key(struct pl_buf *b, const char *key)
{
	pl_json_str(b, key);
	pl_buf_adds(b, ": ");
}
