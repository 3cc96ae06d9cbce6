"""The per-pemda report (laporan): one run of one pemda, for people to read, share and print.

`pantau report --html FILE` writes it as one self-contained file; `pantau serve` shows it at /laporan/<domain>.
"""

from pantau.laporan.data import Report, ReportError, connect_readonly, find_run, load_report, normalise_domain
from pantau.laporan.output import write_html_report
from pantau.laporan.render import FileLinks, ServeLinks, render_report

__all__ = ["FileLinks", "Report", "ReportError", "ServeLinks", "connect_readonly", "find_run", "load_report",
           "normalise_domain", "render_report", "write_html_report"]
