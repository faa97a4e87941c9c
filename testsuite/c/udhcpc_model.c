/*
 * udhcpc_model: the model test of udhcpc (client_model.c) from seeds.
 *
 *	udhcpc_model SEED COUNT STEPS [trace]
 *
 * runs seeds SEED .. SEED+COUNT-1 with STEPS steps each; prints the
 * figures, or the seed and the broken invariant (exit 1). A failing seed
 * is replayed with "udhcpc_model SEED 1 STEPS trace".
 */
#include "libbb.h"
#include "client_model.h"

static void add(struct client_model_stats *sum, const struct client_model_stats *st)
{
	unsigned long *to = (unsigned long *)sum;
	const unsigned long *from = (const unsigned long *)st;

	for (size_t i = 0; i < sizeof(*sum) / sizeof(unsigned long); i++)
		to[i] += from[i];
}

int main(int argc, char **argv)
{
	unsigned long first, count, steps;
	struct client_model_stats sum = { 0 }, st;

	if (argc < 4)
		bb_error_msg_and_die("usage: udhcpc_model SEED COUNT STEPS [trace]");
	first = strtoul(argv[1], NULL, 0);
	count = strtoul(argv[2], NULL, 0);
	steps = strtoul(argv[3], NULL, 0);
	for (unsigned long seed = first; seed < first + count; seed++) {
		struct model_seeded r = { seed * 0x9E3779B97F4A7C15ull + 1 };
		struct model_input in = { model_seeded_pick, model_never_exhausted, &r };

		if (client_model_run(&in, steps, argc > 4, &st) < 0) {
			printf("seed %lu failed (replay: udhcpc_model %lu 1 %lu trace)\n", seed, seed, steps);
			return 1;
		}
		add(&sum, &st);
	}
	printf("seeds %lu..%lu: %lu steps, %lu checks, %lu messages sent, %lu replies delivered,"
		" %lu lost, %lu binds, %lu renews, %lu NAKs, %lu hostile dropped, %lu cleaned,"
		" %lu restarts, %lu interface changes, %lu socket faults, %lu clock jumps,"
		" %lu ARP conflicts, %lu releases, %lu late INIT-REBOOT ACKs: every invariant held\n",
		first, first + count - 1, sum.steps, sum.checks, sum.sent, sum.delivered, sum.lost,
		sum.binds, sum.renews, sum.naks, sum.hostile, sum.cleaned, sum.restarts,
		sum.iface_changes, sum.listen_faults, sum.clock_jumps, sum.arp_conflicts, sum.releases,
		sum.late_reboot_acks);
	return 0;
}
