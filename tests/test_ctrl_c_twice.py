"""A second Ctrl-C while a stopped command ends (a user who pressed it twice) is no new
failure: the command ends as the first one asked, by SIGINT, with its one line.  Said inside
the "Stopped (Ctrl-C)" line, the second escaped into click's bare "Aborted!" with status 1;
after it, while the output was flushed or the exit's clean-up ran, into a traceback.

The second press is made to land at its moment deterministically: a standard stream that
sends its own process SIGINT on its first write or flush after the first press (standard
error's write: the line; standard output's flush: after the line), or an atexit function that
does (the exit's clean-up), as a terminal would deliver a second Ctrl-C at that moment; the
first is a real SIGINT too, sent by a command added to the real group for the test, so the
group's own handling is what runs.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCRIPT = r"""
import atexit, os, signal, sys
from crawler import cli

def second_press():
    os.kill(os.getpid(), signal.SIGINT)

class SecondPress:
    '''A stream that presses Ctrl-C again at its first `method` call after the first press.'''
    def __init__(self, stream, method):
        self.stream, self.method, self.armed = stream, method, False
    def __getattr__(self, name):
        attribute = getattr(self.stream, name)
        if name != self.method or not self.armed:
            return attribute
        self.armed = False
        second_press()
        return attribute

moment = sys.argv[1]
streams = {"line": ("stderr", "write"), "flush": ("stdout", "flush")}
if moment in streams:
    name, method = streams[moment]
    pressing = SecondPress(getattr(sys, name), method)
    setattr(sys, name, pressing)
else:
    atexit.register(second_press)

@cli.cli.command("first-press")
def first_press():
    '''A command that the first Ctrl-C stops while it works.'''
    if moment in streams:
        pressing.armed = True
    os.kill(os.getpid(), signal.SIGINT)
    signal.pause()

sys.argv = ["citewatch", "first-press"]
cli.main()
"""


@pytest.mark.parametrize("moment", ["line", "flush", "atexit"])
def test_a_second_ctrl_c_as_the_stopped_command_ends_ends_it_by_sigint(tmp_path, moment):
    done = subprocess.run([sys.executable, "-c", SCRIPT, moment], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                          # as a terminal starts it (a test worker ignores SIGINT, and its children would)
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert "Aborted!" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert done.stderr.count("Stopped (Ctrl-C)") == 1, done.stderr
    assert done.returncode == -signal.SIGINT, (done.returncode, done.stderr)
