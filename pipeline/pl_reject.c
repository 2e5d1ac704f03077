#include <string.h>

#include "pl_reject.h"
#include "pl_util.h"

struct entry {
	const char *name;
	enum pl_scope scope;
	const char *msg[2];
	const char *example;
};

#define PL_REJECT_ENTRY(code, scope, id, en, example) {#code, PL_SCOPE_##scope, {id, en}, example},
static const struct entry table[PL_REJ_COUNT] = {PL_REJECT_CODES(PL_REJECT_ENTRY)};
#undef PL_REJECT_ENTRY

const char *pl_reject_name(enum pl_reject_code code)
{
	return table[code].name;
}

enum pl_scope pl_reject_scope(enum pl_reject_code code)
{
	return table[code].scope;
}

const char *pl_reject_message(enum pl_reject_code code, enum pl_lang lang)
{
	return table[code].msg[lang];
}

const char *pl_reject_example(enum pl_reject_code code)
{
	return table[code].example;
}

const char *pl_scope_name(enum pl_scope scope)
{
	static const char *const names[] = {"record", "file", "warning"};
	return names[scope];
}

int pl_reject_from_name(const char *name)
{
	for (int i = 0; i < PL_REJ_COUNT; i++)
		if (strcmp(table[i].name, name) == 0)
			return i;
	return -1;
}

int pl_lang_from_name(const char *name)
{
	if (strcmp(name, "id") == 0)
		return PL_LANG_ID;
	if (strcmp(name, "en") == 0)
		return PL_LANG_EN;
	return -1;
}
