"""A PostgreSQL cluster of the tests' own, as a town would run its hub: passwords checked
with scram-sha-256 and connections over TLS only, with a CA and a server certificate made
here (on 127.0.0.1 only, on a free port, in a temporary folder).

The server binaries come from Debian's postgresql package (/usr/lib/postgresql/*/bin);
as root, they run as the `postgres` user, as PostgreSQL requires.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SERVER_USER = "postgres"


def server_binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder with initdb and pg_ctl, or None."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    for initdb in reversed(found):
        if (initdb.parent / "pg_ctl").exists():
            return initdb.parent
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_ca(common_name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return key, cert


def make_server_cert(
    ca_key: ec.EllipticCurvePrivateKey, ca_cert: x509.Certificate
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("localhost"))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _pem_cert(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@dataclass
class SecureServer:
    """A running cluster: its superuser's password, port and the town's CA file."""

    folder: Path
    port: int
    password: str
    ca_file: Path
    other_ca_file: Path  # a CA that signed nothing of this server's
    bin_dir: Path

    def url(self, user: str = SERVER_USER, dbname: str = "postgres", ca: Path | None = None) -> str:
        """A URL with verify-full against `ca` (the town's CA by default); no password."""
        return (
            f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"
            f"?sslmode=verify-full&sslrootcert={ca or self.ca_file}"
        )

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            _as_server_user(
                [
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.folder / "data"),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
            )
        shutil.rmtree(self.folder, ignore_errors=True)


def _as_server_user(command: list[str]) -> subprocess.CompletedProcess[str]:
    if os.geteuid() == 0:
        command = ["runuser", "-u", SERVER_USER, "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)


def start_secure_server(bin_dir: Path) -> SecureServer:
    """initdb, certificates, pg_hba (TLS + scram-sha-256 only), then pg_ctl start."""
    folder = Path(tempfile.mkdtemp(prefix="jundesk-pg-"))
    data = folder / "data"
    password = secrets.token_urlsafe(18)
    ca_key, ca_cert = make_ca("JunDesk test town CA")
    server_key, server_cert = make_server_cert(ca_key, ca_cert)
    _, other_ca = make_ca("Some other CA")
    (folder / "ca.crt").write_bytes(_pem_cert(ca_cert))
    (folder / "other-ca.crt").write_bytes(_pem_cert(other_ca))
    (folder / "server.crt").write_bytes(_pem_cert(server_cert))
    (folder / "server.key").write_bytes(_pem_key(server_key))
    (folder / "pwfile").write_text(password + "\n")
    for path in (folder / "server.key", folder / "pwfile"):
        path.chmod(0o600)
    for path in (folder / "ca.crt", folder / "other-ca.crt", folder / "server.crt"):
        path.chmod(0o644)
    if os.geteuid() == 0:
        user = pwd.getpwnam(SERVER_USER)
        for path in (folder, *folder.iterdir()):
            os.chown(path, user.pw_uid, user.pw_gid)
    folder.chmod(0o755)
    port = _free_port()
    server = SecureServer(
        folder, port, password, folder / "ca.crt", folder / "other-ca.crt", bin_dir
    )
    try:
        _as_server_user(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                SERVER_USER,
                "--auth=scram-sha-256",
                f"--pwfile={folder / 'pwfile'}",
                "-E",
                "UTF8",
                "--locale=C",
            ]
        )
        (data / "pg_hba.conf").write_text(
            "# TLS and scram-sha-256 only, from this machine only\n"
            "local     all all                scram-sha-256\n"
            "hostssl   all all 127.0.0.1/32   scram-sha-256\n"
            "hostnossl all all 0.0.0.0/0      reject\n"
        )
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nlisten_addresses = '127.0.0.1'\nport = {port}\n"
                f"unix_socket_directories = '{folder}'\n"
                "ssl = on\n"
                f"ssl_cert_file = '{folder / 'server.crt'}'\n"
                f"ssl_key_file = '{folder / 'server.key'}'\n"
                "password_encryption = 'scram-sha-256'\n"
                "fsync = off\nsynchronous_commit = off\nshared_buffers = 32MB\n"
                "max_connections = 40\n"
            )
        _as_server_user(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(folder / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
    except subprocess.CalledProcessError as exc:
        log = folder / "server.log"
        detail = log.read_text() if log.exists() else ""
        server.stop()
        raise RuntimeError(f"{exc.cmd}: {exc.stderr or exc.stdout}\n{detail}") from exc
    except BaseException:
        server.stop()
        raise
    return server
