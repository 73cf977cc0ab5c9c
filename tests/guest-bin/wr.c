// SPDX-License-Identifier: GPL-2.0
/*
 * wr [-u UID] FILE DATA|-z|-g N - one open() and one write() of DATA to FILE,
 * as user UID if given; -z writes zero bytes, -g N writes N bytes of
 * garbage. Prints "wr: ok" or "wr: <strerror>"; exit status 0 or the errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char garbage[65536];
	const char *data;
	size_t len;
	int fd, e = 0, i = 1;

	if (argc > 3 && !strcmp(argv[1], "-u")) {
		uid_t uid = (uid_t)atoi(argv[2]);

		if (setgid(uid) || setuid(uid)) {
			perror("wr: setuid");
			return 125;
		}
		i = 3;
	}
	if (argc - i < 2) {
		fprintf(stderr, "usage: wr [-u UID] FILE DATA|-z|-g N\n");
		return 126;
	}
	data = argv[i + 1];
	len = strlen(data);
	if (!strcmp(data, "-z")) {
		len = 0;
	} else if (!strcmp(data, "-g") && argc - i > 2) {
		len = (size_t)atoi(argv[i + 2]);
		if (len > sizeof(garbage))
			len = sizeof(garbage);
		for (size_t k = 0; k < len; k++)
			garbage[k] = (char)('!' + (k * 7) % 90);
		data = garbage;
	}
	fd = open(argv[i], O_WRONLY);
	if (fd < 0 || write(fd, data, len) < 0)
		e = errno;
	printf("wr: %s\n", e ? strerror(e) : "ok");
	return e;
}
