"""A real SMTP server for mitra-mail's tests, built on aiosmtpd.

Listens on 127.0.0.1 on a port the system chooses and prints `PORT <n>`
once it accepts connections. Each accepted message is written to --folder
as NNNN.eml (the bytes as received) with NNNN.envelope beside it
(`mail_from`, `rcpt_to`, `tls`, `auth` lines). It stops when its standard
input closes, so a test that dies does not leave it running.

Options:
  --tls-cert/--tls-key   offer STARTTLS with this certificate and require it
  --implicit-tls         with --tls-cert: TLS from the first byte (smtps)
  --user/--password      require AUTH (PLAIN/LOGIN, only after STARTTLS)
  --reject ADDRESS       answer 550 to RCPT TO for this address
"""

import argparse
import asyncio
import logging
import os
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword, TLSSetupException


class QuietExpectedNoise(logging.Filter):
    """A client refusing our certificate is what one test expects, and
    aiosmtpd 1.4 warns about its own use of Session.login_data; any other
    session error is still logged."""

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], TLSSetupException):
            return False
        message = record.getMessage()
        return "login_data is deprecated" not in message and "auth_require_tls == False" not in message


class Handler:
    def __init__(self, folder, rejected):
        self.folder = folder
        self.rejected = {a.lower() for a in rejected}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected:
            return "550 5.1.1 <%s>: recipient rejected by the test server" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = os.path.join(self.folder, "%04d" % self.count)
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        lines = [
            "mail_from: %s" % envelope.mail_from,
            "rcpt_to: %s" % ",".join(envelope.rcpt_tos),
            "tls: %s" % ("yes" if encrypted(server, session) else "no"),
            "auth: %s" % (session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else "none"),
        ]
        # Written before the reply, renamed into place: once the client has
        # its 250, both files are there and whole.
        for suffix, data in ((".eml", content), (".envelope", ("\n".join(lines) + "\n").encode())):
            with open(stem + suffix + ".tmp", "wb") as f:
                f.write(data)
            os.rename(stem + suffix + ".tmp", stem + suffix)
        return "250 2.0.0 Message accepted"


def encrypted(server, session):
    return bool(session.ssl) or server.transport.get_extra_info("ssl_object") is not None


def authenticator_for(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return authenticate


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--reject", action="append", default=[])
    args = parser.parse_args()

    logging.getLogger("mail.log").addFilter(QuietExpectedNoise())
    # With --implicit-tls the channel is encrypted before AUTH, which
    # aiosmtpd cannot tell.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")

    os.makedirs(args.folder, exist_ok=True)
    handler = Handler(args.folder, args.reject)
    context = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)

    def factory():
        options = dict(
            hostname="mitra-test-smtp",
            decode_data=False,
            enable_SMTPUTF8=True,
            tls_context=None if args.implicit_tls else context,
            require_starttls=context is not None and not args.implicit_tls,
        )
        if args.user:
            options.update(
                authenticator=authenticator_for(args.user, args.password),
                auth_required=True,
                # Implicit TLS is encrypted from the start; aiosmtpd only
                # counts STARTTLS.
                auth_require_tls=not args.implicit_tls,
            )
        return SMTP(handler, **options)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        factory, host="127.0.0.1", port=0, ssl=context if args.implicit_tls else None
    )
    port = server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)
    # Serve until the test closes our standard input (or dies).
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
