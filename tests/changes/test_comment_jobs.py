"""The documented CI jobs post ONE comment per pull request and update it: their scripts run against fakes.

GitLab's note script runs as written in docs/diff.md against a fake GitLab API on
127.0.0.1; GitHub's github-script body runs in node with a fake ``github`` client.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from ropa_check.changes.markdown import MARKER
from tests.helpers import ROOT

DOC = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S)


class _FakeGitLab(BaseHTTPRequestHandler):
    notes: ClassVar[list[dict[str, Any]]] = []
    tokens: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _reply(self, value: object) -> None:
        body = json.dumps(value).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> dict[str, Any]:
        self.tokens.append(self.headers.get("PRIVATE-TOKEN", ""))
        data: dict[str, Any] = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        return data

    def do_GET(self) -> None:
        if self.path == "/api/v4/user":
            self._reply({"id": 42, "username": "project_7_bot"})
            return
        assert self.path.startswith("/api/v4/projects/7/merge_requests/3/notes?")
        self._reply(self.notes)

    def do_POST(self) -> None:
        assert self.path == "/api/v4/projects/7/merge_requests/3/notes"
        note = {"id": len(self.notes) + 1, "author": {"id": 42}, "body": self._body()["body"]}
        self.notes.append(note)
        self._reply(note)

    def do_PUT(self) -> None:
        ident = int(self.path.rsplit("/", 1)[1])
        note = next(n for n in self.notes if n["id"] == ident)
        note["body"] = self._body()["body"]
        self._reply(note)


@pytest.fixture
def gitlab() -> Iterator[str]:
    # A person's note that quotes the marker: the job cannot edit it (GitLab answers 403) and must not try.
    _FakeGitLab.notes = [
        {"id": 99, "author": {"id": 1}, "body": "LGTM"},
        {"id": 98, "author": {"id": 1}, "body": f"{MARKER} quoted by a person"},
    ]
    _FakeGitLab.tokens = []
    server = HTTPServer(("127.0.0.1", 0), _FakeGitLab)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/api/v4"
    finally:
        server.shutdown()
        server.server_close()


def test_gitlab_job_posts_one_note_and_updates_it(gitlab: str, tmp_path: Path) -> None:
    job = yaml.safe_load(next(b for b in BLOCKS if "CI_MERGE_REQUEST_IID" in b))["record-diff"]
    poster = next(line for line in job["script"] if "urllib" in line)
    source = poster.split("<<'EOF'\n", 1)[1].rsplit("EOF", 1)[0]
    env = {
        "CI_API_V4_URL": gitlab,
        "CI_PROJECT_ID": "7",
        "CI_MERGE_REQUEST_IID": "3",
        "ROPA_CHECK_NOTE_TOKEN": "secret",
        "NO_PROXY": "127.0.0.1",
    }
    for report in ("first report", "second report"):
        (tmp_path / "ropa-diff.md").write_text(f"{MARKER}\n{report}\n", encoding="utf-8")
        subprocess.run([sys.executable, "-c", source], cwd=tmp_path, env=env, check=True, timeout=60)
    assert _FakeGitLab.notes == [
        {"id": 99, "author": {"id": 1}, "body": "LGTM"},
        {"id": 98, "author": {"id": 1}, "body": f"{MARKER} quoted by a person"},
        {"id": 3, "author": {"id": 42}, "body": f"{MARKER}\nsecond report\n"},
    ]
    assert _FakeGitLab.tokens == ["secret", "secret"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_github_job_posts_one_comment_and_updates_it(tmp_path: Path) -> None:
    github = yaml.safe_load(next(b for b in BLOCKS if "actions/checkout" in b))
    step = next(s for s in github["jobs"]["diff"]["steps"] if s.get("uses", "").startswith("actions/github-script"))
    report = tmp_path / "ropa-diff.md"
    harness = """
const comments = [
  {id: 1, user: {type: 'User'}, body: '<!-- ropa-check diff --> quoted by a person'},
  {id: 2, user: {type: 'Bot'}, body: 'another bot'},
];
const github = {
  paginate: async (method, args) => method(args),
  rest: {issues: {
    listComments: (args) => comments.slice(),
    createComment: async ({body}) => { comments.push({id: comments.length + 1, user: {type: 'Bot'}, body}); },
    updateComment: async ({comment_id, body}) => { comments.find(c => c.id === comment_id).body = body; },
  }},
};
const context = {repo: {owner: 'o', repo: 'r'}, issue: {number: 5}};
const run = async () => { SCRIPT };
(async () => {
  const fs = require('fs');
  for (const text of ['first', 'second']) {
    fs.writeFileSync(process.env.REPORT, '<!-- ropa-check diff -->\\n' + text + '\\n');
    await run();
  }
  fs.unlinkSync(process.env.REPORT);
  await run();  // no report (the diff failed with a usage error): nothing is posted
  console.log(JSON.stringify(comments));
})();
""".replace("SCRIPT", step["with"]["script"])
    done = subprocess.run(
        ["node", "-e", harness],
        env={"REPORT": str(report), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    comments = json.loads(done.stdout)
    assert [c["body"] for c in comments] == [
        "<!-- ropa-check diff --> quoted by a person",
        "another bot",
        f"{MARKER}\nsecond\n",
    ]
