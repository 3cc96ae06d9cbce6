"""Ready-to-install schedules for `pantau nightly`: a crontab line, or a systemd service and timer."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def _parse(time_of_day: str) -> tuple[int, int]:
    try:
        hour, minute = (int(x) for x in time_of_day.split(":"))
    except ValueError:
        raise ValueError(f"{time_of_day!r}: expected HH:MM") from None
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError(f"{time_of_day!r}: expected HH:MM")
    return hour, minute


def _pantau() -> str:
    return shutil.which("pantau") or str(Path(sys.executable).with_name("pantau"))


def _command(workdir: str | None, db: str | None) -> tuple[str, str]:
    workdir = str(Path(workdir or os.getcwd()).resolve())
    db = str(Path(workdir, db or "pantau.db"))
    # --resume first: a night that was cut short (reboot) is finished before a new one starts.
    cmd = f"{_pantau()} nightly --db {db} --quiet --resume || {_pantau()} nightly --db {db} --quiet"
    return workdir, cmd


def cron_line(time_of_day: str, workdir: str | None = None, db: str | None = None) -> str:
    hour, minute = _parse(time_of_day)
    workdir, cmd = _command(workdir, db)
    return (f"# pantau: nightly audit of every pemda in the registry (install with `crontab -e`)\n"
            f"{minute} {hour} * * * cd {workdir} && ({cmd}) >> {workdir}/pantau-nightly.log 2>&1")


def systemd_units(time_of_day: str, workdir: str | None = None, db: str | None = None) -> str:
    hour, minute = _parse(time_of_day)
    workdir, cmd = _command(workdir, db)
    return f"""# /etc/systemd/system/pantau-nightly.service
[Unit]
Description=pantau nightly audit of pemda websites
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
WorkingDirectory={workdir}
ExecStart=/bin/sh -c '{cmd}'
Nice=10

# /etc/systemd/system/pantau-nightly.timer
[Unit]
Description=Run pantau nightly at {hour:02d}:{minute:02d}

[Timer]
OnCalendar=*-*-* {hour:02d}:{minute:02d}:00
Persistent=true

[Install]
WantedBy=timers.target

# then: systemctl daemon-reload && systemctl enable --now pantau-nightly.timer"""
