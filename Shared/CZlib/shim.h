#ifndef FINTRAK_CZLIB_SHIM_H
#define FINTRAK_CZLIB_SHIM_H
/* zlib: deflate and CRC-32 for the PNG charts query-generator writes. */
#include <zlib.h>
#endif
