#include <string.h>
#include <strings.h>

#include "pl_dialect.h"
#include "pl_util.h"

static const unsigned char candidates[] = {',', ';', '\t', '|'};
enum { NCAND = sizeof candidates, MAX_RECORDS = 50 };

static int starts(const char *s, size_t n, const char *prefix, size_t m)
{
	return n >= m && memcmp(s, prefix, m) == 0;
}

static enum pl_bom find_bom(const char *s, size_t n, size_t *len)
{
	/* UTF-32LE starts like UTF-16LE: test the longer mark first. */
	static const struct {
		const char *mark;
		size_t len;
		enum pl_bom bom;
	} marks[] = {
		{"\xFF\xFE\x00\x00", 4, PL_BOM_UTF32LE}, {"\x00\x00\xFE\xFF", 4, PL_BOM_UTF32BE},
		{"\xEF\xBB\xBF", 3, PL_BOM_UTF8},        {"\xFF\xFE", 2, PL_BOM_UTF16LE},
		{"\xFE\xFF", 2, PL_BOM_UTF16BE},
	};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (starts(s, n, marks[i].mark, marks[i].len)) {
			*len = marks[i].len;
			return marks[i].bom;
		}
	*len = 0;
	return PL_BOM_NONE;
}

/* Signatures of the files most often renamed to .csv by mistake. */
static const char *find_binary(const char *s, size_t n)
{
	if (starts(s, n, "PK\x03\x04", 4))
		return "xlsx/zip";
	if (starts(s, n, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return "xls";
	if (starts(s, n, "%PDF-", 5))
		return "pdf";
	return NULL;
}

const char *pl_bom_unsupported(enum pl_bom bom)
{
	switch (bom) {
	case PL_BOM_UTF16LE: return "UTF-16LE";
	case PL_BOM_UTF16BE: return "UTF-16BE";
	case PL_BOM_UTF32LE: return "UTF-32LE";
	case PL_BOM_UTF32BE: return "UTF-32BE";
	case PL_BOM_NONE:
	case PL_BOM_UTF8: break;
	}
	return NULL;
}

const char *pl_delim_name(unsigned char delim)
{
	switch (delim) {
	case ',': return ",";
	case ';': return ";";
	case '\t': return "tab";
	case '|': return "|";
	}
	return "?";
}

/* "sep=X" alone on the first line (any case), as Excel writes and reads
 * it. Returns the length of the line with its line break, 0 if absent. */
static size_t sep_line(const char *s, size_t n, int complete, unsigned char *delim)
{
	if (n < 5 || strncasecmp(s, "sep=", 4) != 0)
		return 0;
	unsigned char c = (unsigned char)s[4];
	if (c == '"' || c == '\r' || c == '\n')
		return 0;
	size_t i = 5;
	if (i < n && s[i] == '\r')
		i++;
	if (i < n && s[i] == '\n')
		i++;
	else if (!(i == n && complete) && !(i > 5))
		return 0; /* more text on the line: not the hint */
	*delim = c;
	return i;
}

/* Splits the sample into records with delim and fills counts[] with the
 * number of fields of each non-blank record; returns how many. */
static size_t count_fields(const char *s, size_t n, int complete, unsigned char delim,
			   size_t *counts)
{
	size_t nrec = 0, fields = 1, i = 0;
	int quoted = 0, nonblank = 0, field_start = 1;
	while (i < n && nrec < MAX_RECORDS) {
		unsigned char c = (unsigned char)s[i++];
		if (quoted) {
			if (c == '"') {
				if (i < n && s[i] == '"')
					i++;
				else
					quoted = 0;
			}
			continue;
		}
		if (c == '"' && field_start) {
			quoted = 1;
			nonblank = 1;
			field_start = 0;
		} else if (c == delim) {
			fields++;
			field_start = 1;
		} else if (c == '\n' || c == '\r') {
			if (nonblank)
				counts[nrec++] = fields;
			fields = 1;
			nonblank = 0;
			field_start = 1;
		} else {
			if (c != ' ' && c != '\t')
				nonblank = 1;
			field_start = 0;
		}
	}
	/* A last record without a line break counts only if nothing of it can
	 * be missing: the sample is the whole file and no quote is open. */
	if (i == n && nonblank && complete && !quoted && nrec < MAX_RECORDS)
		counts[nrec++] = fields;
	return nrec;
}

/* The common case, decided from the header alone: returns the delimiter,
 * or 0 when the counting below is needed.
 *
 * The header is the first line holding anything but spaces and tabs (the
 * lines before it are blank for every candidate). When it holds no quote,
 * a byte that is not a space, a tab or a candidate (so it is the first
 * non-blank record for every candidate), and exactly one of the
 * candidates, then only that candidate splits the header into two fields
 * or more: it is the only eligible one, and the rule picks it whatever the
 * later records say. A header cut off by the end of the sample is judged
 * by what there is, in the rule as here. Anything else (a quote, a line of
 * only delimiters, two candidates) is counted. */
static unsigned char header_only(const char *s, size_t n)
{
	size_t i = 0, start = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) {
		if (s[i] == '\r' || s[i] == '\n')
			start = i + 1;
		i++;
	}
	/* The header line, looked through with memchr: wide headers are a
	 * kilobyte and more, in every file of a national year. */
	const char *line = s + start, *end;
	size_t len = n - start;
	if ((end = memchr(line, '\n', len)))
		len = (size_t)(end - line);
	if ((end = memchr(line, '\r', len)))
		len = (size_t)(end - line);
	if (memchr(line, '"', len))
		return 0;
	int other = 0;
	for (i = 0; i < len && !other; i++)
		other = line[i] != ' ' && line[i] != '\t' && line[i] != ',' && line[i] != ';' &&
			line[i] != '|';
	if (!other)
		return 0;
	unsigned seen = (memchr(line, ',', len) ? 1u : 0) | (memchr(line, ';', len) ? 2u : 0) |
			(memchr(line, '\t', len) ? 4u : 0) | (memchr(line, '|', len) ? 8u : 0);
	switch (seen) {
	case 1: return ',';
	case 2: return ';';
	case 4: return '\t';
	case 8: return '|';
	}
	return 0;
}

unsigned char pl_dialect_delimiter(const char *s, size_t n, int complete)
{
	unsigned char only = header_only(s, n);
	if (only)
		return only;
	size_t counts[MAX_RECORDS];
	unsigned char best = ',';
	size_t best_agree = 0, best_total = 1, best_fields = 0;
	int have = 0;
	for (size_t k = 0; k < NCAND; k++) {
		size_t nrec = count_fields(s, n, complete, candidates[k], counts);
		if (nrec == 0) {
			/* Not one whole record in the sample (a header longer than
			 * it): judge by the fields of what there is. */
			nrec = count_fields(s, n, 1, candidates[k], counts);
			if (nrec == 0)
				continue;
			nrec = 1;
		}
		if (counts[0] < 2)
			continue;
		size_t agree = 0, total = nrec - 1;
		for (size_t r = 1; r < nrec; r++)
			agree += counts[r] == counts[0];
		if (total == 0) {
			agree = 1;
			total = 1;
		}
		/* agree/total > best_agree/best_total, compared exactly */
		unsigned long long lhs = (unsigned long long)agree * best_total;
		unsigned long long rhs = (unsigned long long)best_agree * total;
		if (!have || lhs > rhs || (lhs == rhs && counts[0] > best_fields)) {
			have = 1;
			best = candidates[k];
			best_agree = agree;
			best_total = total;
			best_fields = counts[0];
		}
	}
	return best;
}

void pl_dialect_sniff(const char *s, size_t n, int complete, struct pl_dialect *d)
{
	memset(d, 0, sizeof *d);
	size_t bom_len;
	d->bom = find_bom(s, n, &bom_len);
	d->delim = ',';
	if (pl_bom_unsupported(d->bom))
		return;
	d->skip = bom_len;
	if (d->bom == PL_BOM_NONE && (d->binary = find_binary(s, n)) != NULL)
		return;
	unsigned char hint;
	size_t line = sep_line(s + bom_len, n - bom_len, complete, &hint);
	if (line) {
		d->sep_line = 1;
		d->delim = hint;
		d->skip += line;
		d->skip_lines = s[bom_len + line - 1] == '\n' ||
				s[bom_len + line - 1] == '\r';
		return;
	}
	d->delim = pl_dialect_delimiter(s + bom_len, n - bom_len, complete);
}
