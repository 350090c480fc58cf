#ifndef FINTRAK_CHIREDIS_SHIM_H
#define FINTRAK_CHIREDIS_SHIM_H
/* hiredis 0.14: redisCommand is variadic; Fintrak only uses the Argv forms, which Swift can call. */
#include <hiredis.h>

/* Element i of an array reply; Swift sees `element` as a double pointer, this keeps the indexing in C. */
static inline redisReply *fintrak_redis_reply_element(redisReply *reply, size_t i) {
    return reply->element[i];
}

/* The context's error text; `errstr` is a char array, which Swift sees as a tuple. */
static inline const char *fintrak_redis_error(const redisContext *c) {
    return c->errstr;
}
#endif
