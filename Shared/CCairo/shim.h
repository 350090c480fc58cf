#ifndef FINTRAK_CCAIRO_SHIM_H
#define FINTRAK_CCAIRO_SHIM_H
/* cairo: PNG charts for trend answers and PDF khata statements. */
#include <cairo.h>
#include <cairo-pdf.h>
#endif
