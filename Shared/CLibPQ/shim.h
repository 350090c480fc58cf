#ifndef FINTRAK_CLIBPQ_SHIM_H
#define FINTRAK_CLIBPQ_SHIM_H
/* libpq has no variadic calls that Fintrak needs; this header only gathers the include. */
#include <libpq-fe.h>
#endif
