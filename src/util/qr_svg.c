#include "util/qr_svg.h"
#include "util/buf.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

char *qr_svg(const char *text, size_t *len)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct buf b;
	int w, quiet = 4, bad = 0;

	if (!q)
		return NULL;
	buf_init(&b, (size_t)1 << 20);
	w = q->width;
	bad |= buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
		   " shape-rendering=\"crispEdges\"><rect width=\"100%%\" height=\"100%%\""
		   " fill=\"#fff\"/><path fill=\"#000\" d=\"", w + 2 * quiet, w + 2 * quiet);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (q->data[y * w + x] & 1)
				bad |= buf_printf(&b, "M%d %dh1v1h-1z", x + quiet, y + quiet);
	bad |= buf_printf(&b, "\"/></svg>");
	QRcode_free(q);
	if (bad) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return b.data;
}
