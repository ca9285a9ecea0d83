"""Certificates for the test web's HTTPS sites, made at start with `cryptography`.

One test CA signs three server certificates for 127.0.0.1: an expired one, one for the
wrong name, and a good one.  The CA's PEM is served at /crawl/tls-ca.pem so a test can
trust it (setting `ca_bundle`) and see each verification error for what it is.
"""

from __future__ import annotations

import datetime
import functools
import ipaddress
import ssl
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

_NOW = datetime.datetime.now(datetime.timezone.utc)
_DAY = datetime.timedelta(days=1)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


@functools.cache
def _ca():
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder().subject_name(_name("citewatch test CA")).issuer_name(_name("citewatch test CA"))
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(_NOW - _DAY).not_valid_after(_NOW + 30 * _DAY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def ca_pem() -> bytes:
    return _ca()[1].public_bytes(serialization.Encoding.PEM)


def _server_cert(alt_name: x509.GeneralName, not_before, not_after):
    ca_key, ca_cert = _ca()
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder().subject_name(_name("citewatch test site")).issuer_name(ca_cert.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(not_before).not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName([alt_name]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def _context(key, cert, directory: Path, name: str) -> ssl.SSLContext:
    cert_file, key_file = directory / f"{name}.pem", directory / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context


def wrappers() -> dict:
    """{site: socket wrapper} for tls_expired, tls_wrongname and tls_good.

    `ssl` loads a key only from a file: the files live in a temporary directory that is
    gone once the contexts hold them (every test web start would leave one behind).
    """
    loopback = x509.IPAddress(ipaddress.ip_address("127.0.0.1"))
    certs = {
        "tls_expired": _server_cert(loopback, _NOW - 60 * _DAY, _NOW - 30 * _DAY),
        "tls_wrongname": _server_cert(x509.DNSName("wrong-name.example"), _NOW - _DAY, _NOW + 30 * _DAY),
        "tls_good": _server_cert(loopback, _NOW - _DAY, _NOW + 30 * _DAY),
    }
    out = {}
    with tempfile.TemporaryDirectory(prefix="citewatch-tls-") as directory:
        for site, (key, cert) in certs.items():
            context = _context(key, cert, Path(directory), site)
            out[site] = functools.partial(context.wrap_socket, server_side=True)
    return out
