/*
 * pl_banned.h: string functions this project does not use.
 *
 * Included last by every translation unit (through pl_util.h), so a call to
 * one of these fails to compile. They either overflow silently (strcpy,
 * sprintf, strcat), or accept garbage silently (atoi, atol, atof), which in a
 * pipeline that rejects bad input with a reason is a bug, not a shortcut.
 * Use pl_buf, snprintf, and the strict parsers of pl_parse.h instead.
 */
#ifndef PL_BANNED_H
#define PL_BANNED_H

#define PL_BANNED(func) sorry_##func##_is_banned_in_indeks

#undef strcpy
#define strcpy(x, y) PL_BANNED(strcpy)
#undef strcat
#define strcat(x, y) PL_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) PL_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) PL_BANNED(strncat)
#undef sprintf
#define sprintf(...) PL_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) PL_BANNED(vsprintf)
#undef gets
#define gets(x) PL_BANNED(gets)
#undef atoi
#define atoi(x) PL_BANNED(atoi)
#undef atol
#define atol(x) PL_BANNED(atol)
#undef atof
#define atof(x) PL_BANNED(atof)
#undef strtok
#define strtok(x, y) PL_BANNED(strtok)

#endif
