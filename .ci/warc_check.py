#!/usr/bin/env python3
"""Checks declutter's WARC output with warcio, an independent and widely used WARC library.

    python .ci/warc_check.py DECLUTTER_BINARY WARC_INPUT...

Runs `DECLUTTER --warc INPUT... -o $TMP/out.warc.gz`, then checks with warcio that
- every output record parses and its WARC-Block-Digest verifies (check_digests="raise");
- the output opens with a warcinfo record naming declutter;
- every other record is a `conversion` whose WARC-Refers-To is a response record of the
  input, with the same WARC-Target-URI and WARC-Date;
- each well-formed input (one warcio reads to the end) has a conversion record for every
  2xx HTML response.
Input records are read member by member (zlib), so records after a damaged member still count.
"""

import io
import os
import subprocess
import sys
import tempfile
import zlib

from warcio.archiveiterator import ArchiveIterator


def members(data):
    """The decompressed gzip members of `data`, skipping bytes that do not decompress."""
    pos = 0
    while pos < len(data):
        start = data.find(b"\x1f\x8b\x08", pos)
        if start < 0:
            return
        d = zlib.decompressobj(wbits=31)
        try:
            out = d.decompress(data[start:]) + d.flush()
        except zlib.error:
            pos = start + 1
            continue
        if not d.eof:
            pos = start + 1
            continue
        yield out
        pos = len(data) - len(d.unused_data)


def input_records(path):
    """(responses by record id, whether warcio reads the whole file) of one input."""
    with open(path, "rb") as f:
        data = f.read()
    chunks = list(members(data)) if data[:2] == b"\x1f\x8b" else [data]
    responses = {}
    for chunk in chunks:
        try:
            for rec in ArchiveIterator(io.BytesIO(chunk)):
                if rec.rec_type != "response":
                    continue
                headers = rec.rec_headers
                html = False
                status = 0
                if rec.http_headers is not None:
                    status = int(rec.http_headers.get_statuscode() or 0)
                    ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
                    html = ctype.startswith("text/html") or ctype.startswith("application/xhtml")
                responses[headers.get_header("WARC-Record-ID")] = {
                    "uri": headers.get_header("WARC-Target-URI"),
                    "date": headers.get_header("WARC-Date"),
                    "cleanable": html and 200 <= status < 300,
                }
        except Exception:  # a damaged record: declutter reports it; nothing to compare
            continue
    whole = True
    try:
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f):
                rec.content_stream().read()
    except Exception:
        whole = False
    return responses, whole


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, inputs = sys.argv[1], sys.argv[2:]
    responses, expected = {}, set()
    for path in inputs:
        found, whole = input_records(path)
        responses.update(found)
        if whole:
            expected |= {rid for rid, r in found.items() if r["cleanable"]}
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.warc.gz")
        run = subprocess.run([binary, "--warc", *inputs, "-o", out], capture_output=True, text=True)
        sys.stderr.write(run.stderr)
        if run.returncode not in (0, 1):
            sys.exit("declutter failed with exit code %d" % run.returncode)
        records = []
        with open(out, "rb") as f:
            for rec in ArchiveIterator(f, check_digests="raise"):
                block = rec.content_stream().read()
                records.append((rec.rec_type, rec.rec_headers, block))
    errors = []
    if not records or records[0][0] != "warcinfo" or b"declutter/" not in records[0][2]:
        errors.append("the output does not open with a warcinfo record naming declutter")
    refers = set()
    for rec_type, headers, block in records[1:]:
        rid = headers.get_header("WARC-Record-ID")
        if rec_type != "conversion":
            errors.append("%s: a %s record, not a conversion" % (rid, rec_type))
            continue
        if headers.get_header("WARC-Block-Digest") is None:
            errors.append("%s: no WARC-Block-Digest" % rid)
        target = headers.get_header("WARC-Refers-To")
        source = responses.get(target)
        if source is None:
            errors.append("%s: WARC-Refers-To %s is no response record of the input" % (rid, target))
            continue
        refers.add(target)
        for field, key in (("WARC-Target-URI", "uri"), ("WARC-Date", "date")):
            if headers.get_header(field) != source[key]:
                errors.append("%s: %s differs from the response's" % (rid, field))
        if not block.strip():
            errors.append("%s: empty text for %s" % (rid, source["uri"]))
    for rid in sorted(expected - refers):
        errors.append("no conversion record for the HTML response %s (%s)" % (rid, responses[rid]["uri"]))
    for e in errors:
        print("FAIL:", e)
    print(
        "warc_check: %d output records parsed, block digests verified by warcio; "
        "%d conversion records refer to input responses; %d errors"
        % (len(records), len(refers), len(errors))
    )
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
