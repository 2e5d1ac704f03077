/*
 * pl_data.h: the data files compiled into the program.
 *
 * pipeline/data/ holds tables that are data, reviewed as data, but that
 * the program needs wherever it runs: the header synonyms (headers.csv)
 * and the XML submission schema (submission.xsd). The build turns each
 * into a byte array (scripts/embed-data.sh), so nothing is looked up on
 * disk at run time and a binary cannot meet a table of another version.
 * Each array ends with a NUL that _len does not count.
 */
#ifndef PL_DATA_H
#define PL_DATA_H

#include <stddef.h>

extern const char pl_data_headers_csv[];
extern const size_t pl_data_headers_csv_len;
extern const char pl_data_submission_xsd[];
extern const size_t pl_data_submission_xsd_len;

#endif
