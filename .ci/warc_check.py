#!/usr/bin/env python3
"""Checks declutter's WARC reading and output with warcio, an independent and widely used
WARC library.

    python .ci/warc_check.py DECLUTTER_BINARY WARC_INPUT...
    python .ci/warc_check.py --pages DECLUTTER_BINARY WARC_OR_ARC_INPUT...

With --pages, for each input on its own: every HTML page warcio reads from it (read as far as
warcio gets, ARC converted with arc2warc; a 2xx `response` with an HTML Content-Type, or a
`resource` with one) comes out of `declutter --warc INPUT --warc-out jsonl` (matched by
target URI), and declutter's summary adds up: records read = cleaned + skipped + failed.

Otherwise:

Runs `DECLUTTER --warc INPUT... -o $TMP/out.warc.gz`, then checks with warcio that
- every output record parses and its WARC-Block-Digest verifies (check_digests="raise");
- the output opens with a warcinfo record naming declutter;
- every other record is a `conversion` whose WARC-Refers-To is a response record of the
  input, with the same WARC-Target-URI and WARC-Date;
- each well-formed input (one warcio reads to the end) has a conversion record for every
  2xx HTML response.
Input records are read member by member (zlib), so records after a damaged member still count.
"""

import gzip
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zlib

from warcio.archiveiterator import ArchiveIterator


def members(data):
    """The decompressed gzip members of `data`, skipping bytes that do not decompress; a last
    member cut short gives what it holds."""
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
            # The data ran out inside the member: a truncated last member, whose records
            # warcio yields as far as they go.
            yield out
            return
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
    for r in responses.values():
        r["whole"] = whole
    return responses, whole


HTML_TYPES = ("text/html", "application/xhtml+xml")


def warcio_pages(path):
    """Target URIs of the HTML pages warcio reads from `path`, as far as it gets; for a gzip
    file that decompresses whole (as zcat reads it), the more of that and of the file."""
    with open(path, "rb") as f:
        data = f.read()
    pages = warcio_pages_of(path, data)
    if data[:2] == b"\x1f\x8b":
        try:
            whole = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            return pages
        unzipped = warcio_pages_of(path + " (decompressed)", whole)
        if len(unzipped) > len(pages):
            return unzipped
    return pages


def warcio_pages_of(name, data):
    pages = []
    try:
        for rec in ArchiveIterator(io.BytesIO(data), arc2warc=True):
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            if rec.rec_type == "response" and rec.http_headers is not None:
                status = int(rec.http_headers.get_statuscode() or 0)
                ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
                if ctype.startswith(HTML_TYPES) and 200 <= status < 300:
                    pages.append(uri)
            elif rec.rec_type == "resource":
                ctype = (rec.rec_headers.get_header("Content-Type") or "").lower()
                if ctype.startswith(HTML_TYPES):
                    pages.append(uri)
            rec.content_stream().read()
    except Exception as e:  # a damaged file: what warcio yielded before is the reference
        print("warc_check: %s: warcio stops: %s" % (name, str(e).strip().splitlines()[0][:80]))
    return pages


def check_pages(binary, inputs):
    errors = []
    found = expected = 0
    for path in inputs:
        run = subprocess.run([binary, "--warc", path, "--warc-out", "jsonl", "--quiet"],
                             capture_output=True)
        if run.returncode not in (0, 1):
            errors.append("%s: declutter failed with exit code %d" % (path, run.returncode))
            continue
        urls = [json.loads(line)["url"] for line in run.stdout.decode().splitlines()]
        pages = warcio_pages(path)
        expected += len(pages)
        for uri in pages:
            if uri in urls:
                urls.remove(uri)
                found += 1
            else:
                errors.append("%s: the page %s that warcio reads did not come out" % (path, uri))
        summary = subprocess.run([binary, "--warc", path, "--warc-out", "jsonl"],
                                 capture_output=True).stderr.decode()
        m = re.search(r"(\d+) records: (\d+) cleaned(?:, (\d+) skipped)?.*?, (\d+) failed", summary)
        if not m:
            errors.append("%s: no summary line" % path)
            continue
        read, cleaned, skipped, failed = (int(g or 0) for g in m.groups())
        if read != cleaned + skipped + failed:
            errors.append("%s: %s does not add up" % (path, m.group(0)))
    for e in errors:
        print("FAIL:", e)
    print("warc_check --pages: %d of the %d HTML pages warcio reads came out of %d files; %d errors"
          % (found, expected, len(inputs), len(errors)))
    sys.exit(1 if errors else 0)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--pages":
        if len(sys.argv) < 4:
            sys.exit(__doc__)
        check_pages(sys.argv[2], sys.argv[3:])
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
        # A page cut off in a damaged file may keep nothing.
        if not block.strip() and source["whole"]:
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
