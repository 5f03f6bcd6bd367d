/* demo_table.c - the demo's in-memory files: a table of text cells shaped
 * like the CSV a district keeps, its cells in one arena per table, so a
 * province's students cost a few large allocations, not millions. */
#include "demo/demo_shared.h"

#include <stdlib.h>
#include <string.h>

/* ---- in-memory tables: cells live in one arena per table ---- */

#define ARENA_BLOCK (1u << 20)

struct arena_blk {
	struct arena_blk *next;
	size_t used, cap;
	char data[];
};

static void *tb_mem(struct tb *b, size_t n)
{
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (!b->blk || b->blk->cap - b->blk->used < n) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		struct arena_blk *k = malloc(sizeof *k + cap);

		if (!k)
			return NULL;
		k->next = b->blk;
		k->used = 0;
		k->cap = cap;
		b->blk = k;
	}
	p = b->blk->data + b->blk->used;
	b->blk->used += n;
	return p;
}

/* Append a row of ncols strings (copied). On failure marks b->oom; the
 * caller checks once before importing. */
void demo_tb_add(struct tb *b, const char *const *vals)
{
	struct table_row *row;
	char **cells;

	if (b->oom)
		return;
	if (b->t.nrows == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1024;
		struct table_row *rows = realloc(b->t.rows, cap * sizeof *rows);

		if (!rows) {
			b->oom = true;
			return;
		}
		b->t.rows = rows;
		b->cap = cap;
	}
	cells = tb_mem(b, b->ncols * sizeof *cells);
	if (!cells) {
		b->oom = true;
		return;
	}
	for (size_t i = 0; i < b->ncols; i++) {
		size_t n = strlen(vals[i]) + 1;

		cells[i] = tb_mem(b, n);
		if (!cells[i]) {
			b->oom = true;
			return;
		}
		memcpy(cells[i], vals[i], n);
	}
	row = &b->t.rows[b->t.nrows];
	row->line = (int)b->t.nrows + 1;
	row->ncells = b->ncols;
	row->cells = cells;
	b->t.nrows++;
}

void demo_tb_free(struct tb *b)
{
	while (b->blk) {
		struct arena_blk *next = b->blk->next;

		free(b->blk);
		b->blk = next;
	}
	free(b->t.rows);
	memset(b, 0, sizeof *b);
}

void demo_tb_init(struct tb *b, const char *const *header, size_t ncols)
{
	memset(b, 0, sizeof *b);
	b->ncols = ncols;
	snprintf(b->t.format, sizeof b->t.format, "csv");
	snprintf(b->t.encoding, sizeof b->t.encoding, "utf-8");
	demo_tb_add(b, header);
}

long demo_tb_rows(const struct tb *b)
{
	return b->t.nrows ? (long)b->t.nrows - 1 : 0;
}
