#!/bin/sh
# run.sh - `make run`: a fresh demo district served on 127.0.0.1:8080.
# Demo passwords are random each time and printed below; the demo database is
# build/demo.db (remade on every run). SJ_LISTEN overrides the address.
set -eu
cd "$(dirname "$0")/.."
rm -f build/demo.db build/demo.db-wal build/demo.db-shm
echo "正在建立演示数据库 build/demo.db ..."
build/shuangjian demo --db build/demo.db
LISTEN=${SJ_LISTEN:-127.0.0.1:8080}
echo ""
echo "浏览器打开 http://$LISTEN/ ，用上面的任一账号登录。按 Ctrl-C 停止。"
exec build/shuangjian serve --db build/demo.db --listen "$LISTEN"
