// SPDX-License-Identifier: GPL-2.0
/*
 * mte - a task that uses MTE tagged memory (FEAT_MTE2), for the case that
 * runs el2reset on a CPU with MTE: what EL1 needs of EL2 for it is
 * HCR_EL2.ATA (7.2+ kernels set it for their stub), and a hand-over that
 * drops it makes EL1's next GCR_EL1/RGSR_EL1/TFSR_EL1 access trap to the
 * stub and loop there.
 *
 * One round: enable synchronous tag checks (prctl), map a PROT_MTE page,
 * give a granule a random tag (IRG, STG), store and load through the
 * tagged pointer, then load through the same address with another tag:
 * that must raise SIGSEGV with si_code SEGV_MTESERR.
 *
 * usage: mte               one round
 *        mte wait FILE     one round, "mte: round 1 ok", wait until FILE
 *                          exists, a second round in the same task
 * Exit 0 when every round passed; 1 the tagged store/load read back wrong;
 * 2 no tag-check fault; 3 no MTE (prctl or mmap refused).
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#ifndef PR_SET_TAGGED_ADDR_CTRL
#define PR_SET_TAGGED_ADDR_CTRL	55
#define PR_TAGGED_ADDR_ENABLE	(1UL << 0)
#endif
#ifndef PR_MTE_TCF_SYNC
#define PR_MTE_TCF_SYNC		(1UL << 1)
#define PR_MTE_TAG_SHIFT	3
#endif
#ifndef PROT_MTE
#define PROT_MTE		0x20
#endif
#ifndef SEGV_MTESERR
#define SEGV_MTESERR		9
#endif

static sigjmp_buf env;
static volatile sig_atomic_t code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	code = si->si_code;
	siglongjmp(env, 1);
}

static int round_(int n, unsigned char *page)
{
	volatile uint64_t *p, *q;
	uint64_t v;

	/* a random tag for the first granule, excluding tag 0 (prctl mask) */
	asm volatile("irg %0, %1" : "=r"(p) : "r"(page));
	asm volatile("stg %0, [%0]" : : "r"(p) : "memory");
	*p = 0x656c327265736574ULL + n;
	v = *p;
	if (v != 0x656c327265736574ULL + n) {
		printf("mte: round %d: tagged load read %#llx\n", n,
		       (unsigned long long)v);
		return 1;
	}
	/* the same address with another tag: a synchronous tag-check fault */
	q = (volatile uint64_t *)((uintptr_t)p ^ (1ULL << 56));
	code = 0;
	if (!sigsetjmp(env, 1)) {
		v = *q;
		printf("mte: round %d: load with a wrong tag did not fault\n",
		       n);
		return 2;
	}
	if (code != SEGV_MTESERR) {
		printf("mte: round %d: SIGSEGV with si_code %d, not SEGV_MTESERR\n",
		       n, (int)code);
		return 2;
	}
	printf("mte: round %d ok\n", n);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	unsigned char *page;
	int ret;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	if (prctl(PR_SET_TAGGED_ADDR_CTRL, PR_TAGGED_ADDR_ENABLE |
		  PR_MTE_TCF_SYNC | (0xfffeUL << PR_MTE_TAG_SHIFT), 0, 0, 0)) {
		printf("mte: prctl: %s\n", strerror(errno));
		return 3;
	}
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_MTE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED) {
		printf("mte: mmap PROT_MTE: %s\n", strerror(errno));
		return 3;
	}
	ret = round_(1, page);
	if (ret || argc < 3 || strcmp(argv[1], "wait"))
		return ret;
	while (access(argv[2], F_OK))
		usleep(20000);
	return round_(2, page);
}
