/* curriculum.h - the subjects of the national curriculum for grades 1-9, as
 * schools write them (语文, 数学 ... 书法): a homework item, a teaching
 * assignment, a subject head's scope and an import's 任教学科 name one. */
#ifndef SJ_CURRICULUM_H
#define SJ_CURRICULUM_H

#include <stdbool.h>

/* s is a subject of the curriculum (NULL is not). */
bool subject_ok(const char *s);

#endif
