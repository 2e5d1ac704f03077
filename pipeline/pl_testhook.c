#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pl_testhook.h"
#include "pl_util.h"

void pl_testhook(const char *point)
{
	const char *at = getenv("INDEKS_TEST_PAUSE_AT");
	if (!at || strcmp(at, point) != 0)
		return;
	const char *file = getenv("INDEKS_TEST_PAUSE_FILE");
	if (file && *file) {
		/* Written whole, then renamed: the test never reads half a pid. */
		char tmp[4096], line[32];
		int n = snprintf(tmp, sizeof tmp, "%s.tmp", file);
		int len = snprintf(line, sizeof line, "%ld\n", (long)getpid());
		int fd = n > 0 && (size_t)n < sizeof tmp
				 ? open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)
				 : -1;
		if (fd >= 0) {
			ssize_t w = write(fd, line, (size_t)len);
			close(fd);
			if (w == len)
				rename(tmp, file);
		}
	}
	raise(SIGSTOP);
}
