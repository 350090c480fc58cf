#ifndef FINTRAK_CHIREDIS_SHIM_H
#define FINTRAK_CHIREDIS_SHIM_H
/* hiredis 0.14: redisCommand is variadic; Fintrak only uses the Argv forms, which Swift can call. */
#include <hiredis.h>

/* Element i of an array reply; Swift sees `element` as a double pointer, this keeps the indexing in C. */
static inline redisReply *fintrak_redis_reply_element(redisReply *reply, size_t i) {
    return reply->element[i];
}
#endif
