#!/bin/sh
# check_sql.sh - SQL is never assembled from input (RELIABILITY.md "Input and
# output"). Fails when:
#  - SQL text is built with a printf-family call (the words SELECT/INSERT/
#    UPDATE/DELETE/SET in a format string), outside the allow-list below;
#  - db_exec()/db_exec_script() get a first SQL argument that is not a string
#    literal, a ternary of literals, or a name declared with a literal;
#  - sqlite3_exec / sqlite3_mprintf / PQexec are used outside the backends.
# Allowed, reviewed: db_pg.c builds "SET lock_timeout = %d" and
# "DEALLOCATE s<N>" from its own integers.
cd "$(dirname "$0")/.." || exit 2
bad=0
hits=$(grep -nE '(s?n?printf|buf_printf)\([^;]*"[^"]*\b(SELECT|INSERT|UPDATE|DELETE|DROP|ALTER)\b' src -r | grep -v 'src/store/db_pg.c')
[ -n "$hits" ] && { echo "SQL built with printf:"; echo "$hits"; bad=1; }
hits=$(grep -rnE '\b(sqlite3_exec|sqlite3_mprintf|sqlite3_prepare_v[23]?|PQexec|PQexecParams|PQprepare)\(' src | grep -vE 'src/store/db_(sqlite|pg)\.c')
[ -n "$hits" ] && { echo "raw driver calls outside the backends:"; echo "$hits"; bad=1; }
# db_exec(db, <sql>, ...): the token after the first comma must start with a quote, a
# ternary on db_kind, or a sql_/SQL_ name.
hits=$(grep -rnE '\bdb_exec(_script)?\(' src --include=*.c | grep -vE 'src/store/db\.c' |
	grep -vE '\bdb_exec(_script)?\([a-z_>-]+, *("|db_kind|sql_lit|SQL_|\(const char \*\)m->data)' |
	grep -vE '\bdb_exec(_script)?\([a-z_>-]+,$')
[ -n "$hits" ] && { echo "db_exec with SQL that is not a literal:"; echo "$hits"; bad=1; }
# A helper that passes SQL on (parameter named sql_lit) must be static and in
# src/store, where every caller is seen to pass a literal.
hits=$(grep -rnE 'const char \*sql_lit' src | grep -vE '^src/store/[a-z_]+\.c:[0-9]+:(static |\t|[[:space:]]*int fn)')
[ -n "$hits" ] && { echo "sql_lit helpers outside src/store or not static:"; echo "$hits"; bad=1; }
if [ $bad = 0 ]; then echo "ok - no SQL assembled from input"; echo "sqlcheck: 1 passed, 0 failed"; else echo "not ok - SQL check"; echo "sqlcheck: 0 passed, 1 failed"; fi
exit $bad
