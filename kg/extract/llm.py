"""A second drafter, for users with a language model: any OpenAI-compatible chat-completions
server (Ollama, llama.cpp server, vLLM, hosted APIs) proposes the facts, asked for JSON that
follows a schema made from the facts format. kg keeps its guarantees: an item whose quote does
not stand verbatim in the article is dropped (and counted), the draft goes through the same
checks as the offline one (kg.extract.verify), and everything stays `draft: true`.

The API key, if the server needs one, is read from an environment variable and only ever
sent in the Authorization header; it is never printed or written.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from kg.errors import EndpointError, UsageError
from kg.extract.context import Draft
from kg.http import check_host
from kg.vocabulary import Vocabulary

MAX_BYTES = 8 * 1024 * 1024  # an answer larger than this is no draft
KEY_VARIABLE = "KG_LLM_API_KEY"
INSTRUCTIONS = """You draft a facts file from a news article about armed groups.
Return JSON only, following the schema. Rules:
- Every entity, period and fact has a "quote": words copied EXACTLY from the article (same
  letters, same punctuation), short, containing the names, numbers and dates of the item.
- State only what the article states. Do not add knowledge from elsewhere.
- Entity ids are lower-case slugs of the name (e.g. "maria-lopez-garcia" for Maria López García); facts refer to
  entities and periods by id.
- Dates are written YYYY, YYYY-MM or YYYY-MM-DD at the precision the article gives.
- A statistic's subject is the armed group the figure is about; its period is a period id.
- said_by is "article" unless the article attributes the words to an entity (then its id)."""


def schema(vocab: Vocabulary) -> dict[str, Any]:
    """A JSON schema of a facts file, from the loader's tables and the vocabulary."""
    from kg.facts import ENTITY_TYPES, FACT_FIELDS

    enums = {"role": sorted(vocab.roles), "measure": sorted(vocab.measures), "bound": sorted(vocab.bounds),
             "certainty": sorted(vocab.certainties), "quantity": sorted(vocab.quantities),
             "relation": sorted(vocab.kinships)}
    fact_props: dict[str, Any] = {"id": {"type": "string"}, "type": {"enum": sorted(FACT_FIELDS)},
                                  "quote": {"type": "string"}, "said_by": {"type": "string"}}
    for fields in FACT_FIELDS.values():
        for name, kind in fields.items():
            if name in enums:
                fact_props[name] = {"enum": enums[name]}
            elif kind.startswith("refs"):
                fact_props[name] = {"type": "array", "items": {"type": "string"}}
            elif kind in ("count", "ordinal", "age"):
                fact_props[name] = {"type": "integer"}
            else:
                fact_props.setdefault(name, {"type": "string"})
    item = {"type": "object", "required": ["id", "quote"]}
    return {"type": "object", "required": ["entities", "facts"], "properties": {
        "entities": {"type": "array", "items": {**item, "properties": {
            "id": {"type": "string"}, "type": {"enum": sorted(ENTITY_TYPES)}, "name": {"type": "string"},
            "aliases": {"type": "array", "items": {"type": "string"}}, "quote": {"type": "string"}}}},
        "periods": {"type": "array", "items": {**item, "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}, "start": {"type": "string"},
            "end": {"type": "string"}, "quote": {"type": "string"}}}},
        "facts": {"type": "array", "items": {**item, "required": ["id", "type", "quote"], "properties": fact_props}}}}


def ask(url: str, model: str, text: str, vocab: Vocabulary, timeout: float = 120.0,
        key_variable: str = KEY_VARIABLE) -> dict[str, Any]:
    """The model's proposed facts file for `text`, as parsed JSON."""
    endpoint = _endpoint(url)
    body = {"model": model, "temperature": 0,
            "messages": [{"role": "system", "content": INSTRUCTIONS}, {"role": "user", "content": text}],
            "response_format": {"type": "json_schema",
                                "json_schema": {"name": "facts_file", "schema": schema(vocab)}}}
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    key = os.environ.get(key_variable)
    if key:
        headers["Authorization"] = f"Bearer {key}"
    request = urllib.request.Request(endpoint, json.dumps(body).encode("utf-8"), headers, method="POST")
    answer = _read(request, endpoint, timeout)
    try:
        content = answer["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise EndpointError(f"{endpoint}: the answer is not a chat completion "
                            "(no choices[0].message.content)") from None
    try:
        proposed = json.loads(content) if isinstance(content, str) else content
    except json.JSONDecodeError as exc:
        raise EndpointError(f"{endpoint}: the model's answer is not valid JSON "
                            f"({exc.msg} at character {exc.pos})") from None
    except RecursionError:
        raise EndpointError(f"{endpoint}: the model's answer is JSON nested too deeply to read") from None
    if not isinstance(proposed, dict):
        raise EndpointError(f"{endpoint}: the model's answer is not a JSON object")
    return proposed


def _endpoint(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--llm: '{url}' is not an http(s) URL of an OpenAI-compatible server")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        raise UsageError(f"--llm: '{url}' has a malformed port") from None
    check_host(parts.hostname, f"--llm: '{url}' is not an http(s) URL a server can have")
    path = parts.path.rstrip("/")
    return url if path.endswith("/chat/completions") else url.rstrip("/") + "/chat/completions"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is an error: the key is never sent anywhere else


def _read(request: urllib.request.Request, endpoint: str, timeout: float) -> Any:
    """The JSON answer, read within `timeout` seconds in all, at most MAX_BYTES."""
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            kind = response.headers.get("Content-Type", "")
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunk = response.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_BYTES:
                    raise EndpointError(f"{endpoint}: the answer is larger than {MAX_BYTES // (1024 * 1024)} MB")
                chunks.append(chunk)
    except urllib.error.HTTPError as exc:
        raise EndpointError(f"{endpoint}: the server answered HTTP {exc.code} {exc.reason}") from None
    except TimeoutError:
        raise EndpointError(f"{endpoint}: no answer within {timeout:g} s (raise --timeout)") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(f"{endpoint}: cannot reach the server ({reason})") from None
    if "json" not in kind:
        raise EndpointError(f"{endpoint}: the answer is not JSON (Content-Type: {kind or 'none'})")
    try:
        return json.loads(b"".join(chunks))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise EndpointError(f"{endpoint}: the answer is not valid JSON (or nested too deeply to read)") from None


def to_draft(article_id: str, text: str, proposed: dict[str, Any]) -> Draft:
    """Keep what the model proposed that quotes the article verbatim; count what it did not."""
    from kg.extract.linking import slug

    draft = Draft({"id": article_id, "file": f"{article_id}.txt"})
    for section in ("entities", "periods", "facts"):
        for raw in proposed.get(section) or []:
            if not isinstance(raw, dict):
                draft.dropped.append(f"{section}: an item that is not an object")
                continue
            item = {k: v for k, v in raw.items() if v not in (None, "", []) and k not in ("draft", "offsets", "review")}
            item_id = slug(str(item.get("id") or item.get("name") or ""))
            given = item.get("quote")
            quotes = [q for q in (given if isinstance(given, list) else [given]) if isinstance(q, str)]
            if not quotes or not all(q and q in text for q in quotes):
                draft.dropped.append(f"{item_id}: its quote is not in the article")
                continue
            item["id"] = item_id
            at = text.find(quotes[0])
            item.update(offsets=f"{at}-{at + len(quotes[0])}", draft=True)
            if section == "facts":
                item.setdefault("said_by", "article")
                draft.facts.append(item)
            elif section == "entities":
                draft.entities[item_id] = item
            else:
                draft.periods[item_id] = item
    return draft
