/*
 * fuzz_xml.c: libFuzzer target for the XML reader: the safe parse, the
 * schema check and the records ingest makes of a valid document.
 *
 * The input is the document. ingest reads it as a .xml file and
 * fuzz_check.h checks what it sends and its accounting; the parser also
 * runs alone without a schema, with tight limits, so the limit paths are
 * reached too.
 *
 * Built with clang -fsanitize=fuzzer by `make fuzz`; tests/fuzz/replay.c
 * runs the same function on the kept inputs in `make test`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "pl_xml.h"

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pl_xml_problems probs;
	struct pl_xml_limits lim = {.max_depth = 4, .max_nodes = 64, .max_problems = 3};
	xmlDocPtr doc = pl_xml_parse((const char *)data, size, "fuzz.xml", NULL, &lim, &probs);
	FC_ASSERT(!doc || probs.n == 0, "a document returned with problems");
	FC_ASSERT(doc || probs.n > 0, "no document and no problem");
	xmlFreeDoc(doc);
	pl_xml_problems_free(&probs);
	fc_ingest("fuzz.xml", data, size, 0);
	return 0;
}
