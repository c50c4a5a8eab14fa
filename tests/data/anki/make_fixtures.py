#!/usr/bin/env python3
"""Writes the Anki package fixtures of tests/data/anki/ (see tests/data/README.md).

Follows Anki's documented collection schema: schema 11 (note types and decks as JSON in `col`)
for collection.anki2, schema 18 (tables notetypes, fields, templates, decks with protobuf
configs) for collection.anki21b, which is compressed with the `zstd` command, as are its media
list (a protobuf MediaEntries) and media files. Only python3's sqlite3 and zipfile and the
zstd command are used. Deterministic: running it again writes the same collections.

    cd tests/data/anki && python3 make_fixtures.py
"""
import json
import os
import sqlite3
import subprocess
import zipfile

CRT = 1767225600  # 2026-01-01T00:00:00Z, the collection's creation
SEP = "\x1f"

SCHEMA11 = """
create table col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
"""

SCHEMA18_TABLES = """
create table notetypes (id integer not null primary key, name text not null,
  mtime_secs integer not null, usn integer not null, config blob not null);
create table fields (ntid integer not null, ord integer not null, name text not null,
  config blob not null, primary key (ntid, ord)) without rowid;
create table templates (ntid integer not null, ord integer not null, name text not null,
  mtime_secs integer not null, usn integer not null, config blob not null,
  primary key (ntid, ord)) without rowid;
create table decks (id integer primary key not null, name text not null,
  mtime_secs integer not null, usn integer not null, common blob not null, kind blob not null);
create table config (key text not null primary key, usn integer not null,
  mtime_secs integer not null, val blob not null) without rowid;
create table tags (tag text not null primary key collate unicase, usn integer not null,
  collapsed boolean not null, config blob null) without rowid;
"""

BACK_TEMPLATE = "{{FrontSide}}\n\n<hr id=answer>\n\n"

# Note types: id -> (name, kind 0 standard / 1 cloze, fields, templates [(name, qfmt, afmt)]).
NOTE_TYPES = {
    1001: ("Basic", 0, ["Front", "Back"], [("Card 1", "{{Front}}", BACK_TEMPLATE + "{{Back}}")]),
    1002: ("Basic (and reversed card)", 0, ["Front", "Back"],
           [("Card 1", "{{Front}}", BACK_TEMPLATE + "{{Back}}"),
            ("Card 2", "{{Back}}", BACK_TEMPLATE + "{{Front}}")]),
    1003: ("Basic (type in the answer)", 0, ["Front", "Back"],
           [("Card 1", "{{Front}}\n\n{{type:Back}}", "{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}")]),
    1004: ("Cloze", 1, ["Text", "Back Extra"],
           [("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}")]),
    1005: ("Interview question", 0, ["Question", "Answer", "Principle", "Source"],
           [("Recall", "<div class=q>{{Question}}</div>{{#Principle}}<br>({{Principle}}){{/Principle}}",
             BACK_TEMPLATE + "{{Answer}}{{^Source}}<br>no source{{/Source}}"
             "{{#Source}}<br>Source: {{Source}}{{/Source}}")]),
}

DECKS = {1: "Default", 2001: "Interview", 2002: "Interview::Leadership 🚀", 2003: "Interview::Systems"}

# Notes: (id, guid, type, deck, tags, fields, per-card scheduling
#         [(type, queue, due, ivl, factor, reps, lapses)] by ordinal, or one tuple for all).
NEW = (0, 0, 0, 0, 0, 0, 0)
NOTES = [
    (3001, "aB3$xY!q0", 1001, 2001, "lp::ownership basics",
     ["What does <b>Ownership</b> ask of a leader?", "Act for the whole company,<br>not only the team."],
     [(2, 2, 40, 12, 2360, 5, 1)]),
    (3002, "Rev-12345", 1002, 2002, "pairs",
     ["Two-way door", "A decision cheap to reverse"],
     [(2, -1, 30, 4, 2500, 2, 0), (0, 0, 7, 0, 0, 0, 0)]),
    (3003, "type/in=1", 1003, 2003, "",
     ["Latency budget for a page load?", "About 100 ms"],
     [(2, -2, 35, 3, 2500, 1, 0)]),
    (3004, "clz~0001", 1004, 2003, "cloze systems",
     ["{{c1::CAP}} says: pick two of {{c2::consistency, availability::three letters}} and "
      "partition tolerance.", "Brewer, 2000"],
     [(2, -3, 50, 20, 2700, 6, 0), (1, 1, CRT + 86400 * 45, 0, 2500, 1, 0)]),
    (3005, "uni-ñ-日本", 1005, 2002, "unicode 日本語",
     ["Was heißt <i>Kundenbesessenheit</i>?&nbsp;&rarr;",
      "<ul><li>Vom Kunden aus denken</li><li>Vertrauen gewinnen</li></ul>",
      "Customer Obsession", ""],
     [NEW]),
    (3006, "empty-fld", 1005, 2001, "",
     ["Name a metric you own.", "", "", "<img src=\"chart.png\"> team wiki"],
     [NEW]),
]

# Review log: (id in ms, card id, ease button, ivl, lastIvl, factor, time ms, type).
def card_id(note_id, ord):
    return note_id * 10 + ord

REVLOG = [
    (1767300000000, card_id(3001, 0), 3, 1, 0, 2500, 8000, 0),
    (1767400000000, card_id(3001, 0), 1, -600, 1, 2300, 12000, 1),
    (1767500000000, card_id(3001, 0), 4, 12, 1, 2360, 5000, 2),
    (1767600000000, card_id(3002, 0), 2, 4, 1, 2500, 7000, 1),
    (1767700000000, card_id(3001, 0), 0, 12, 12, 2360, 0, 4),
]

def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)

def pb_varint(field, value):
    return varint(field << 3) + varint(value)

def pb_bytes(field, data):
    if isinstance(data, str):
        data = data.encode()
    return varint((field << 3) | 2) + varint(len(data)) + data

def legacy_models():
    models = {}
    for ntid, (name, kind, fields, templates) in NOTE_TYPES.items():
        models[str(ntid)] = {
            "id": ntid, "name": name, "type": kind, "mod": CRT, "usn": 0, "sortf": 0, "did": 1,
            "flds": [{"name": f, "ord": i, "sticky": False, "rtl": False, "font": "Arial",
                      "size": 20} for i, f in enumerate(fields)],
            "tmpls": [{"name": t[0], "ord": i, "qfmt": t[1], "afmt": t[2], "did": None,
                       "bqfmt": "", "bafmt": ""} for i, t in enumerate(templates)],
            "css": ".card { font-family: arial; }", "latexPre": "", "latexPost": "",
            "tags": [], "vers": [], "req": [],
        }
    return json.dumps(models, ensure_ascii=False)

def legacy_decks():
    return json.dumps({str(i): {"id": i, "name": n, "mod": CRT, "usn": 0, "dyn": 0, "conf": 1,
                                "desc": "", "collapsed": False, "newToday": [0, 0],
                                "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0]}
                       for i, n in DECKS.items()}, ensure_ascii=False)

def fill(db, ver, legacy):
    models, decks = (legacy_models(), legacy_decks()) if legacy else ("", "")
    db.execute("insert into col values (1, ?, ?, ?, ?, 0, 0, 0, '{}', ?, ?, '{}', '{}')",
               (CRT, CRT, CRT * 1000, ver, models, decks))
    for nid, guid, mid, did, tags, fields, sched in NOTES:
        flds = SEP.join(fields)
        db.execute("insert into notes values (?, ?, ?, ?, 0, ?, ?, ?, 0, 0, '')",
                   (nid, guid, mid, CRT, f" {tags} " if tags else "", flds, fields[0]))
        for ord, (ctype, queue, due, ivl, factor, reps, lapses) in enumerate(sched):
            db.execute("insert into cards values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, '')",
                       (card_id(nid, ord), nid, did, ord, CRT, ctype, queue, due, ivl, factor,
                        reps, lapses))
    for row in REVLOG:
        db.execute("insert into revlog values (?, ?, 0, ?, ?, ?, ?, ?, ?)",
                   (row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]))

def fill_tables(db):
    for ntid, (name, kind, fields, templates) in NOTE_TYPES.items():
        db.execute("insert into notetypes values (?, ?, ?, 0, ?)",
                   (ntid, name, CRT, pb_varint(1, kind) + pb_bytes(3, ".card {}")))
        for i, f in enumerate(fields):
            db.execute("insert into fields values (?, ?, ?, ?)", (ntid, i, f, pb_bytes(3, "Arial")))
        for i, (tname, q, a) in enumerate(templates):
            db.execute("insert into templates values (?, ?, ?, ?, 0, ?)",
                       (ntid, i, tname, CRT, pb_bytes(1, q) + pb_bytes(2, a)))
    for i, n in DECKS.items():
        db.execute("insert into decks values (?, ?, ?, 0, ?, ?)",
                   (i, n.replace("::", SEP), CRT, b"", pb_bytes(1, pb_varint(1, 1))))

def collection(path, ver, legacy=True, tables=False):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    # Anki's own collation for tag names, registered by Anki on every connection.
    db.create_collation("unicase", lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))
    db.executescript(SCHEMA11)
    if tables:
        db.executescript(SCHEMA18_TABLES)
        fill_tables(db)
    fill(db, ver, legacy)
    db.commit()
    db.execute("vacuum")
    db.close()
    with open(path, "rb") as f:
        return f.read()

def zstd(data):
    return subprocess.run(["zstd", "-q", "-c", "-19", "--no-check"], input=data, check=True,
                          stdout=subprocess.PIPE).stdout

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")

def write_zip(name, members):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in members:
            info = zipfile.ZipInfo(member, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)

def placeholder():
    # What Anki writes as collection.anki2 beside a newer collection: a schema 11 collection
    # whose one note asks the user to update.
    path = "placeholder.tmp"
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA11)
    models = json.dumps({"1": {"id": 1, "name": "Basic", "type": 0, "flds": [{"name": "Front", "ord": 0}],
                               "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": "{{Front}}", "afmt": "{{Front}}"}]}})
    db.execute("insert into col values (1, ?, ?, ?, 11, 0, 0, 0, '{}', ?, ?, '{}', '{}')",
               (CRT, CRT, CRT, models, json.dumps({"1": {"id": 1, "name": "Default"}})))
    db.execute("insert into notes values (1, 'placeholder', 1, 0, 0, '', 'Please update to the latest Anki version, then import the .colpkg/.apkg file again.', '', 0, 0, '')")
    db.execute("insert into cards values (1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')")
    db.commit()
    db.close()
    with open(path, "rb") as f:
        data = f.read()
    os.remove(path)
    return data

def main():
    legacy = collection("c.tmp", 11)
    write_zip("legacy-schema11.apkg",
              [("collection.anki2", legacy), ("media", json.dumps({"0": "chart.png"})), ("0", PNG)])

    latest = collection("c.tmp", 18, legacy=False, tables=True)
    media = pb_bytes(1, pb_bytes(1, "chart.png") + pb_varint(2, len(PNG)))
    write_zip("latest-anki21b.apkg",
              [("collection.anki2", placeholder()), ("collection.anki21b", zstd(latest)),
               ("meta", pb_varint(1, 3)), ("media", zstd(media)), ("0", zstd(PNG))])

    # Hostile and broken packages.
    write_zip("hostile-zip-slip.apkg",
              [("collection.anki2", legacy), ("../../outside.txt", b"escaped")])
    write_zip("hostile-media-slip.apkg",
              [("collection.anki2", legacy), ("media", json.dumps({"0": "../../evil.sh"})), ("0", b"x")])
    write_zip("hostile-zip-bomb.apkg", [("collection.anki2", b"\0" * (16 << 20))])
    write_zip("broken-no-collection.apkg", [("media", "{}")])
    write_zip("broken-corrupt-collection.apkg", [("collection.anki2", b"SQLite format 3\0" + b"\x07" * 4096)])
    write_zip("broken-schema-99.apkg", [("collection.anki2", collection("c.tmp", 99))])
    with open("broken-not-a-zip.apkg", "wb") as f:
        f.write(b"front,back\nnot,a package\n")
    os.remove("c.tmp")

if __name__ == "__main__":
    main()
