#ifndef FINTRAK_CTESSERACT_SHIM_H
#define FINTRAK_CTESSERACT_SHIM_H
/* Tesseract's C API and Leptonica (image loading and preprocessing for OCR). */
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
#endif
