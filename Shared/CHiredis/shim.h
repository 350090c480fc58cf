#ifndef FINTRAK_CHIREDIS_SHIM_H
#define FINTRAK_CHIREDIS_SHIM_H
/* hiredis 0.14: redisCommand is variadic; Fintrak only uses the Argv forms, which Swift can call. */
#include <hiredis.h>
#include <errno.h>
#include <sys/socket.h>

/* Element i of an array reply; Swift sees `element` as a double pointer, this keeps the indexing in C. */
static inline redisReply *fintrak_redis_reply_element(redisReply *reply, size_t i) {
    return reply->element[i];
}

/* The context's error text; `errstr` is a char array, which Swift sees as a tuple. */
static inline const char *fintrak_redis_error(const redisContext *c) {
    return c->errstr;
}
/* Bytes formatted but not yet written to the socket. Compared before and after a failed round trip, it tells
   whether any byte of the commands left: if none did, the server never saw them and they are safe to resend. */
static inline size_t fintrak_redis_unsent_bytes(const redisContext *c) {
    return c->obuf ? sdslen(c->obuf) : 0;
}

/* 1 when the server has closed this idle connection (a restart) or it is otherwise unusable; 0 while it is open
   with nothing to read. One non-blocking peek: nothing is sent and nothing waits. */
static inline int fintrak_redis_peer_closed(const redisContext *c) {
    char byte;
    ssize_t n = recv(c->fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n < 0) return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? 0 : 1;
    return 1; /* 0: the server closed it; > 0: a reply nobody asked for, so the connection is out of step */
}
#endif
