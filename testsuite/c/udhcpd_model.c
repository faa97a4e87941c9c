/*
 * udhcpd_model: the model test of udhcpd (server_model.c) from seeds.
 *
 *	udhcpd_model SEED COUNT STEPS [trace]
 *
 * runs seeds SEED .. SEED+COUNT-1 with STEPS steps each; prints the
 * figures, or the seed and the broken invariant (exit 1). A failing seed
 * is replayed with "udhcpd_model SEED 1 STEPS trace".
 */
#include "libbb.h"
#include "server_model.h"

int main(int argc, char **argv)
{
	unsigned long first, count, steps, total_steps = 0, checks = 0;
	struct model_stats sum = { 0 }, st;

	if (argc < 4)
		bb_error_msg_and_die("usage: udhcpd_model SEED COUNT STEPS [trace]");
	first = strtoul(argv[1], NULL, 0);
	count = strtoul(argv[2], NULL, 0);
	steps = strtoul(argv[3], NULL, 0);
	for (unsigned long seed = first; seed < first + count; seed++) {
		struct model_seeded r = { seed * 0x9E3779B97F4A7C15ull + 1 };
		struct model_input in = { model_seeded_pick, model_never_exhausted, &r };

		if (model_run(&in, steps, argc > 4, &st) < 0) {
			printf("seed %lu failed (replay: udhcpd_model %lu 1 %lu trace)\n", seed, seed, steps);
			return 1;
		}
		total_steps += st.steps;
		checks += st.checks;
		sum.delivered += st.delivered;
		sum.replies += st.replies;
		sum.acks += st.acks;
		sum.naks += st.naks;
		sum.offers += st.offers;
		sum.crashes += st.crashes;
		sum.reloads += st.reloads;
		sum.faults += st.faults;
		sum.clock_jumps += st.clock_jumps;
		sum.bootp += st.bootp;
	}
	printf("seeds %lu..%lu: %lu steps, %lu table checks, %lu requests delivered, %lu OFFERs, %lu ACKs,"
		" %lu NAKs, %lu BOOTREPLYs, %lu crashes, %lu reloads, %lu disk faults, %lu clock jumps:"
		" every invariant held\n",
		first, first + count - 1, total_steps, checks, sum.delivered, sum.offers, sum.acks, sum.naks,
		sum.bootp, sum.crashes, sum.reloads, sum.faults, sum.clock_jumps);
	return 0;
}
