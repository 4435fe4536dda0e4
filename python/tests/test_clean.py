"""declutter.clean and clean_many against the CLI, errors, inputs and threads."""

import json
import threading

import pytest

import declutter
from conftest import FIXTURES, html_fixtures, text_fixtures


def test_seed_gives_its_expected_text():
    page = (FIXTURES / "seed" / "scraped-article.txt").read_bytes()
    expected = (FIXTURES / "seed" / "scraped-article.expected.txt").read_text(encoding="utf-8")
    assert declutter.clean(page).text == expected
    assert declutter.clean(page.decode("utf-8")).text == expected


def test_clean_many_over_the_fixtures_equals_the_cli(cli, tmp_path):
    out = tmp_path / "out"
    cli("-q", "--out-dir", out, FIXTURES / "html")
    paths = html_fixtures()
    assert len(paths) > 10
    # The CLI takes a .html file for HTML; so does input="html".
    results = list(
        declutter.clean_many((p.read_bytes() for p in paths), threads=2, input="html")
    )
    assert len(results) == len(paths)
    for path, result in zip(paths, results):
        assert not isinstance(result, Exception), (path, result)
        expected = (out / (path.stem + ".txt")).read_text(encoding="utf-8")
        assert result.text == expected, path.name


def test_text_fixtures_equal_the_cli(cli):
    for path in text_fixtures():
        result = declutter.clean(path.read_bytes())
        assert result.text == cli(path).decode("utf-8"), path.name
        assert result.input == "text"


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_formats_equal_the_cli(cli, fmt):
    for path in html_fixtures()[:8]:
        page = path.read_bytes()
        result = declutter.clean(page, format=fmt, input="html")
        assert result.text == cli("--format", fmt, path).decode("utf-8"), path.name


def test_options_equal_the_cli(cli):
    path = FIXTURES / "html" / "news-inline-debris.html"
    page = path.read_bytes()
    url = "https://news.example/2024/03/05/story"
    got = declutter.clean(page, title=False, with_metadata=True, format="markdown", url=url)
    want = cli("--no-title", "--with-metadata", "--format", "markdown", "--url", url, path)
    assert got.text == want.decode("utf-8")
    got = declutter.clean(page, page_type="listing")
    assert got.text == cli("--page-type", "listing", path).decode("utf-8")
    assert got.page_type == "listing"


def test_images_equal_the_cli(cli):
    path = FIXTURES / "html" / "article-body-split-by-figures.html"
    page = path.read_bytes()
    for fmt in ("markdown", "html"):
        got = declutter.clean(page, format=fmt, images=True).text
        assert got == cli("--format", fmt, "--images", path).decode("utf-8")
        assert ("![" if fmt == "markdown" else "<img ") in got
        assert "<img " not in declutter.clean(page, format="html").text


def test_to_json_is_the_cli_json(cli):
    path = FIXTURES / "html" / "recipe-blog.html"
    result = declutter.clean(path.read_bytes())
    want = cli("--format", "json", path).decode("utf-8")
    assert result.to_json() == want
    parsed = json.loads(result.to_json())
    assert parsed["text"] == result.text
    assert parsed["title"] == result.title
    assert len(parsed["blocks"]) == len(result.blocks)
    assert declutter.clean(path.read_bytes(), title=False).to_json() == cli(
        "--format", "json", "--no-title", path
    ).decode("utf-8")


def test_result_fields_and_blocks():
    path = FIXTURES / "html" / "blog-disqus.html"
    result = declutter.clean(path.read_bytes())
    parsed = json.loads(result.to_json())
    assert result.title == parsed.get("title")
    for field in ("author", "date", "url", "site_name", "description", "image", "language",
                  "declared_language"):
        assert getattr(result, field) == parsed.get(field), field
    assert result.categories == parsed.get("categories", [])
    assert result.tags == parsed.get("tags", [])
    assert result.page_type == parsed["page_type"]
    assert result.encoding == parsed["encoding"]
    assert result.input == "html"
    kinds = {"heading", "paragraph", "list_item", "quote", "code", "table"}
    for block, raw in zip(result.blocks, parsed["blocks"]):
        assert block.text == raw["text"]
        assert block.kind == raw["type"] and block.kind in kinds
        assert block.verdict == raw["verdict"]
        assert block.category == raw.get("category")
        assert block.reason == raw.get("reason")
        assert block.to_dict()["text"] == block.text
    removed = [b for b in result.blocks if b.verdict == "removed"]
    assert removed and all(b.category and b.reason for b in removed)
    meta = result.metadata
    assert meta["page_type"] == result.page_type
    assert str(result) == result.text
    assert "Result(" in repr(result)


SENTENCE = "The council agreed on Tuesday to rebuild the old bridge, which has been closed since the spring floods."
PAGE = f"<html><body><article><h1>Bridge to be rebuilt</h1><p>{SENTENCE}</p></article></body></html>"


def test_too_large():
    with pytest.raises(declutter.TooLargeError) as caught:
        declutter.clean(PAGE.encode() * 2, max_bytes=len(PAGE))
    assert isinstance(caught.value, declutter.DeclutterError)
    assert f"over the limit of {len(PAGE)}" in str(caught.value)
    text = declutter.clean(PAGE.encode(), max_bytes=len(PAGE)).text
    assert text == f"Bridge to be rebuilt\n\n{SENTENCE}\n"


def test_binary_input():
    with pytest.raises(declutter.BinaryInputError):
        declutter.clean(bytes(range(256)) * 8)


def test_timeout():
    page = b"<div><p>word " + b"<span>x</span> " * 200_000 + b"</p></div>"
    with pytest.raises(declutter.TimeoutError) as caught:
        declutter.clean(page, timeout=1e-6)
    assert isinstance(caught.value, declutter.DeclutterError)
    assert "time limit" in str(caught.value)


def test_too_many_nodes():
    with pytest.raises(declutter.TooManyNodesError):
        declutter.clean(b"<p>a</p>" * 1000, max_nodes=100, input="html")


def test_bad_arguments():
    with pytest.raises(TypeError):
        declutter.clean(12)
    with pytest.raises(ValueError):
        declutter.clean("x", format="pdf")
    with pytest.raises(ValueError):
        declutter.clean("x", input="xml")
    with pytest.raises(ValueError):
        declutter.clean("x", timeout=-1.0)
    with pytest.raises(ValueError):
        declutter.clean("x", page_type="poem")
    for bad in (dict(charset="latin-1"), dict(charset="bogus"), dict(max_bytes=-1),
                dict(max_nodes=-1)):
        with pytest.raises(ValueError):
            declutter.clean("x", **bad)
    assert declutter.clean(b"x", charset="iso-8859-1").encoding == "windows-1252"
    # clean_many checks its options at the call, before a page is read.
    with pytest.raises(ValueError):
        declutter.clean_many(["x"], format="pdf")
    with pytest.raises(ValueError):
        declutter.clean_many(["x"], threads=2.5)
    with pytest.raises(TypeError, match="clean_many"):
        declutter.clean_many(["x"], colour="red")


def test_empty_input():
    assert declutter.clean(b"").text == ""
    assert declutter.clean("").title is None


def test_str_and_bytes_agree():
    for path in html_fixtures():
        page = path.read_bytes()
        as_bytes = declutter.clean(page)
        # The str is the page as the library decoded it; it is read as UTF-8 whatever the page
        # declares.
        as_str = declutter.clean(page.decode(_python_codec(as_bytes.encoding)))
        assert as_str.text == as_bytes.text, path.name
        assert as_str.encoding == "UTF-8"
    assert declutter.clean(bytearray(PAGE.encode())).text == declutter.clean(PAGE).text
    assert SENTENCE in declutter.clean(PAGE).text


def _python_codec(name):
    return {"windows-1252": "cp1252", "windows-1251": "cp1251", "Shift_JIS": "cp932",
            "gb18030": "gb18030", "KOI8-R": "koi8_r", "UTF-8": "utf-8"}.get(name, name)


def test_charset_from_outside_wins():
    page = "<html><head><meta charset='utf-8'></head><body><p>Grüße aus Köln: the council agreed on Tuesday to rebuild the old bridge, which has been closed since the spring floods.</p></body></html>"
    result = declutter.clean(page.encode("cp1252"), charset="windows-1252")
    assert "Grüße aus Köln" in result.text
    assert result.encoding == "windows-1252"


def test_clean_many_keeps_order_and_errors_in_place():
    pages = []
    for i in range(200):
        if i % 17 == 5:
            pages.append(bytes(range(256)) * 4)  # binary
        elif i % 31 == 7:
            pages.append(42)  # not a page
        else:
            pages.append(f"<h1>Headline {i}</h1><p>Paragraph number {i} of the stream. {SENTENCE}</p>")
    for threads in (1, 2, 4):
        results = list(declutter.clean_many(iter(pages), threads=threads))
        assert len(results) == len(pages)
        for i, (page, result) in enumerate(zip(pages, results)):
            if isinstance(page, int):
                assert isinstance(result, TypeError)
            elif page.startswith(b"\x00") if isinstance(page, bytes) else False:
                assert isinstance(result, declutter.BinaryInputError), i
            else:
                assert not isinstance(result, Exception), (i, result)
                assert result.title == f"Headline {i}", (i, result.text)
                assert f"Paragraph number {i} " in result.text


def test_clean_many_reads_lazily():
    consumed = 0

    def pages():
        nonlocal consumed
        for i in range(10_000):
            consumed += 1
            yield f"<p>Page {i} has a paragraph of running text for the reader.</p>"

    stream = declutter.clean_many(pages(), threads=2, window=8)
    first = [next(stream) for _ in range(3)]
    assert [r.text.split()[1] for r in first] == ["0", "1", "2"]
    assert consumed <= 3 + 8 + 1
    stream.close()


def test_gil_is_released():
    # While one thread cleans a big page, another keeps running Python code: it counts at a
    # good fraction of its solo rate. Were the GIL held, it would count only during the
    # interpreter's switch interval (5 ms) before the call.
    import time

    page = ("<p>" + "A sentence of an article that goes on. " * 40 + "</p>\n") * 12000
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    counter = threading.Thread(target=count)
    counter.start()
    try:
        time.sleep(0.2)  # the main thread waits without the GIL: the solo rate
        solo = ticks / 0.2
        before = ticks
        start = time.perf_counter()
        declutter.clean(page)
        elapsed = time.perf_counter() - start
        during = ticks - before
    finally:
        done.set()
        counter.join()
    assert elapsed > 0.1, elapsed
    # At least as many ticks as 50 ms of counting alone (ten switch intervals).
    assert during > solo * 0.05, (during, solo, elapsed)


def test_explain_is_the_clis_report():
    import subprocess

    from conftest import declutter_bin

    path = FIXTURES / "html" / "blog-disqus.html"
    done = subprocess.run([str(declutter_bin()), "--explain", str(path)], capture_output=True, check=True)
    report = declutter.clean(path.read_bytes()).explain()
    assert report.startswith("page type: ")
    assert report == done.stderr.decode("utf-8")
