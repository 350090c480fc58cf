#ifndef FINTRAK_CRABBITMQ_SHIM_H
#define FINTRAK_CRABBITMQ_SHIM_H
/* rabbitmq-c 0.11: headers at the include root (../shared/PROTOCOLS.md). */
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <amqp_framing.h>
/* The connection thread's wake-up counter (Mailbox): eventfd is not in Swift's Glibc module. */
#include <sys/eventfd.h>

/* amqp_login is variadic, which Swift cannot call: fix it to PLAIN user/password. */
static inline amqp_rpc_reply_t fintrak_amqp_login_plain(amqp_connection_state_t state, const char *vhost,
                                                        int channel_max, int frame_max, int heartbeat,
                                                        const char *user, const char *password) {
    return amqp_login(state, vhost, channel_max, frame_max, heartbeat, AMQP_SASL_METHOD_PLAIN, user, password);
}
#endif
