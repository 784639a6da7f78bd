"""`remind`: what each department owes within N days, and its delivery over real SMTP.

The SMTP server is aiosmtpd, started by the test on 127.0.0.1 (plain, and with STARTTLS and a
login under a certificate the test makes); nothing is mocked between smtplib and it.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from odcore.cli import main
from odcore.figures import build_figures
from odcore.remind import reminders
from odcore.settings import Settings
from tests.helpers import load, tab

AS_OF = "2025-09-26"  # five days before 2025-Q3's reports fall due (01.10.2025)
DOMAIN = "@zhmerynka-rada.gov.ua"
COORDINATOR = "coordinator@example.org"
# Hand-computed from odcore/demo.py on 26.09.2025 with --days 7 (so until 03.10.2025):
OWING = {
    # the duplicate ID ZHM-023 (Набори даних, row 25) and «можливо» (Перевірки якості, row 17)
    "Відділ архітектури та містобудування": "arch",
    # 5.1 has no report for 2025-Q2; 3.1, 4.1, 4.2, 6.1 and 8.2 none for 2025-Q3; four
    # planted mistakes in its Звіти rows
    "Відділ інформаційних технологій та комунікацій": "it",
    # ZHM-006 (Щокварталу, last updated 10.04.2025) was due by 11.07.2025
    "Відділ управління комунальною власністю": "maino",
    # ZHM-031 (Щомісяця, last updated 31.03.2025) was due by 01.05.2025
    "Загальний відділ": "zagalnyi",
    # 3.1 has no report of its own for 2025-Q2 and 2025-Q3; progress 150 in Звіти row 67
    "Управління економіки та розвитку інфраструктури": "economy",
    # the impossible date 31.02.2025 in Навчання, row 14
    "Центр надання адміністративних послуг": "cnap",
}
OWING_WITHOUT_ADDRESS = ("Виконавчі орган міської ради",
                         "Відповідальні працівники управлінь та відділв",
                         "Керівництво міської ради та її виконавчих органів",
                         "Фінансове управліня")
ALL_MAILBOXES = {"it", "kadry", "economy", "finance", "zhkg", "osvita", "zemlia", "arch", "uszn",
                 "culture", "cnap", "ssd", "legal", "zagalnyi", "buh", "ns", "maino", "org"}


@dataclass
class Inbox:
    """What the test's SMTP server received; addresses in ``refuse`` get a 550."""

    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for rcpt, m in self.messages if address in rcpt]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def mail_settings(secrets_file: Path, port: int, **extra: str) -> None:
    """[odcore.mail] for the test server; ``extra`` adds or replaces keys (TOML values)."""
    keys = {"host": '"127.0.0.1"', "port": str(port), "starttls": "false",
            "sender": '"Відкриті дані <opendata@example.org>"',
            "coordinator": f'"{COORDINATOR}"',
            "dashboard_url": '"https://opendata.example.org/"', "timeout_seconds": "5.0"}
    keys.update(extra)
    lines = ["[odcore.mail]", *(f"{key} = {value}" for key, value in keys.items())]
    secrets_file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_remind(demo_path: Path, *extra: str) -> int:
    return main(["remind", str(demo_path), "--as-of", AS_OF, "--days", "7", *extra])


def test_remind_delivers_one_message_per_department_that_owes_and_none_to_the_others(
        demo_path, secrets_file, smtp_server, capsys):
    inbox, port = smtp_server
    mail_settings(secrets_file, port)
    assert run_remind(demo_path) == 0
    received = [rcpt for rcpt, _ in inbox.messages]
    expected = sorted(box + DOMAIN for box in OWING.values())
    assert sorted(r for (r,) in received if r != COORDINATOR) == expected
    assert received.count([COORDINATOR]) == 1
    for box in ALL_MAILBOXES - set(OWING.values()):
        assert inbox.to(box + DOMAIN) == [], box
    err = capsys.readouterr().err
    for name in OWING_WITHOUT_ADDRESS:
        assert f"«{name}»" in err and "немає його Email" in err


def test_each_reminder_is_ukrainian_plain_text_and_html_with_the_department_page_link(
        demo_path, secrets_file, smtp_server):
    inbox, port = smtp_server
    mail_settings(secrets_file, port)
    run_remind(demo_path)
    (message,) = inbox.to("economy" + DOMAIN)
    department = "Управління економіки та розвитку інфраструктури"
    assert message["Subject"] == f"Відкриті дані: нагадування для «{department}» до 03.10.2025"
    assert message["Reply-To"] == COORDINATOR
    text = message.get_body(preferencelist=("plain",)).get_content()
    page = message.get_body(preferencelist=("html",)).get_content()
    assert "звіт за II кв. 2025; строк минув 01.07.2025" in text
    assert "звіт за III кв. 2025; строк 01.10.2025 (за 5 днів)" in text
    assert "Проблеми в таблицях (1)" in text and "рядок 67" in text
    link = ("https://opendata.example.org/department?department=%D0%A3%D0%BF%D1%80%D0%B0%D0"
            "%B2%D0%BB%D1%96%D0%BD%D0%BD%D1%8F%20%D0%B5%D0%BA%D0%BE%D0%BD%D0%BE%D0%BC%D1%96"
            "%D0%BA%D0%B8%20%D1%82%D0%B0%20%D1%80%D0%BE%D0%B7%D0%B2%D0%B8%D1%82%D0%BA%D1%83"
            "%20%D1%96%D0%BD%D1%84%D1%80%D0%B0%D1%81%D1%82%D1%80%D1%83%D0%BA%D1%82%D1%83%D1"
            "%80%D0%B8")
    assert link in text and f'href="{link}"' in page
    assert "<li>3.1 «Брати участь" in page
    (dataset_message,) = inbox.to("maino" + DOMAIN)
    assert ("ZHM-006 «Перелік об’єктів комунальної власності, що передані в оренду»: "
            "оновлення прострочено на 77 днів (мало бути до 11.07.2025)") in \
        dataset_message.get_body(preferencelist=("plain",)).get_content()


def test_the_coordinator_gets_a_summary_naming_each_department_that_owes(
        demo_path, secrets_file, smtp_server):
    inbox, port = smtp_server
    mail_settings(secrets_file, port)
    run_remind(demo_path)
    (summary,) = inbox.to(COORDINATOR)
    text = summary.get_body(preferencelist=("plain",)).get_content()
    assert f"Підрозділи, яким є що подати або виправити ({len(OWING) + 4})" in text
    for name, box in OWING.items():
        assert f"{name}: " in text and f"надіслано на {box}{DOMAIN}" in text
    for name in OWING_WITHOUT_ADDRESS:
        assert f"{name}: " in text
    assert text.count("не надіслано: немає Email у вкладці «Підрозділи»") == 4


def test_with_the_server_down_each_failure_is_reported_and_the_exit_is_non_zero(
        demo_path, secrets_file, capsys):
    mail_settings(secrets_file, free_port())  # nothing listens there
    assert run_remind(demo_path) == 1
    err = capsys.readouterr().err
    for name, box in OWING.items():
        assert (f"Помилка: лист для «{name}» ({box}{DOMAIN}) не надіслано: поштовий сервер "
                "127.0.0.1:") in err
    assert f"Помилка: підсумок для координатора ({COORDINATOR}) не надіслано" in err
    assert f"Не надіслано листів: {len(OWING) + 1}." in err
    assert "Traceback" not in err


def test_a_refused_address_does_not_stop_the_others(demo_path, secrets_file, smtp_server,
                                                    capsys):
    inbox, port = smtp_server
    inbox.refuse.add("maino" + DOMAIN)
    mail_settings(secrets_file, port)
    assert run_remind(demo_path) == 1
    assert len(inbox.messages) == len(OWING)  # the others and the summary arrived
    err = capsys.readouterr().err
    assert "«Відділ управління комунальною власністю»" in err
    assert "сервер не прийняв адресу maino" in err
    (summary,) = inbox.to(COORDINATOR)
    assert "не надіслано: сервер не прийняв адресу maino" in \
        summary.get_body(preferencelist=("plain",)).get_content()


def test_dry_run_prints_the_messages_and_sends_nothing(demo_path, secrets_file, smtp_server,
                                                       capsys):
    inbox, port = smtp_server
    mail_settings(secrets_file, port)
    assert run_remind(demo_path, "--dry-run") == 0
    out = capsys.readouterr().out
    assert inbox.messages == []
    assert out.count("Кому: ") == len(OWING) + 1
    assert "Тема: Відкриті дані: підсумок нагадувань 26.09.2025" in out
    assert "не надсилалося (--dry-run)" in out


def test_sending_without_a_host_is_a_configuration_error(demo_path, secrets_file, capsys):
    assert run_remind(demo_path) == 2
    err = capsys.readouterr().err
    assert "[odcore.mail]" in err and "host, sender" in err and "--dry-run" in err
    assert run_remind(demo_path, "--dry-run") == 0  # printing needs no server


# --- STARTTLS and a login, under a certificate the test makes ----------------------------

def _certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "server.pem", folder / "server.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def _login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == b"opendata"
          and auth_data.password == b"pa55-word")
    # handled=False: aiosmtpd answers a refusal with 535 itself.
    return AuthResult(success=ok, handled=False)


def test_starttls_and_login_deliver_over_an_encrypted_connection(demo_path, secrets_file,
                                                                  tmp_path, capsys):
    cert, key = _certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True, authenticator=_login, auth_required=True)
    controller.start()
    try:
        mail_settings(secrets_file, port, starttls="true", user='"opendata"',
                      password='"pa55-word"', ca_file=f'"{cert}"')
        assert run_remind(demo_path) == 0
        assert len(inbox.messages) == len(OWING) + 1
        # A wrong password is refused for every message, and the password is never printed.
        mail_settings(secrets_file, port, starttls="true", user='"opendata"',
                      password='"wrong-secret"', ca_file=f'"{cert}"')
        capsys.readouterr()
        assert run_remind(demo_path) == 1
        err = capsys.readouterr().err
        assert err.count("не прийняв користувача «opendata» або пароль") == len(OWING) + 1
        assert "wrong-secret" not in err
        # Without the test's CA the certificate is not trusted: no message leaves in clear.
        mail_settings(secrets_file, port, starttls="true", user='"opendata"',
                      password='"pa55-word"')
        inbox.messages.clear()
        assert run_remind(demo_path) == 1
        assert inbox.messages == []
        assert "не вдалося встановити захищене зʼєднання" in capsys.readouterr().err
    finally:
        controller.stop()


# --- The window's edges, on a small workbook ----------------------------------------------

def _small_workbook():
    return load(
        tab("plan",
            {"code": "1.1", "section": "1", "task": "Щоквартальний звіт",
             "deadline": "Щоквартально", "executors_text": "Відділ А"},
            {"code": "1.2", "section": "1", "task": "Одноразове", "deadline": "до 10.10.2025",
             "executors_text": "Відділ А"}),
        tab("datasets",
            {"id": "D-1", "title": "Щомісячний", "department": "Відділ А",
             "status": "Оприлюднено", "update_frequency": "Щомісяця",
             "last_updated": dt.date(2025, 9, 1)},
            {"id": "D-2", "title": "Щорічний", "department": "Відділ Б",
             "status": "Оприлюднено", "update_frequency": "Щороку",
             "last_updated": dt.date(2025, 9, 1)}),
        tab("departments", {"name": "Відділ А", "email": "a@example.org"},
            {"name": "Відділ Б", "email": "b@example.org"}))


@pytest.mark.parametrize(("as_of", "days", "reports", "datasets"), [
    # Nothing is reported, so 2025-Q2's report is late from 01.07.2025 on. D-1 is due on
    # 02.10.2025 (01.09 + 31 days); 2025-Q3's report on 01.10.2025; 1.2 on 10.10.2025. On
    # 24.09 with 7 days the window ends on 01.10: the reports, not the dataset.
    (dt.date(2025, 9, 24), 7, [("1.1", "2025-Q2", True), ("1.1", "2025-Q3", False)], []),
    (dt.date(2025, 9, 25), 7, [("1.1", "2025-Q2", True), ("1.1", "2025-Q3", False)],
     ["D-1"]),
    (dt.date(2025, 10, 3), 7, [("1.1", "2025-Q3", True), ("1.2", "None", False)], ["D-1"]),
    (dt.date(2025, 10, 11), 0, [("1.1", "2025-Q3", True), ("1.2", "None", True)], ["D-1"]),
])
def test_what_falls_due_within_the_days(as_of, days, reports, datasets):
    workbook = _small_workbook()
    found = {r.department: r for r in reminders(workbook, build_figures(workbook, as_of,
                                                                        Settings()), days)}
    mine = found["Відділ А"]
    assert [(r.code, str(r.quarter), r.late) for r in mine.reports] == reports
    assert [d.id for d in mine.datasets] == datasets
    assert not found["Відділ Б"].owes  # its yearly dataset is due in 2026
