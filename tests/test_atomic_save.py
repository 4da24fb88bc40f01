"""Saves survive SIGKILL at any moment, and a failing save leaves the old file alone."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HELPER = Path(__file__).with_name("atomic_save_helper.py")
KILLS = 50

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")


def _helper_env() -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[1] / "src")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}


def _read_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line, "the helper process died"
    return line.strip()


def test_sigkill_during_saves_leaves_a_whole_old_or_new_file(tmp_path: Path) -> None:
    sys.path.insert(0, str(HELPER.parent))
    try:
        from atomic_save_helper import big_document, expected_bytes
    finally:
        sys.path.remove(str(HELPER.parent))
    doc = big_document()
    path = tmp_path / "map.json"
    rng = random.Random(20240521)
    process = subprocess.Popen(
        [sys.executable, str(HELPER), "zygote", str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_helper_env(),
    )
    assert process.stdin is not None
    try:
        assert _read_line(process) == "ready"
        on_disk = 0
        for _ in range(KILLS):
            start = on_disk + 1
            process.stdin.write(f"go {start}\n")
            process.stdin.flush()
            reply = _read_line(process)
            assert reply.startswith("pid ")
            time.sleep(rng.uniform(0.0, 0.15))
            os.kill(int(reply.split()[1]), signal.SIGKILL)
            completed = on_disk
            while (line := _read_line(process)) != "dead":
                completed = int(line.split()[1])
            data = path.read_bytes()
            title = json.loads(data)["title"]  # parses: never a torn file
            number = int(title.rsplit(" ", 1)[1])
            assert data == expected_bytes(doc, number)  # exactly one complete version
            # The file is the last completed save, or the one being written when the kill came.
            assert number in (completed, completed + 1), (number, completed)
            on_disk = number
        assert on_disk > KILLS // 2  # the children really saved, many times, between the kills
        leftovers = [p.name for p in tmp_path.iterdir() if p.name != "map.json"]
        assert all(name.startswith(".map.json.") and name.endswith(".tmp") for name in leftovers)
    finally:
        process.stdin.close()
        process.kill()
        process.wait()


def _without_root_override() -> list[str]:
    """A command prefix under which permission bits bind: root ignores them, so drop that power."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only directory would not stop the save")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


def test_save_into_read_only_directory_fails_clearly_and_keeps_the_old_file(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    path = folder / "map.json"
    path.write_text('{"old": true}\n', encoding="utf-8")
    folder.chmod(0o555)
    try:
        before = sorted(p.name for p in folder.iterdir())
        command = [*_without_root_override(), sys.executable, str(HELPER), "readonly", str(path)]
        result = subprocess.run(command, capture_output=True, text=True, env=_helper_env(), check=False, timeout=120)
        assert result.returncode == 0, result.stderr
        kind, where, message = result.stdout.strip().split("|", 2)
        assert kind == "JourneyFileError"
        assert where == str(path)
        assert str(path) in message
        assert "Permission denied" in message
        assert "not changed" in message
        assert path.read_text(encoding="utf-8") == '{"old": true}\n'
        assert sorted(p.name for p in folder.iterdir()) == before  # no temporary file left behind
    finally:
        folder.chmod(0o755)
