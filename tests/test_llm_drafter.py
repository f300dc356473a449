"""kg extract --llm: a local HTTP server in the test answers like an OpenAI-compatible
chat-completions server (good answers, invented quotes, malformed JSON, timeouts, errors)."""

from __future__ import annotations

import json
import threading
import time
import typing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.facts import load_facts_file

ARTICLE = ("Rebels of the Sunrise Army killed Daniel Okello, a district governor, on 3 March 2019 in Gulu.\n"
           "The Sunrise Army had about 1,200 fighters in 2019, the United Nations said.\n")
TRUE_KILLING = "killed Daniel Okello, a district governor, on 3 March 2019 in Gulu"


def proposal() -> dict:
    return {
        "entities": [
            {"id": "sunrise-army", "type": "ArmedGroup", "name": "Sunrise Army", "quote": "the Sunrise Army"},
            {"id": "daniel-okello", "type": "Person", "name": "Daniel Okello", "quote": "Daniel Okello"},
            {"id": "gulu", "type": "City", "name": "Gulu", "quote": "in Gulu"},
            {"id": "invented", "type": "Person", "name": "Joseph Mbeki", "quote": "Joseph Mbeki, the rebel commander"},
        ],
        "periods": [],
        "facts": [
            {"id": "okello-killed", "type": "killing", "victim": "daniel-okello", "perpetrator": ["sunrise-army"],
             "date": "2019-03-03", "place": ["gulu"], "quote": f"Rebels of the Sunrise Army {TRUE_KILLING}",
             "said_by": "article"},
            {"id": "made-up", "type": "capture", "victim": "daniel-okello", "date": "2018",
             "quote": "Okello was captured by the rebels in 2018", "said_by": "article"},
        ],
    }


class Model(BaseHTTPRequestHandler):
    mode = "good"
    seen: typing.ClassVar[list[dict]] = []

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Model.seen.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        if Model.mode == "slow":
            time.sleep(3)
        if Model.mode == "error":
            self.send_response(500)
            self.end_headers()
            return
        if Model.mode == "html":
            self._send(b"<html>busy</html>", "text/html")
            return
        content = "{\"entities\": [ {\"id\": " if Model.mode == "malformed" else json.dumps(proposal())
        answer = {"id": "x", "object": "chat.completion", "model": body["model"],
                  "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                               "finish_reason": "stop"}]}
        self._send(json.dumps(answer).encode(), "application/json")

    def _send(self, data: bytes, kind: str) -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)


@pytest.fixture()
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Model)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Model.mode, Model.seen = "good", []
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "okello-2019.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_invented_quotes_are_dropped_and_counted_and_the_draft_loads(server, article, run, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_LLM_API_KEY", "sk-secret-123")
    out = tmp_path / "draft.yaml"
    result = run(None, "extract", str(article), "--llm", server, "--model", "tiny", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "sk-secret-123" not in result.output and "sk-secret-123" not in out.read_text()
    request = Model.seen[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer sk-secret-123"
    assert request["body"]["model"] == "tiny"
    assert request["body"]["response_format"]["json_schema"]["schema"]["properties"]["facts"]
    text = out.read_text()
    assert "made-up: its quote is not in the article" in text and "invented: its quote is not in the article" in text
    assert text.count("its quote is not in the article") == 2 and "left out" in result.output
    ff = load_facts_file(out)
    assert ff.facts == [] and ff.drafts >= 4  # every item stays a draft until reviewed
    assert TRUE_KILLING in text


@pytest.mark.parametrize("mode, message", [
    ("malformed", "not valid JSON"),
    ("html", "not JSON (Content-Type: text/html)"),
    ("error", "HTTP 500"),
    ("slow", "no answer within 1 s"),
])
def test_bad_answers_are_one_line_errors(server, article, run, mode, message):
    Model.mode = mode
    result = run(None, "extract", str(article), "--llm", server, "--model", "tiny", "--timeout", "1")
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output


def test_llm_needs_a_model_and_an_http_url(article, run):
    assert run(None, "extract", str(article), "--llm", "http://127.0.0.1:9/v1").exit_code == 2
    result = run(None, "extract", str(article), "--llm", "ftp://example/v1", "--model", "m")
    assert result.exit_code == 2 and "http(s)" in result.output
    for host in ("a" * 300 + ".com", "a..b"):  # an idna UnicodeError traceback when the request was made
        result = run(None, "extract", str(article), "--llm", f"http://{host}/v1", "--model", "m")
        assert result.exit_code == 2 and "its host name: label empty or too long" in result.output, result.output
