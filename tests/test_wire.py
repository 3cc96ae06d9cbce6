"""Distributed mode's Redis boundary: worker messages are JSON that comes back as the same typed records, and a
message that does not fit its record is refused there rather than stored half-read."""

from __future__ import annotations

import json

import pytest

from crawler.distributed import (
    BatchScope,
    CarryOverMessage,
    ErrorMessage,
    PageMessage,
    RejectedRecord,
    apply_record,
)
from crawler.records import Document, PageRecord
from crawler.sites import Site
from crawler.wire import dumps
from extractors.model import Extraction, Finding, Service

URL = "https://dukcapil.x.go.id/akta"
PAGE = PageRecord(url=URL, unit="dukcapil.x.go.id", status=200, content_type="text/html", body_hash="ab" * 32,
                  size=4, depth=2, fetched_at="2026-01-01T00:00:00+00:00",
                  headers={"ETag": '"v1"', "Content-Type": "text/html; charset=utf-8"}, links=(URL + "/2",),
                  body=b"\x00\xffok")
FEE = Finding("biaya", "Akta Kelahiran", {"amount": 0, "free": True, "text": "Gratis"}, "Biaya: Gratis", URL,
              "table 1 row 3", 0.9, "html", method="learned")
MAKLUMAT = Finding("maklumat", None, {"text": "Dengan ini kami menyatakan"}, "Maklumat", URL)
DOC = Document(title="Standar", text="Biaya: Gratis", source="html+js",
               extraction=Extraction(URL, "Standar", "html", [Service("Akta Kelahiran", [FEE]), Service("Akta", [])],
                                     [MAKLUMAT]))
SCOPE = BatchScope({7: Site("x.go.id", ["x.go.id"], ["https://x.go.id/"])})


class Calls:
    """A Recorder stand-in that keeps what it was asked to do."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, op):
        return lambda **kwargs: self.calls.append((op, kwargs))


def _replay(message) -> tuple[str, dict]:
    recorder = Calls()
    op = {PageMessage: "page", CarryOverMessage: "carry_over", ErrorMessage: "error"}[type(message)]
    apply_record(recorder, dumps({"op": op, "args": message}).encode(), SCOPE)
    (call,) = recorder.calls
    return call


def test_a_page_with_its_extraction_comes_back_as_the_same_records():
    op, args = _replay(PageMessage(7, PAGE, DOC))
    assert op == "page" and args == {"run_id": 7, "page": PAGE, "doc": DOC}
    assert args["doc"].extraction.findings == [FEE, MAKLUMAT]  # services keep their own findings
    assert args["page"].body == b"\x00\xffok" and args["page"].links == (URL + "/2",)


def test_a_page_without_extraction_and_the_other_messages_come_back_too():
    assert _replay(PageMessage(7, PAGE, None))[1]["doc"] is None
    assert _replay(ErrorMessage(7, None, "dns", "no address")) == (
        "error", {"run_id": 7, "url": None, "kind": "dns", "message": "no address"})


def _tampered(change) -> bytes:
    message = json.loads(dumps({"op": "page", "args": PageMessage(7, PAGE, DOC)}))
    change(message)
    return json.dumps(message).encode()


@pytest.mark.parametrize("change", [
    lambda m: m.update(op="__init__"),  # only the Recorder calls of MESSAGES
    lambda m: m["args"]["page"].pop("url"),  # a missing field
    lambda m: m["args"]["page"].update(extra=1),  # an unknown field
    lambda m: m["args"]["page"].update(status="200"),  # a wrong type
    lambda m: m["args"]["page"].update(body="not base64!"),
    lambda m: m["args"]["doc"]["extraction"]["services"][0]["findings"][0].update(confidence="high"),
    lambda m: m["args"].update(run_id=True),  # bool is not an int here
    # how a finding was read is one of two words: a worker cannot pass off its own label as the rules'
    lambda m: m["args"]["doc"]["extraction"]["services"][0]["findings"][0].update(method="manual"),
], ids=["op", "missing", "unknown", "type", "base64", "nested", "bool", "method"])
def test_a_message_that_does_not_fit_is_refused(change):
    recorder = Calls()
    with pytest.raises(RejectedRecord):
        apply_record(recorder, _tampered(change), SCOPE)
    assert recorder.calls == []


def test_a_carry_over_is_refused_in_a_batch():
    """Workers have no history to carry pages over from; a carry_over would copy any stored page's findings."""
    recorder = Calls()
    with pytest.raises(RejectedRecord, match="not a record workers send"):
        apply_record(recorder, dumps({"op": "carry_over", "args": CarryOverMessage(7, 41, PAGE)}).encode(), SCOPE)
    assert recorder.calls == []


def test_what_is_not_json_fails_when_sent():
    with pytest.raises(TypeError):
        dumps({"op": "page", "args": PageMessage(7, PAGE, Document("t", "x", "html", object()))})
