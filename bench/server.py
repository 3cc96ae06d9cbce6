"""A private nginx serving the corpus on 127.0.0.1:<free port>: `root <sites>/$host`, so one server block serves
every synthetic host by its Host header. Own config, pid, logs and temp paths in a temp dir; the system nginx
config is never read or touched. Started and stopped by the bench (context manager + atexit).

    python -m bench.server /tmp/pantau-bench/corpus-20x50-h4-s1/sites     # serve in the foreground (Ctrl-C)
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")

CONF = """\
{user}
worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    types {{
        text/html html htm;
        application/pdf pdf;
        application/xml xml;
        text/plain txt;
        image/png png;
    }}
    default_type application/octet-stream;
    charset utf-8;
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    open_file_cache max=20000 inactive=60s;
    server_tokens off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port} default_server;
        server_name _;
        root {sites}/$host;
        index index.html;
        location / {{ try_files $uri $uri/ =404; }}
    }}
}}
"""


class NginxMissing(RuntimeError):
    pass


def find_nginx(install: bool = True) -> str:
    found = shutil.which("nginx") or next((p for p in NGINX_CANDIDATES if os.access(p, os.X_OK)), None)
    if found:
        return found
    if install and os.geteuid() == 0 and shutil.which("apt-get"):
        print("nginx not found: installing it with apt-get install -y nginx …", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "nginx"], check=False, env=env, stdout=subprocess.DEVNULL)
        found = shutil.which("nginx") or next((p for p in NGINX_CANDIDATES if os.access(p, os.X_OK)), None)
        if found:
            # The Debian package starts the system nginx on :80; the bench does not need it, but leaves it alone.
            return found
    raise NginxMissing("nginx is not installed: run `sudo apt-get install -y nginx` (Debian/Ubuntu) and try again")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """with Nginx(sites_dir) as server: server.port …"""

    def __init__(self, sites_dir: str | Path, workers: int = 1, port: int | None = None):
        self.sites = Path(sites_dir).resolve()
        self.workers = workers
        self.port = port or free_port()
        self.tmp: Path | None = None
        self.proc: subprocess.Popen | None = None

    def start(self) -> "Nginx":
        binary = find_nginx()
        self.tmp = Path(tempfile.mkdtemp(prefix="pantau-bench-nginx-"))
        os.chmod(self.tmp, 0o755)
        user = "user nobody nogroup;" if os.geteuid() == 0 else ""
        conf = self.tmp / "nginx.conf"
        conf.write_text(CONF.format(user=user, workers=self.workers, tmp=self.tmp, port=self.port, sites=self.sites))
        # -e: error log before the config is read (otherwise /var/log/nginx); -p: prefix for relative paths.
        self.proc = subprocess.Popen([binary, "-p", str(self.tmp), "-e", str(self.tmp / "error.log"), "-c", str(conf),
                                      "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        atexit.register(self.stop)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace")
                log = (self.tmp / "error.log").read_text(errors="replace") if (self.tmp / "error.log").exists() else ""
                raise RuntimeError(f"nginx exited at start ({self.proc.returncode}): {err}{log}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"nginx did not listen on 127.0.0.1:{self.port} within 10 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful; the master stops its workers
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def __enter__(self) -> "Nginx":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def resolve_specs(self, hosts: list[str]) -> list[str]:
        """PANTAU_RESOLVE entries sending every host (www. too) to this server."""
        specs = []
        for host in hosts:
            specs.append(f"{host}=127.0.0.1:{self.port}")
            specs.append(f"www.{host}=127.0.0.1:{self.port}")
        return specs


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m bench.server SITES_DIR")
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))  # unwinds: nginx stopped, temp dir removed
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C also when started in the background
    with Nginx(sys.argv[1]) as server:
        print(f"serving {server.sites} on http://127.0.0.1:{server.port}/ (Host header picks the site); Ctrl-C or SIGTERM stops")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
