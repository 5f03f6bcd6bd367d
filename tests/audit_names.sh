#!/bin/sh
# audit_names.sh - every action the code writes to the audit trail has a
# Chinese name in src/core/audit_names.c (the 审计日志 page shows names, and
# its filter offers exactly that list). An action string is any literal like
# "homework.post" in app/, http/, cli/, demo/ (file names excluded); one built
# with snprintf(action, …, "user.%s", …) needs at least one named action
# under "user.".
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
T=$(mktemp /tmp/sj-audit-names.XXXXXX)
trap 'rm -f "$T" "$T.names"' EXIT
sed -nE 's/^[[:space:]]*\{ "([a-z_]+(\.[a-z_]+)+)", "[^"]+" \},.*/\1/p' src/core/audit_names.c | sort -u >"$T.names"
n=$(wc -l <"$T.names")
if [ "$n" -lt 50 ]; then echo "not ok - read only $n named actions from src/core/audit_names.c"; fi
{ grep -rhoE '"[a-z_]+\.[a-z_]+(\.[a-z_]+)?"' src/app src/http src/cli src/demo
  grep -rhoE 'snprintf\(action, sizeof action, "[a-z_]+\.%s"' src/app src/http src/cli src/demo | sed 's/.*, //'
} | tr -d '"' |
	grep -vE '\.(html|db|xlsx|csv|json|js|css|svg|png|txt|sql)$' | sort -u | while read -r a; do
	case "$a" in
	*%s) p=${a%%%s}
		if grep -q "^$(printf '%s' "$p" | sed 's/\./\\./g')" "$T.names"; then echo "ok - actions $a are named"
		else echo "not ok - no named action under $p (built as $a)"; fi ;;
	*)	if grep -qxF "$a" "$T.names"; then echo "ok - audit action $a has a name"
		else echo "not ok - audit action $a has no Chinese name in src/core/audit_names.c"; fi ;;
	esac
done >"$T"
cat "$T"
PASS=$(grep -c '^ok' "$T"); FAIL=$(grep -c '^not ok' "$T")
tally audit-names
