"""One settings object: plan years, targets, grace periods, TTLs, time zone, council identity.

Defaults serve the demo (Zhmerynka). A deployment overrides them in ``[odcore]`` and
``[odcore.council]`` of ``.streamlit/secrets.toml``, or of the settings file that
``ODCORE_SECRETS_FILE`` names (read with tomllib by odcore.config). Unknown keys are ignored
here and reported as warnings by odcore.config; a value that cannot work (an unknown time
zone, plan years in the wrong order) is refused, so the mistake shows at start-up.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from odcore.sources.base import ReadLimits


class Council(BaseModel):
    """Who publishes: shown on pages and written into exports."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str = "Жмеринська міська рада"
    full_name: str = "Виконавчий комітет Жмеринської міської ради Вінницької області"
    edrpou: str = ""  # set in [odcore.council]; the demo does not invent one
    portal_organization: str = "zhmerynska-miska-rada"
    decision_number: str = "87"
    decision_date: dt.date = dt.date(2024, 2, 26)
    public_contact: str = "opendata@zhmerynka-rada.gov.ua"
    website: str = "https://zhmerynka-rada.gov.ua"


class MailSettings(BaseModel):
    """How `python -m odcore remind` sends its e-mails ([odcore.mail]; docs/communication.md).

    Nothing here is needed by the dashboard; every key is optional until `remind` sends.
    The password is a SecretStr, so it never appears in a repr, a log line or a cache key.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    host: str = ""  # the SMTP server; empty: remind can only --dry-run
    port: int = 587
    starttls: bool = True  # upgrade the connection with STARTTLS before logging in
    user: str = ""  # empty: no login
    password: SecretStr = SecretStr("")
    sender: str = ""  # the From address, e.g. "Відкриті дані <opendata@rada.gov.ua>"
    coordinator: str = ""  # who gets the run's summary; empty: no summary is sent
    dashboard_url: str = ""  # the internal dashboard's address, for the department page link
    ca_file: str = ""  # a CA bundle for the server's certificate; empty: the system's
    timeout_seconds: float = 30.0  # per connection; a server that does not answer fails

    @field_validator("port")
    @classmethod
    def _port_in_range(cls, value: int) -> int:
        if not 1 <= value <= 65535:
            raise ValueError("порт має бути числом від 1 до 65535 (зазвичай 587)")
        return value

    @field_validator("timeout_seconds")
    @classmethod
    def _timeout_positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("має бути додатним числом секунд")
        return value

    @field_validator("dashboard_url")
    @classmethod
    def _dashboard_is_http(cls, value: str) -> str:
        text = value.strip().rstrip("/")
        if text and not text.startswith(("http://", "https://")):
            raise ValueError("має бути адресою http(s)://, наприклад https://opendata.rada.gov.ua")
        return text


class Settings(BaseModel):
    """Everything a council may want to change, with defaults."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    plan_first_year: int = 2024
    plan_last_year: int = 2026
    time_zone: str = "Europe/Kyiv"
    compliance_target: float = 0.75
    # Extra days after the portal's interval before a dataset counts as overdue, by frequency
    # value (e.g. {"Щомісяця": 5}); 0 by default.
    grace_days: dict[str, int] = Field(default_factory=dict)
    # Group executors mapped to departments (RULES.md "Departments"); none by default.
    group_executors: dict[str, list[str]] = Field(default_factory=dict)
    cache_ttl_seconds: int = 300
    failure_retry_seconds: int = 60
    refresh_cooldown_seconds: int = 30
    refresh_deadline_seconds: float = 20.0
    max_linked_spreadsheets: int = 50
    # The refresh worker of a multi-council deployment (docs/councils.md): Google read
    # requests per minute per service account (Google allows about 60), the burst of the
    # token bucket (any 60 seconds then hold at most refresh_reads_per_minute requests), how
    # often each council is read, and the cap of a failing council's exponential back-off.
    refresh_reads_per_minute: int = 50
    refresh_burst: int = 5
    refresh_interval_seconds: int = 600
    refresh_backoff_max_seconds: int = 3600
    # Reading limits (docs/sources.md, "Limits"): what one spreadsheet may cost. A limit hit is
    # an Issue at its tab (and row); the rest of the data still loads.
    max_rows_per_tab: int = 50_000
    max_cell_chars: int = 10_000  # longer text is cut, with an Issue
    max_columns_per_tab: int = 500
    max_used_range_cells: int = 500_000  # cells read from one spreadsheet, all its sheets
    max_uncompressed_bytes: int = 200 * 1024 * 1024  # a workbook's archive, unpacked
    max_file_bytes: int = 100 * 1024 * 1024  # a workbook or CSV file on disk
    # The child process that parses a workbook file: its memory cap (Linux) and its deadline.
    reader_memory_bytes: int = 384 * 1024 * 1024
    reader_seconds: float = 6.0
    # Years a date or period may name; anything outside is an error at its cell.
    earliest_year: int = 1990
    latest_year: int = 2100
    image_hosts: list[str] = Field(default_factory=list)  # empty: any https host
    # Task codes whose events (`Заходи`, column `Завдання плану`) are counted and listed:
    # 8.1 (work with business, the public, scientists, journalists) and 9.2 (leadership in
    # national and international programmes) of the seed plan (docs/rules.md, "Events").
    event_tasks: list[str] = Field(default_factory=lambda: ["8.1", "9.2"])
    # The chief specialist of task 2.1, as written in `Навчання` / `ПІБ` (personal: shown on
    # internal pages only); empty: the 2.1 figure says that nobody is named.
    chief_specialist: str = ""
    council: Council = Field(default_factory=Council)
    mail: MailSettings = Field(default_factory=MailSettings)

    @field_validator("time_zone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"невідомий часовий пояс «{value}» (наприклад, Europe/Kyiv)") from None
        return value

    @model_validator(mode="after")
    def _plan_years_in_order(self) -> Settings:
        if self.plan_first_year > self.plan_last_year:
            raise ValueError(f"plan_first_year ({self.plan_first_year}) пізніше за "
                             f"plan_last_year ({self.plan_last_year})")
        return self

    @model_validator(mode="after")
    def _refresh_quota_works(self) -> Settings:
        if not 1 <= self.refresh_burst < self.refresh_reads_per_minute:
            raise ValueError("refresh_burst має бути від 1 до refresh_reads_per_minute − 1")
        if self.refresh_interval_seconds < 1 or self.refresh_backoff_max_seconds < 1:
            raise ValueError("refresh_interval_seconds і refresh_backoff_max_seconds мають "
                             "бути додатними")
        return self

    @model_validator(mode="after")
    def _limits_positive(self) -> Settings:
        for name in ("max_rows_per_tab", "max_cell_chars", "max_columns_per_tab",
                     "max_used_range_cells", "max_uncompressed_bytes", "max_file_bytes",
                     "reader_memory_bytes", "reader_seconds"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} має бути додатним числом")
        if self.earliest_year > self.latest_year:
            raise ValueError(f"earliest_year ({self.earliest_year}) пізніше за "
                             f"latest_year ({self.latest_year})")
        return self

    @model_validator(mode="after")
    def _years_hold_dates(self) -> Settings:
        # Python's dates hold years 1-9999; the plan's quarters must be dates the data may name.
        if self.earliest_year < dt.MINYEAR or self.latest_year > dt.MAXYEAR:
            raise ValueError(f"earliest_year і latest_year мають бути в межах "
                             f"{dt.MINYEAR}–{dt.MAXYEAR}")
        if not self.earliest_year <= self.plan_first_year <= self.plan_last_year \
                <= self.latest_year:
            raise ValueError(f"роки плану ({self.plan_first_year}–{self.plan_last_year}) мають "
                             f"бути в межах earliest_year–latest_year ({self.earliest_year}–"
                             f"{self.latest_year})")
        return self

    def read_limits(self) -> ReadLimits:
        """The limits a source enforces while it reads (sources never see Settings)."""
        return ReadLimits(
            max_rows=self.max_rows_per_tab, max_columns=self.max_columns_per_tab,
            max_cell_chars=self.max_cell_chars, max_cells=self.max_used_range_cells,
            max_uncompressed_bytes=self.max_uncompressed_bytes,
            max_file_bytes=self.max_file_bytes, reader_memory_bytes=self.reader_memory_bytes,
            reader_seconds=self.reader_seconds,
        )

    @property
    def plan_years(self) -> tuple[int, int]:
        return (self.plan_first_year, self.plan_last_year)

    @property
    def accepted_years(self) -> tuple[int, int]:
        """The years a date or period in the data may name (earliest_year, latest_year)."""
        return (self.earliest_year, self.latest_year)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def today(self) -> dt.date:
        """Today in the council's time zone (Europe/Kyiv)."""
        return dt.datetime.now(self.tz).date()

    def now(self) -> dt.datetime:
        return dt.datetime.now(self.tz)


DEFAULT_SETTINGS = Settings()
DEMO_CONTACT_FIELDS = ("public_contact", "website")


def without_demo_contact(settings: Settings) -> Settings:
    """The settings for a workbook other than the demo: the demo council's public contact
    and website (the defaults) are dropped unless ``[odcore.council]`` sets them, so that a
    blank template never shows Zhmerynka's address."""
    council = settings.council
    unset = {name: "" for name in DEMO_CONTACT_FIELDS if name not in council.model_fields_set}
    if not unset:
        return settings
    return settings.model_copy(update={"council": council.model_copy(update=unset)})
