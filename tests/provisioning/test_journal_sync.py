"""The journal's last sync runs beside the verification, never after the process is gone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hubwizard.journal import Journal, read_journal, settle


def test_closing_without_waiting_still_ends_on_disk_and_closed(tmp_path: Path) -> None:
    journal = Journal.create("apply", tmp_path)
    journal.write("start", config="x")
    journal.write_many([("op", {"op": f"property:{n}", "status": "done"}) for n in range(100)])
    journal.write("finish", status="complete")
    journal.close(wait=False)
    journal.close()  # a second close (the run's own finally) changes nothing
    settle()
    assert journal.wait_synced(0)
    assert journal._file.closed
    record = read_journal(journal.path)
    assert record.finished == {**record.finished, "status": "complete"}
    assert len(record.done) == 100


def test_a_process_that_exits_at_once_leaves_the_whole_journal(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from hubwizard.journal import Journal\n"
        f"j = Journal.create('apply', Path({str(tmp_path)!r}))\n"
        "for n in range(500):\n"
        "    j.write('op', op=f'p{n}', status='done')\n"
        "j.write('finish', status='complete')\n"
        "j.close(wait=False)\n"
        "Journal.append(j.path, 'verified')\n"
        "sys.exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    (path,) = tmp_path.glob("*-apply.jsonl")
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(lines) == 502 and lines[-2]["event"] == "finish" and lines[-1]["event"] == "verified"
