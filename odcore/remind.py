"""Reminders before deadlines: what each department owes within N days, and the e-mails.

``reminders`` is pure (figures and workbook in, one :class:`DepartmentReminder` per
department out): reports not yet filed (the quarter whose report falls due within the days,
the latest due quarter still missing, one-off tasks due within the days), published datasets
whose next update falls due within the days or is overdue, and the data problems in the
department's rows. ``department_message`` and ``summary_message`` write the Ukrainian e-mails
(plain text and HTML); ``send`` delivers one over SMTP with STARTTLS. docs/communication.md
has the rules and an example cron job.
"""

from __future__ import annotations

import datetime as dt
import html
import smtplib
import socket
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import quote

from odcore.dates import add_days
from odcore.deadlines import ScheduleKind
from odcore.figures import Figures
from odcore.issues import Issue, Severity
from odcore.periods import Quarter, latest_due_quarter
from odcore.rules.owing import department_tasks, departments_of_plan
from odcore.rules.progress import TaskProgress, TaskState
from odcore.rules.quality import uk_sort_key
from odcore.settings import MailSettings
from odcore.text import normalize_name
from odcore.workbook import Workbook

PROBLEMS_LISTED = 20  # problems written out in one e-mail; the rest are counted


@dataclass(frozen=True)
class ReportDue:
    """A report the department has not filed: for ``quarter`` (periodic tasks) or a one-off
    task not done; ``due`` is its deadline, ``late`` whether it has passed."""

    code: str
    task: str
    quarter: Quarter | None
    due: dt.date
    late: bool


@dataclass(frozen=True)
class DatasetDue:
    """A published dataset of the department whose next update falls due (or is overdue)."""

    id: str
    title: str
    next_due: dt.date | None  # None: an interval and no last update, so overdue
    last_updated: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class DepartmentReminder:
    """What one department owes within the window, and its address (None when unknown)."""

    department: str
    email: str | None
    reports: tuple[ReportDue, ...]
    datasets: tuple[DatasetDue, ...]
    problems: tuple[Issue, ...]  # errors and warnings in its rows

    @property
    def owes(self) -> bool:
        return bool(self.reports or self.datasets or self.problems)


def _is(name: str, wanted: str) -> bool:
    return normalize_name(name) == wanted


def _reports_due(department: str, figures: Figures, today: dt.date,
                 until: dt.date) -> list[ReportDue]:
    settings, plan = figures.settings, figures.plan
    wanted = normalize_name(department)
    first, last = settings.plan_years
    latest = latest_due_quarter(first, last, today)
    current = Quarter.of(today)
    upcoming = current if first <= current.year <= last and current.end_as_of <= until else None
    items: list[ReportDue] = []

    def filed(progress: TaskProgress, quarter: Quarter) -> bool:
        # A `Не застосовується` report for the quarter counts as a report (docs/rules.md).
        return any(r.period == quarter and _is(r.department, wanted) for r in progress.reports)

    for progress in department_tasks(department, plan, settings):
        if progress.state in (TaskState.NOT_APPLICABLE, TaskState.DONE):
            continue
        if progress.schedule.kind is ScheduleKind.ONE_OFF:
            if progress.due is not None and progress.due <= until:
                items.append(ReportDue(progress.code, progress.task.task, None, progress.due,
                                       today > progress.due))
            continue
        for quarter, late in ((latest, True), (upcoming, False)):
            if quarter is not None and not filed(progress, quarter):
                items.append(ReportDue(progress.code, progress.task.task, quarter,
                                       quarter.end_as_of, late))
    return sorted(items, key=lambda r: (r.due, uk_sort_key(r.code)))


def _datasets_due(department: str, figures: Figures, until: dt.date) -> list[DatasetDue]:
    wanted = normalize_name(department)
    items = [DatasetDue(i.id, i.dataset.title, i.next_due, i.dataset.last_updated, i.overdue)
             for i in figures.assessment.items
             if i.published and _is(i.department, wanted) and not i.not_evaluable
             and (i.overdue or (i.next_due is not None and i.next_due <= until))]
    return sorted(items, key=lambda d: (d.next_due or dt.date.min, d.id))


def department_names(workbook: Workbook, figures: Figures) -> list[str]:
    """Every department of `Підрозділи`, the plan's executors and the register's
    `Розпорядник`, in Ukrainian order."""
    names: dict[str, str] = {}
    for name in [*(d.name for d in workbook.departments),
                 *departments_of_plan(figures.plan, figures.settings),
                 *(d.department for d in workbook.datasets)]:
        names.setdefault(normalize_name(name), name)
    return sorted(names.values(), key=uk_sort_key)


def reminders(workbook: Workbook, figures: Figures, days: int) -> list[DepartmentReminder]:
    """What each department owes within ``days`` of ``figures.as_of`` (today), in Ukrainian
    order; departments that owe nothing are included (``owes`` is False)."""
    today = figures.as_of
    until = add_days(today, days)
    emails = {normalize_name(d.name): d.email for d in workbook.departments if d.email}
    result = []
    for name in department_names(workbook, figures):
        wanted = normalize_name(name)
        problems = tuple(i for i in figures.issues
                         if i.severity is not Severity.INFO and i.department
                         and _is(i.department, wanted))
        result.append(DepartmentReminder(
            department=name, email=emails.get(wanted),
            reports=tuple(_reports_due(name, figures, today, until)),
            datasets=tuple(_datasets_due(name, figures, until)), problems=problems))
    return result


# --- The e-mails ---------------------------------------------------------------------------

def _quarter_label(quarter: Quarter) -> str:
    return quarter.label_uk()


def _days_word(days: int) -> str:
    forms = ("день", "дні", "днів")
    if days % 10 == 1 and days % 100 != 11:
        return f"{days} {forms[0]}"
    if 2 <= days % 10 <= 4 and not 12 <= days % 100 <= 14:
        return f"{days} {forms[1]}"
    return f"{days} {forms[2]}"


def _report_line(item: ReportDue, today: dt.date) -> str:
    what = (f"звіт за {_quarter_label(item.quarter)}" if item.quarter
            else "виконання завдання (одноразове)")
    if item.late:
        when = f"строк минув {item.due:%d.%m.%Y}"
    else:
        when = f"строк {item.due:%d.%m.%Y} (за {_days_word((item.due - today).days)})"
    return f"{item.code} «{item.task}»: {what}; {when}"


def _dataset_line(item: DatasetDue, today: dt.date) -> str:
    if item.next_due is None:
        when = "оновлення прострочено: не вказано дату останнього оновлення"
    elif item.overdue:
        when = (f"оновлення прострочено на {_days_word((today - item.next_due).days)} "
                f"(мало бути до {item.next_due:%d.%m.%Y})")
    else:
        when = f"оновити до {item.next_due:%d.%m.%Y}"
    return f"{item.id} «{item.title}»: {when}"


def _problem_line(issue: Issue) -> str:
    return f"{issue.place()}: {issue.message}"


def department_link(department: str, mail: MailSettings) -> str | None:
    """The department's page on the internal dashboard, None without ``dashboard_url``."""
    if not mail.dashboard_url:
        return None
    return f"{mail.dashboard_url}/department?department={quote(department)}"


@dataclass(frozen=True)
class Section:
    """A titled list of one e-mail, and how many more items the list leaves out."""

    title: str
    lines: tuple[str, ...]
    more: int = 0


def _sections(reminder: DepartmentReminder, today: dt.date) -> list[Section]:
    sections = []
    if reminder.reports:
        sections.append(Section("Звіти про виконання плану дій (вкладка «Звіти»)",
                                tuple(_report_line(r, today) for r in reminder.reports)))
    if reminder.datasets:
        sections.append(Section(
            "Набори даних, які час оновити (після оновлення змініть «Дата останнього "
            "оновлення» у вкладці «Набори даних»)",
            tuple(_dataset_line(d, today) for d in reminder.datasets)))
    if reminder.problems:
        shown = reminder.problems[:PROBLEMS_LISTED]
        sections.append(Section(f"Проблеми в таблицях ({len(reminder.problems)})",
                                tuple(_problem_line(i) for i in shown),
                                len(reminder.problems) - len(shown)))
    return sections


def _new_message(mail: MailSettings, to: str, subject: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = mail.sender or "odcore"
    message["To"] = to
    if mail.coordinator:
        message["Reply-To"] = mail.coordinator
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="odcore.local")
    return message


def _html_page(paragraphs_before: list[str], sections: list[Section],
               paragraphs_after: list[str], link: str | None) -> str:
    parts = ["<!DOCTYPE html><html lang=\"uk\"><head><meta charset=\"utf-8\"></head><body>"]
    parts += [f"<p>{html.escape(p)}</p>" for p in paragraphs_before]
    for section in sections:
        parts.append(f"<h3>{html.escape(section.title)}</h3><ul>")
        parts += [f"<li>{html.escape(line)}</li>" for line in section.lines]
        if section.more:
            parts.append(f"<li>… і ще {section.more} — на сторінці підрозділу</li>")
        parts.append("</ul>")
    if link:
        href = html.escape(link, quote=True)
        parts.append(f"<p><a href=\"{href}\">Сторінка підрозділу на панелі</a></p>")
    parts += [f"<p>{html.escape(p)}</p>" for p in paragraphs_after]
    parts.append("</body></html>")
    return "\n".join(parts)


def _text_page(paragraphs_before: list[str], sections: list[Section],
               paragraphs_after: list[str], link: str | None) -> str:
    lines: list[str] = []
    for paragraph in paragraphs_before:
        lines += [paragraph, ""]
    for section in sections:
        lines.append(section.title + ":")
        lines += [f"  • {line}" for line in section.lines]
        if section.more:
            lines.append(f"  … і ще {section.more} — на сторінці підрозділу")
        lines.append("")
    if link:
        lines += [f"Сторінка підрозділу на панелі: {link}", ""]
    for paragraph in paragraphs_after:
        lines += [paragraph, ""]
    return "\n".join(lines).rstrip() + "\n"


def department_message(reminder: DepartmentReminder, today: dt.date, days: int,
                       council: str, mail: MailSettings) -> EmailMessage:
    """The department's reminder: plain text and HTML, in Ukrainian, to its address."""
    if reminder.email is None:
        raise ValueError(f"{reminder.department} has no e-mail address")
    until = add_days(today, days)
    message = _new_message(mail, reminder.email,
                           f"Відкриті дані: нагадування для «{reminder.department}» до "
                           f"{until:%d.%m.%Y}")
    before = ["Доброго дня!",
              f"Це нагадування панелі програми відкритих даних ({council}) для підрозділу "
              f"«{reminder.department}» станом на {today:%d.%m.%Y}: що потрібно подати або "
              f"виправити до {until:%d.%m.%Y}, і що вже прострочено."]
    after = ["Лист надіслано автоматично. Якщо щось уже зроблено, внесіть це в таблицю: "
             "нагадування зникне після наступного читання даних."
             + (f" З питаннями звертайтеся до координатора: {mail.coordinator}."
                if mail.coordinator else "")]
    sections = _sections(reminder, today)
    link = department_link(reminder.department, mail)
    message.set_content(_text_page(before, sections, after, link))
    message.add_alternative(_html_page(before, sections, after, link), subtype="html")
    return message


@dataclass(frozen=True)
class Outcome:
    """What happened to one department's reminder in this run."""

    reminder: DepartmentReminder
    sent: bool
    reason: str = ""  # why it was not sent


def summary_message(outcomes: Iterable[Outcome], today: dt.date, days: int, council: str,
                    mail: MailSettings, *, dry_run: bool) -> EmailMessage:
    """The coordinator's summary of the run: who owes what, and whether each was reached."""
    until = add_days(today, days)
    rows = []
    for outcome in outcomes:
        r = outcome.reminder
        counts = (f"звітів {len(r.reports)}, наборів даних {len(r.datasets)}, "
                  f"проблем {len(r.problems)}")
        if dry_run:
            state = "не надсилалося (--dry-run)"
        elif outcome.sent:
            state = f"надіслано на {r.email}"
        else:
            state = f"не надіслано: {outcome.reason}"
        rows.append(f"{r.department}: {counts}; {state}")
    message = _new_message(mail, mail.coordinator or "coordinator",
                           f"Відкриті дані: підсумок нагадувань {today:%d.%m.%Y}")
    before = [f"Нагадування панелі програми відкритих даних ({council}) станом на "
              f"{today:%d.%m.%Y}, строки до {until:%d.%m.%Y}."]
    sections = [Section(f"Підрозділи, яким є що подати або виправити ({len(rows)})",
                        tuple(rows))] if rows else []
    after = [] if rows else ["Жодному підрозділу нічого подавати не потрібно."]
    link = f"{mail.dashboard_url}/overview" if mail.dashboard_url else None
    message.set_content(_text_page(before, sections, after, None)
                        + (f"\nОгляд програми: {link}\n" if link else ""))
    message.add_alternative(_html_page(before, sections, after, None), subtype="html")
    return message


def message_text(message: EmailMessage) -> str:
    """A message as a person reads it: From, To, Subject and the plain-text part (--dry-run)."""
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if isinstance(body, EmailMessage) else ""
    return (f"Від: {message['From']}\nКому: {message['To']}\nТема: {message['Subject']}\n\n"
            f"{text}")


# --- Sending -------------------------------------------------------------------------------

def _reason(exc: BaseException, mail: MailSettings) -> str:
    """Why a send failed, in Ukrainian (never the password)."""
    server = f"{mail.host}:{mail.port}"
    if isinstance(exc, ConnectionRefusedError):
        return f"поштовий сервер {server} не приймає зʼєднань"
    if isinstance(exc, socket.timeout | TimeoutError):
        return f"поштовий сервер {server} не відповів за {mail.timeout_seconds:g} с"
    if isinstance(exc, socket.gaierror):
        return f"не знайдено поштовий сервер «{mail.host}»"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"сервер {server} не прийняв користувача «{mail.user}» або пароль"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"сервер {server} не підтримує STARTTLS (starttls = false, якщо це внутрішній сервер)"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "сервер не прийняв адресу " + ", ".join(exc.recipients)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"сервер не прийняв адресу відправника «{mail.sender}»"
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return f"не вдалося встановити захищене зʼєднання з {server}: {exc}"
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) \
            else str(exc.smtp_error)
        return f"сервер {server} відповів {exc.smtp_code}: {text}"
    return f"{server}: {type(exc).__name__}: {exc}"


def send(message: EmailMessage, mail: MailSettings) -> str | None:
    """Deliver one message; None when sent, else why not (one connection per message, so
    one failure never stops the others)."""
    try:
        with smtplib.SMTP(mail.host, mail.port, timeout=mail.timeout_seconds) as smtp:
            if mail.starttls:
                smtp.starttls(context=ssl.create_default_context(cafile=mail.ca_file or None))
            if mail.user:
                smtp.login(mail.user, mail.password.get_secret_value())
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException, ssl.CertificateError) as exc:
        return _reason(exc, mail)
    return None
