"""JSONL, stdin and every kind of bad input: a one-line error naming the input, the batch goes on."""

from __future__ import annotations

import json

from tests.conftest import shared_path

from storyline.errors import BinaryInput, EmptyInput, EncodingError, MalformedInput, TooLarge
from storyline.ingest import ReadOptions, read_inputs
from storyline.model import Article


def test_bsnlp_jsonl_reads_every_record():
    path = shared_path("data", "news", "bsnlp_uk_ru.jsonl")
    items = list(read_inputs([str(path)], ReadOptions(id_fields=("file",))))
    assert len(items) == 867
    assert all(isinstance(i, Article) for i in items)
    dated = [i for i in items if i.published.value is not None]
    assert len(dated) >= 867 - 117  # explicit dates, plus datelines where the record has none
    assert {i.language for i in items} >= {"uk", "ru"}
    assert len({i.meta["item_id"] for i in items}) == 867


def test_bad_jsonl_lines_are_reported_by_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = {
        "id": "a1",
        "title": "Блінкен поговорив з Лавровим",
        "text": "Перший абзац.\n\nДругий абзац.",
        "published": "2022-02-01",
    }
    path.write_text(
        "\n".join([json.dumps(good, ensure_ascii=False), "{not json", "[1, 2]", json.dumps({"id": "x"})]),
        encoding="utf-8",
    )
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], Article) and items[0].published.source == "explicit"
    assert [type(i).__name__ for i in items[1:]] == ["MalformedInput", "MalformedInput", "ArticleRejected"]
    assert items[1].source == f"{path}:2" and "invalid JSON" in items[1].reason


def test_empty_binary_encoding_and_huge(tmp_path, seed_unn):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    cp1251 = tmp_path / "cp1251.txt"
    cp1251.write_bytes(seed_unn.read_text(encoding="utf-8").encode("cp1251"))
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes([0x98, 0x81, 0x8D, 0x90, 0x9D, 0xAD, 0x8F]) * 500)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    items = list(
        read_inputs([str(p) for p in (empty, binary, cp1251, huge, tmp_path / "missing.txt", garbage)])
    )
    kinds = [type(i) for i in items]
    assert kinds[0] is EmptyInput and kinds[1] is BinaryInput and kinds[3] is TooLarge
    assert isinstance(items[2], Article), items[2]
    assert items[2].title.startswith("Блінкен поговорив телефоном з Лавровим")  # decoded, not garbled
    assert items[4].reason == "no such file or directory"
    assert kinds[5] in (EncodingError, BinaryInput)
    for item in items:
        if not isinstance(item, Article):
            assert str(item).startswith(item.source)


def test_malformed_html_is_still_read_or_named(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        "<html><body><p>Незакритий абзац про переговори у Женеві, що тривали кілька днів поспіль"
        + "<div>" * 50,
        encoding="utf-8",
    )
    (item,) = list(read_inputs([str(broken)]))
    if isinstance(item, Article):
        assert "Женеві" in item.text
    else:
        assert isinstance(item, MalformedInput | Exception) and item.source == str(broken)


def test_jsonl_archives_stream_past_the_single_file_limit(tmp_path):
    """The size limit guards single documents; a JSONL archive is streamed, bounded per record."""
    path = tmp_path / "archive.jsonl"
    records = [
        {"id": str(i), "title": f"Заголовок {i}", "text": "Абзац про переговори у Женеві. " * 40}
        for i in range(5)
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    assert path.stat().st_size > 5_000
    items = list(read_inputs([str(path)], ReadOptions(max_bytes=2_000)))
    assert [type(i) for i in items] == [Article] * 5
