#!/usr/bin/env python3
"""Writes a large Anki package for timing the reader: N notes (Basic, Basic and reversed,
Cloze in turn, HTML in every field, tags, a review history), schema 11, as Anki 2.1 writes
collection.anki2. Uses tests/data/anki/make_fixtures.py's schema and note types.

    python3 bench/make_anki_package.py 20000 build/anki-20000.apkg
"""
import json
import os
import sqlite3
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "data", "anki"))
import make_fixtures as fx  # noqa: E402


def main(count, out):
    path = out + ".collection.tmp"
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript(fx.SCHEMA11)
    db.execute("insert into col values (1, ?, ?, ?, 11, 0, 0, 0, '{}', ?, ?, '{}', '{}')",
               (fx.CRT, fx.CRT, fx.CRT * 1000, fx.legacy_models(), fx.legacy_decks()))
    for i in range(count):
        nid = 10_000_000 + i
        kind = i % 3
        mid = (1001, 1002, 1004)[kind]
        if kind == 2:
            fields = [f"Note {i}: {{{{c1::<b>Paris</b>}}}} is the capital of "
                      f"{{{{c2::France::country}}}}<br>line two", "Extra &amp; more"]
        else:
            fields = [f"Question {i} with <i>HTML</i> and a list:<ul><li>one</li><li>two</li></ul>",
                      f"Answer {i}<br>second line &mdash; done"]
        db.execute("insert into notes values (?, ?, ?, ?, 0, ?, ?, ?, 0, 0, '')",
                   (nid, f"g{i:08d}", mid, fx.CRT, " bench tag{} ".format(i % 50),
                    fx.SEP.join(fields), fields[0]))
        for ord in range((1, 2, 2)[kind]):
            cid = nid * 10 + ord
            db.execute("insert into cards values (?, ?, ?, ?, ?, 0, 2, 2, ?, 10, 2500, 3, 0, 0, 0, 0, 0, '')",
                       (cid, nid, 2001 + i % 3, ord, fx.CRT, 30 + i % 20))
            db.execute("insert into revlog values (?, ?, 0, 3, 10, 4, 2500, 6000, 1)",
                       (1767300000000 + cid, cid))
    db.commit()
    db.close()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(path, "collection.anki2")
        z.writestr("media", json.dumps({}))
    os.remove(path)


main(int(sys.argv[1]), sys.argv[2])
