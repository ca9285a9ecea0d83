"""A second Ctrl-C while a stopped command says its "Stopped (Ctrl-C)" line (a user who
pressed it twice) is no new failure: the command ends as the first one asked, by SIGINT,
with its one line, where the second escaped into click's bare "Aborted!" with status 1.

The second press is made to land inside the line deterministically: the command's standard
error is a stream that sends its own process SIGINT on its first write (the line's), as a
terminal would deliver a second Ctrl-C at that moment; the first is a real SIGINT too, sent by
a command added to the real group for the test, so the group's own handling is what runs.
"""

from __future__ import annotations

import signal
import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = r"""
import os, signal, sys
from crawler import cli

class SecondPress:
    '''stderr that sends this process SIGINT before its first write goes through.'''
    def __init__(self, stream):
        self.stream, self.pressed = stream, False
    def write(self, text):
        if not self.pressed:
            self.pressed = True
            os.kill(os.getpid(), signal.SIGINT)
        return self.stream.write(text)
    def __getattr__(self, name):
        return getattr(self.stream, name)

@cli.cli.command("first-press")
def first_press():
    '''A command that the first Ctrl-C stops while it works.'''
    os.kill(os.getpid(), signal.SIGINT)
    signal.pause()

sys.stderr = SecondPress(sys.stderr)
sys.argv = ["citewatch", "first-press"]
cli.main()
"""


def test_a_second_ctrl_c_while_the_stop_is_said_ends_by_sigint_not_aborted(tmp_path):
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                          # as a terminal starts it (a test worker ignores SIGINT, and its children would)
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert "Aborted!" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert "Stopped (Ctrl-C)" in done.stderr
    assert done.returncode == -signal.SIGINT, (done.returncode, done.stderr)
