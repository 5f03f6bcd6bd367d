/* qr_svg.h - a QR code (libqrencode) as an SVG image, for the class door. */
#ifndef SJ_QR_SVG_H
#define SJ_QR_SVG_H
#include <stddef.h>

/* The SVG text of a QR code for text (error correction M, 4-module quiet
 * zone), malloc'd; *len receives its length. NULL on failure. */
char *qr_svg(const char *text, size_t *len);

#endif
