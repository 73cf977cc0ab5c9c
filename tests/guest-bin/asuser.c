// SPDX-License-Identifier: GPL-2.0
/*
 * asuser UID COMMAND [ARG]... - run COMMAND with user and group ID UID, no
 * supplementary groups (busybox has no su/setpriv that drops to a user
 * without a password database): what a non-root user gets from a tool.
 */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	uid_t uid;

	if (argc < 3) {
		fprintf(stderr, "usage: asuser UID COMMAND [ARG]...\n");
		return 126;
	}
	uid = (uid_t)atoi(argv[1]);
	if (setgroups(0, NULL) || setgid(uid) || setuid(uid)) {
		perror("asuser: setuid");
		return 125;
	}
	execvp(argv[2], argv + 2);
	perror("asuser: exec");
	return 127;
}
