// SPDX-License-Identifier: GPL-2.0
/*
 * finsmod FILE [PARAMS] - load a module with exactly one finit_module() call, as kmod's
 * insmod does (busybox's insmod retries with init_module() on any failure,
 * which runs the module's init twice). Exit status: 0, or the errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: finsmod FILE [PARAMS]\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0 || syscall(SYS_finit_module, fd, argc == 3 ? argv[2] : "", 0)) {
		int e = errno;

		printf("finsmod: %s: %s\n", argv[1], strerror(e));
		return e;
	}
	return 0;
}
