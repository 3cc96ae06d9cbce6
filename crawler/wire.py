"""JSON for the crawl's typed records where they cross a process boundary (distributed mode's Redis list).

`dumps` writes dataclasses as JSON (bytes as base64); `build` rebuilds one from parsed JSON and the class's
type hints, and rejects what does not fit (a missing or unknown field, a wrong type), so a malformed message
fails here, at the boundary, instead of as a None deep in storage. Only the dataclass the caller names can
come out: nothing in a message chooses a class.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import types
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints


class WireError(ValueError):
    """A message that does not match the record it claims to be."""


def dumps(value: Any) -> str:
    """VALUE as JSON; dataclasses (at any depth) become objects, bytes become base64 text."""
    return json.dumps(value, ensure_ascii=False, default=_jsonable)


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"{type(value).__name__} is not JSON-able")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def build(hint: Any, value: Any, where: str) -> Any:
    """VALUE (parsed JSON) as an instance of HINT, checked; WHERE names the field in error messages."""
    if hint is Any:
        return value
    if hint is type(None):
        if value is not None:
            raise WireError(f"{where}: expected null")
        return None
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        for option in sorted(args, key=lambda a: a is not type(None)):  # None first: cheap and exact
            try:
                return build(option, value, where)
            except WireError:
                continue
        raise WireError(f"{where}: {value!r:.80} fits none of {hint}")
    if origin is Literal:  # a closed set of words ("rule" / "learned"): anything else is a worker's invention
        if any(type(value) is type(a) and value == a for a in args):
            return value
        raise WireError(f"{where}: {value!r:.80} is none of {list(args)}")
    if dataclasses.is_dataclass(hint):
        return _build_dataclass(hint, value, where)
    if origin in (list, tuple):
        if not isinstance(value, list):
            raise WireError(f"{where}: expected a list")
        items = [build(args[0], v, f"{where}[{i}]") for i, v in enumerate(value)]
        return items if origin is list else tuple(items)
    if origin is dict:
        if not isinstance(value, dict):
            raise WireError(f"{where}: expected an object")
        return {build(args[0], k, where): build(args[1], v, f"{where}.{k}") for k, v in value.items()}
    return _build_scalar(hint, value, where)


def _build_dataclass(cls: type, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise WireError(f"{where}: expected an object")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = set(value) - set(fields)
    missing = {n for n, f in fields.items() if n not in value and f.default is dataclasses.MISSING
               and f.default_factory is dataclasses.MISSING}
    if unknown or missing:
        raise WireError(f"{where}: unknown fields {sorted(unknown)}, missing fields {sorted(missing)}")
    hints = _hints(cls)
    return cls(**{n: build(hints[n], v, f"{where}.{n}") for n, v in value.items()})


def _build_scalar(hint: Any, value: Any, where: str) -> Any:
    if hint is bytes:
        try:
            return base64.b64decode(value, validate=True)
        except (TypeError, binascii.Error):
            raise WireError(f"{where}: expected base64 text") from None
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (str, int, float, bool) and type(value) is hint:
        return value
    raise WireError(f"{where}: expected {getattr(hint, '__name__', hint)}, got {type(value).__name__}")
