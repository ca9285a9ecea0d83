"""The systemd units `citewatch schedule --systemd DIR` writes: the service stops a hung run after
one interval and waits for no network target a user unit cannot see; systemd-analyze accepts
the service and the timer; a user's units come with the advice that keeps their timer past a
logout (under a user id with no name too), system units with none and run as the owner of
their data folder (root's folder: no User=); a missing DIR is refused, systemd's own folder for
a user's units is made."""

from __future__ import annotations

import configparser
import getpass
import os
import pwd
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crawler import schedule
from crawler.cli import cli
from crawler.config import load_config
from tests.conftest import ROOT


def _units(runner, tmp_path, monkeypatch, every: str) -> tuple[configparser.ConfigParser, str]:
    """`schedule --systemd units --every EVERY` from tmp_path: the service read, and the output."""
    import db as database

    monkeypatch.chdir(tmp_path)
    database.open_db(tmp_path / "cw.db").close()
    (tmp_path / "units").mkdir(exist_ok=True)   # (a missing folder is refused: see below)
    result = runner.invoke(cli, ["schedule", "--systemd", "units", "--every", every, "--db", "cw.db"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    service = configparser.ConfigParser(interpolation=None, strict=False)
    service.optionxform = str
    service.read(tmp_path / "units" / "citewatch.service")
    return service, result.output


def _service(text: str) -> configparser.ConfigParser:
    """A unit file's sections, as systemd reads them (repeated keys: the last)."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read_string(text)
    return parser


@pytest.mark.parametrize(("every", "timeout"), [("12h", "12h"), ("90m", "6h"), ("30s", "6h")])
def test_a_hung_scheduled_run_is_stopped_after_one_interval(runner, tmp_path, monkeypatch, every, timeout):
    """A oneshot service has no start timeout: a hung run stayed "activating" and the timer
    never started another.  SIGTERM to citewatch alone (mixed): it passes the stop on to its
    crawl, as Ctrl-C does (test_a_scheduled_run_stopped_by_sigterm_…).  Never under 6 hours: a
    30 s interval's every run was stopped before it could report a change."""
    service, _ = _units(runner, tmp_path, monkeypatch, every)
    assert service["Service"]["TimeoutStartSec"] == timeout
    assert service["Service"]["KillMode"] == "mixed"


def test_the_service_waits_for_no_network_target_a_user_unit_cannot_see(runner, tmp_path, monkeypatch):
    service, _ = _units(runner, tmp_path, monkeypatch, "1d")
    assert "After" not in service["Unit"] and "Wants" not in service["Unit"]


def test_the_enable_advice_says_how_a_users_timer_outlives_a_logout(runner, tmp_path, monkeypatch):
    _, output = _units(runner, tmp_path, monkeypatch, "1d")
    assert f"`loginctl enable-linger {getpass.getuser()}`" in output


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed here")
def test_systemd_analyze_accepts_the_service_and_the_timer(runner, tmp_path, monkeypatch):
    _units(runner, tmp_path, monkeypatch, "6h")
    units = tmp_path / "units"
    verify = subprocess.run(["systemd-analyze", "verify", "--man=no", str(units / "citewatch.service"),
                             str(units / "citewatch.timer")], capture_output=True, text=True, timeout=60)
    assert verify.returncode == 0 and not verify.stderr, verify.stderr


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root and setpriv to run as a user id with no name")
def test_the_linger_advice_under_a_user_id_with_no_name_is_no_traceback(tmp_path):
    """A container's `--user 4242` has no passwd entry: getpass raised KeyError after the unit
    files were written."""
    import tempfile

    import db as database

    folder = Path(tempfile.mkdtemp(prefix="citewatch-nobody-", dir="/tmp"))   # (pytest's folders are root's alone)
    try:
        database.open_db(folder / "cw.db").close()
        (folder / "units").mkdir()   # (a missing folder is refused: see below)
        os.chmod(folder / "units", 0o777)
        os.chmod(folder, 0o777)
        os.chmod(folder / "cw.db", 0o666)
        env = {"PATH": os.environ["PATH"], "HOME": str(folder), "PYTHONPATH": str(ROOT)}
        result = subprocess.run(["setpriv", "--reuid=4242", "--regid=4242", "--clear-groups", sys.executable, "-m",
                                 "crawler.cli", "schedule", "--systemd", "units", "--every", "1d", "--db", "cw.db"],
                                cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "`loginctl enable-linger $USER`" in result.stdout and "Traceback" not in result.stderr


def test_system_units_get_no_linger_advice_and_are_enabled_without_user(tmp_path):
    """`--systemd /etc/systemd/system` was told to enable with `systemctl --user` and to run
    `loginctl enable-linger`, which only a user's timer needs.  Written in a mount namespace of
    its own, over a folder of this test's: the machine's /etc/systemd/system is left alone."""
    import db as database

    if os.geteuid() != 0 or not shutil.which("unshare") or subprocess.run(
            ["unshare", "--mount", "true"], capture_output=True).returncode:
        pytest.skip("a mount namespace of its own needs root and unshare")
    units = tmp_path / "units"
    units.mkdir()
    database.open_db(tmp_path / "cw.db").close()
    system = "/etc/systemd/system"
    script = (f"mount --bind {shlex.quote(str(units))} {system} && exec {shlex.quote(sys.executable)} -m crawler.cli "
              f"schedule --systemd {system} --every 1d --db {shlex.quote(str(tmp_path / 'cw.db'))}")
    result = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(path.name for path in units.iterdir()) == ["citewatch.service", "citewatch.timer"]
    assert "Enable with: systemctl daemon-reload && systemctl enable --now citewatch.timer" in result.stdout
    assert "Each run's output goes to the journal: journalctl -u citewatch.service" in result.stdout
    assert "--user" not in result.stdout and "enable-linger" not in result.stdout, result.stdout


def test_user_units_keep_their_advice(runner, tmp_path, monkeypatch):
    """A folder of no system path (~/.config/systemd/user, or one the units are copied from) is a user's."""
    _, output = _units(runner, tmp_path, monkeypatch, "1d")
    assert "Enable with: systemctl --user daemon-reload && systemctl --user enable --now citewatch.timer" in output
    assert "Each run's output goes to the journal: journalctl --user -u citewatch.service" in output
    assert "loginctl enable-linger" in output


def test_a_system_service_runs_as_the_owner_of_its_folder_once_the_network_is_up(tmp_path, monkeypatch):
    """A system unit had no User=: written with sudo for a user's data folder, every run went as
    root, leaving root's files in that folder; and it waited for no network, which a system unit
    can (a user unit cannot: its comment said so, for both)."""
    if os.geteuid() != 0:
        pytest.skip("giving a folder to another user needs root")
    folder = tmp_path / "data"
    folder.mkdir()
    os.chown(folder, pwd.getpwnam("nobody").pw_uid, -1)
    monkeypatch.chdir(folder)
    config = load_config(env={})
    system = _service(schedule.systemd_units(config, 86400, system=True)["citewatch.service"])
    assert system["Service"]["User"] == "nobody"
    assert system["Unit"]["After"] == system["Unit"]["Wants"] == "network-online.target"
    user = _service(schedule.systemd_units(config, 86400)["citewatch.service"])
    assert "User" not in user["Service"] and "After" not in user["Unit"]


def test_a_system_service_in_root_s_folder_names_no_user(tmp_path, monkeypatch):
    """root's own folder: no User= (root is what a system unit runs as)."""
    if os.geteuid() != 0:
        pytest.skip("a folder of root's is made by root")
    monkeypatch.chdir(tmp_path)
    service = _service(schedule.systemd_units(load_config(env={}), 86400, system=True)["citewatch.service"])
    assert "User" not in service["Service"] and service["Unit"]["After"] == "network-online.target"


def test_a_missing_systemd_folder_is_refused_but_the_users_own_unit_folder_is_made(runner, db, db_path, tmp_path,
                                                                                  monkeypatch):
    """`schedule --systemd DIR` made a mistyped DIR without a word, and units nobody installs.
    systemd's own folder for a user's units, missing until a first one, is made as before."""
    typo = tmp_path / "systemd" / "usr"
    refused = runner.invoke(cli, ["schedule", "--systemd", str(typo), "--db", str(db_path)], catch_exceptions=False)
    assert refused.exit_code == 1
    assert " ".join(refused.output.split()) == (
        f"Error: --systemd {typo}: no such folder; check the path (a user's units go in ~/.config/systemd/user), "
        f"or create it first (mkdir -p {typo}) to write the units there")
    assert not (tmp_path / "systemd").exists()

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    own = tmp_path / "home" / ".config" / "systemd" / "user"
    written = runner.invoke(cli, ["schedule", "--systemd", str(own), "--db", str(db_path)], catch_exceptions=False)
    assert written.exit_code == 0, written.output
    assert sorted(path.name for path in own.iterdir()) == ["citewatch.service", "citewatch.timer"]
