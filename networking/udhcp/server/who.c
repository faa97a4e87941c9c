/*
 * who.c: who is asking, pure: a request's client key (its lease), the
 * link it comes from and the host block that is its (decide.c's
 * questions before any decision).
 */
#include "server/server.h"

#include <arpa/inet.h>
#include <string.h>

unsigned server_client_key(const struct dhcp_message *m, uint8_t *key)
{
	size_t n;
	const uint8_t *cid = udhcp_opt_get(&m->opts, DHCP_CLIENT_ID, &n);

	if (cid && n > 0 && n <= LEASE_KEY_MAX) {
		memcpy(key, cid, n);
		return (unsigned)n;
	}
	key[0] = m->htype;
	memcpy(key + 1, m->chaddr, m->hlen < 16 ? m->hlen : 16);
	return 1u + (m->hlen < 16 ? m->hlen : 16);
}

struct lease *server_lease_of(const struct server_state *s, const struct dhcp_message *m)
{
	uint8_t key[LEASE_KEY_MAX];

	return lease_by_key(&s->leases, key, server_client_key(m, key));
}

/*
 * The link a request comes from: the relay's (its link selection, RFC
 * 3527, else giaddr). Without a relay, a RENEWING REQUEST (ciaddr, no
 * option 50) for the lease the client has with us, or an INFORM, is
 * trusted to come from ciaddr's subnet when we declare it (RFC 2131
 * 4.3.2: unicast straight to us, through routers but no relay, from a
 * relayed subnet too; ISC trusts ciaddr alike). Not for a client we have
 * no lease of: one packet would take a free address of any subnet.
 * Else ours.
 */
uint32_t server_link_of(const struct server_state *s, const struct dhcp_message *m)
{
	uint32_t relayed = server_agent_link(m), ciaddr = ntohl(m->ciaddr);
	unsigned type;
	const struct lease *l;

	if (relayed)
		return ntohl(relayed);
	/* a renewal of the lease it has with us; an INFORM (options only) */
	if (ciaddr && !udhcp_opt_present(&m->opts, DHCP_REQUESTED_IP)
	    && ((type = udhcp_message_type(&m->opts)) == DHCPINFORM
		|| (type == DHCPREQUEST && (l = server_lease_of(s, m)) != NULL && l->ip == ciaddr))
	    && conf_subnet_of(&s->cfg, ciaddr))
		return ciaddr;
	return ntohl(s->server_nip);
}

const struct conf_subnet *server_link_subnet(const struct server_state *s, const struct dhcp_message *m)
{
	return conf_subnet_of(&s->cfg, server_link_of(s, m));
}

/* Its host block (ISC: by dhcp-client-identifier, else hardware
 * ethernet, else its relay's circuit or remote id), or NULL: an unknown
 * client. */
const struct conf_host *server_host_of(const struct server_state *s, const struct dhcp_message *m)
{
	size_t n = 0;
	const uint8_t *cid = udhcp_opt_get(&m->opts, DHCP_CLIENT_ID, &n);
	bool ether = m->htype == DHCP_HTYPE_ETHERNET && m->hlen == 6;
	struct udhcp_agent agent;
	bool relayed = s->cfg.agent_hosts && server_agent_of(m, &agent);
	const struct conf_host *h = conf_host_for(&s->cfg, ether ? m->chaddr : NULL, cid, n,
		relayed ? &agent : NULL, server_link_subnet(s, m));
	const struct lease *l;

	/* ISC's stash-agent-options, always on: a renewal (a REQUEST with
	 * ciaddr, no option 50) comes unicast, not through the relay, so
	 * without option 82; the address the relay's port got stays that
	 * port's host's while its lease runs. Only a renewal of that very
	 * lease: a DISCOVER is a new question, asked through the relay. */
	if (!h && s->cfg.agent_hosts && m->ciaddr && udhcp_message_type(&m->opts) == DHCPREQUEST
	    && !udhcp_opt_present(&m->opts, DHCP_REQUESTED_IP)
	    && !udhcp_opt_present(&m->opts, DHCP_RELAY_AGENT) && conf_is_fixed_ip(&s->cfg, ntohl(m->ciaddr))
	    && (l = server_lease_of(s, m)) != NULL && l->ip == ntohl(m->ciaddr)
	    && l->state == LEASE_ACTIVE && lease_is_live(l, s->now))
		h = conf_agent_host_of(&s->cfg, l->ip);
	return h;
}

bool server_client_known(const struct server_state *s, const struct dhcp_message *m)
{
	return server_host_of(s, m) != NULL;
}

/* The client's fixed address on its link, or 0. */
uint32_t server_static_ip_for(const struct server_state *s, const struct dhcp_message *m)
{
	return conf_host_fixed_on(&s->cfg, server_host_of(s, m), server_link_subnet(s, m));
}


void server_request_of(const struct server_state *s, const struct dhcp_message *m,
	struct conf_request *rq)
{
	const struct conf_host *h = server_host_of(s, m);

	rq->m = m;
	rq->known = h != NULL;
	rq->is_static = h && conf_host_fixed_on(&s->cfg, h, server_link_subnet(s, m)) != 0;
	rq->nclasses = 0;
	if (s->cfg.nclasses)
		conf_classify(&s->cfg, rq);
}
