#ifndef FINTRAK_CXLSXWRITER_SHIM_H
#define FINTRAK_CXLSXWRITER_SHIM_H
/* libxlsxwriter: spreadsheets attached to list answers. */
#include <xlsxwriter.h>
#endif
