#!/usr/bin/env python3
"""SQLite FTS5 side of `newsbot bench --fts5` (issue 11).

Reads DIR/articles.jsonl ({"id", "title", "text"}) and DIR/queries.json (a
list of search words), builds DIR/fts5.db with one row per article, then
times ROUNDS random queries (seeded), each the words as an OR query ranked
by bm25 with a snippet of the best column, 10 rows. Prints one JSON object.
"""
import json
import os
import random
import re
import sqlite3
import sys
import time


def main():
    d, rounds = sys.argv[1], int(sys.argv[2])
    db = os.path.join(d, "fts5.db")
    if os.path.exists(db):
        os.remove(db)
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text)")
    with open(os.path.join(d, "articles.jsonl"), encoding="utf-8") as f:
        con.executemany("INSERT INTO docs(id, title, text) VALUES (?, ?, ?)",
                        ((a["id"], a["title"], a["text"]) for a in map(json.loads, f)))
    con.commit()
    build = time.perf_counter() - t0
    with open(os.path.join(d, "queries.json"), encoding="utf-8") as f:
        queries = json.load(f)
    rng = random.Random(1)
    lat = []
    for _ in range(rounds):
        words = re.findall(r"\w+", rng.choice(queries))
        if not words:
            continue
        q = " OR ".join('"%s"' % w.replace('"', '') for w in words)
        t = time.perf_counter()
        con.execute("SELECT id, snippet(docs, 2, '**', '**', '…', 40) FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10", (q,)).fetchall()
        lat.append(time.perf_counter() - t)
    lat.sort()
    pct = lambda p: round(lat[int(p * (len(lat) - 1))] * 1000, 2) if lat else 0
    con.close()
    print(json.dumps({"build_ms": round(build * 1000), "disk_mb": round(os.path.getsize(db) / 1e6, 1),
                      "queries": len(lat), "p50_ms": pct(0.5), "p99_ms": pct(0.99), "max_ms": pct(1)}))


if __name__ == "__main__":
    main()
