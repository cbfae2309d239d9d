/* SPDX-License-Identifier: MIT */
/*
 * demo.h - "algoff demo": algoff's main job on a real SIP ALG, on this
 * machine. With root and network namespaces it brings up the lab (lab.sh:
 * lan -- rtr -- wan, the kernel SIP helper and an sshd on rtr), runs the
 * reflector in wan, probes from lan (ALG present), applies the
 * linux-nftables profile over SSH from lan to the router, probes again (ALG
 * absent), prints the before/after and tears the lab down: always, also
 * after an error or Ctrl-C. Every step is this same binary run as a child
 * (os/proc.h), so the demo shows exactly what the commands do. Without the
 * privilege it says why and prints a dry run.
 */
#ifndef ALGOFF_DEMO_H
#define ALGOFF_DEMO_H

struct demo_opts {
	const char *lab_script;   /* NULL: lab/lab.sh in the data directory */
};

/* how the demo ended; cli/cmd_demo.c maps it to an exit code */
enum demo_outcome {
	DEMO_SHOWN,        /* the ALG was present before and absent after */
	DEMO_DRY_RUN,      /* the lab cannot run here; the dry run was shown */
	DEMO_FAILED,       /* a step or check failed */
	DEMO_INTERRUPTED,  /* SIGINT or SIGTERM (the lab was torn down) */
};

enum demo_outcome demo_run(const struct demo_opts *o);

#endif
