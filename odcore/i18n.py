"""The UI string catalogue: Ukrainian (the default) and English, in one place.

The interface, the rules' verdicts (compliance reasons, "fix first" actions, quality ratings,
indicator names) and the Issues' messages (odcore/issue_messages.py, merged in below) are
translated: a rule returns a :class:`Phrase` (a catalogue key with its values) or a code with
its values, and the page renders it in the session's language. What people typed (titles,
names, cell values, the spreadsheets' tab and column names quoted in «») stays as typed in
every language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from odcore.issue_messages import ISSUE_MESSAGES

LANGUAGES: tuple[str, ...] = ("uk", "en")
DEFAULT_LANGUAGE = "uk"
LANGUAGE_NAMES: dict[str, str] = {"uk": "Українська", "en": "English"}

# key -> (Ukrainian, English); ``{name}`` placeholders are filled by :func:`translate`. A text
# that depends on a number holds its plural forms separated by "|": Ukrainian one|few|many
# (1 проблема, 2 проблеми, 5 проблем), English one|other; see :func:`translate_count`.
CATALOGUE: dict[str, tuple[str, str]] = {
    # App shell
    "app.title": ("Відкриті дані громади", "Open data programme"),
    "nav.internal": ("Для команди програми", "For the programme team"),
    "nav.public": ("Для мешканців", "For residents"),
    "nav.oblast": ("Область", "Oblast"),
    "page.oblast": ("Громади області", "Hromadas of the oblast"),
    "oblast.title": ("Громади області", "Hromadas of the oblast"),
    "oblast.caption": ("Показники кожної громади з її останнього прочитання процесом "
                       "оновлення. Натисніть заголовок стовпця, щоб упорядкувати. «—» — "
                       "немає даних (наприклад, жодного оприлюдненого набору).",
                       "Each hromada's figures from its last read by the refresh worker. "
                       "Click a column header to sort. «—»: no data (e.g. no dataset "
                       "published)."),
    "oblast.no_councils": ("Файл громад не налаштовано.", "No councils file is configured."),
    "oblast.not_read": ("Ще не прочитано: {count}. Запустіть python -m odcore refresh.",
                        "Not read yet: {count}. Run python -m odcore refresh."),
    "oblast.col.name": ("Громада", "Hromada"),
    "oblast.col.link": ("Панель", "Dashboard"),
    "oblast.col.open": ("відкрити", "open"),
    "oblast.col.progress": ("Виконання плану, %", "Plan progress, %"),
    "oblast.col.compliance": ("Відповідають стандартам, %", "Compliant, %"),
    "oblast.col.overdue": ("Прострочені набори", "Overdue datasets"),
    "oblast.col.problems": ("Помилки в таблицях", "Data errors"),
    "oblast.col.read": ("Останнє успішне читання", "Last good read"),
    "oblast.col.error": ("Помилка читання", "Read error"),
    # Short headers of the roll-up's fixed-width columns; the long ones above are their help.
    "oblast.col.progress_short": ("План, %", "Plan, %"),
    "oblast.col.compliance_short": ("Стандарт, %", "Compliant, %"),
    "oblast.col.overdue_short": ("Прострочено", "Overdue"),
    "oblast.col.problems_short": ("Помилки", "Errors"),
    "oblast.col.read_short": ("Прочитано", "Read"),
    "oblast.col.error_short": ("Помилка", "Error"),
    "sidebar.council": ("Громада: {name}", "Hromada: {name}"),
    "sidebar.all_councils": ("Усі громади області", "All hromadas of the oblast"),
    "page.overview": ("Огляд", "Overview"),
    "page.plan": ("План заходів", "Action plan"),
    "page.department": ("Мій підрозділ", "My department"),
    "page.datasets": ("Набори даних", "Datasets"),
    "page.problems": ("Проблеми в таблицях", "Data problems"),
    "page.public_home": ("Про панель", "About"),
    "page.public_products": ("Продукти на відкритих даних", "Products on open data"),
    "page.public_catalogue": ("Каталог наборів даних", "Dataset catalogue"),
    "page.public_programme": ("Програма відкритих даних", "Open data programme"),
    "sidebar.language": ("Мова", "Language"),
    "sidebar.source": ("Джерело даних", "Data source"),
    "sidebar.demo": ("Демонстраційні дані: не справжні показники ради.",
                     "Demo data: not the council's real figures."),
    "sidebar.read_at": ("прочитано {when}", "read {when}"),
    "sidebar.not_read": ("не прочитано", "not read"),
    "sidebar.department_sheet": ("таблиця підрозділу «{department}»",
                                 "spreadsheet of «{department}»"),
    "sidebar.refresh": ("Оновити дані", "Refresh the data"),
    "sidebar.refresh_wait": ("Дані щойно оновлено; спробуйте ще раз за {seconds} с.",
                             "The data were just refreshed; try again in {seconds} s."),
    "sidebar.linked": ("Таблиці підрозділів ({count})", "Department spreadsheets ({count})"),
    "sidebar.data_as_of": ("Дані станом на {date}", "Data as of {date}"),
    "sidebar.test_server": (
        "Дані читаються з тестового сервера {server} ({variable}), а не з Google.",
        "Data are read from the test server {server} ({variable}), not from Google."),
    "load.kept_copy": (
        "Дані станом на {date}: зараз таблиці недоступні, тому показано збережену копію.",
        "Data as of {date}: the spreadsheets cannot be read now, so a kept copy is shown."),
    # Loading
    "load.config_error": ("Налаштування панелі містять помилку.",
                          "The dashboard's settings contain an error."),
    "load.config_unavailable": (
        "Панель тимчасово недоступна: її налаштування потребують уваги адміністратора. "
        "Спробуйте пізніше.",
        "The dashboard is temporarily unavailable: its settings need the administrator's "
        "attention. Please try again later."),
    "load.see_log": ("Подробиці записано в журнал сервера.",
                     "The details are in the server log."),
    "load.source_error": ("Не вдалося прочитати дані.", "The data could not be read."),
    "load.internal_error": (
        "Під час читання даних сталася внутрішня помилка. Подробиці записано в журнал сервера; "
        "повідомте розробників.",
        "An internal error occurred while reading the data. The details are in the server "
        "log; please tell the developers."),
    "load.unavailable": (
        "Дані тимчасово недоступні. Спробуйте пізніше.",
        "The data are temporarily unavailable. Please try again later."),
    "load.fix_hint": (
        "Виправте це і оновіть сторінку. Без налаштувань панель показує демонстраційні дані.",
        "Fix this and reload the page. Without settings the dashboard shows the demo data."),
    "load.spinner": ("Читаємо таблиці…", "Reading the spreadsheets…"),
    # Common words
    "table.download_csv": ("Завантажити таблицю (CSV)", "Download the table (CSV)"),
    "common.as_of": ("станом на {date}", "as of {date}"),
    "common.as_of_quarter": ("станом на {date} (кінець {quarter})",
                             "as of {date} (end of {quarter})"),
    "common.no_data": ("немає даних", "no data"),
    "common.points_change": ("{points} п.п. від кінця попереднього кварталу",
                             "{points} pp since the end of the previous quarter"),
    "common.all": ("усі", "all"),
    "common.none": ("—", "—"),
    "common.yes": ("так", "yes"),
    "common.no": ("ні", "no"),
    "common.no_department": ("Без підрозділу", "No department"),
    "common.whole_spreadsheet": ("Уся таблиця", "The whole spreadsheet"),
    # The as_of picker
    "asof.label": ("Станом на дату", "As of"),
    "asof.quick": ("Швидкий вибір", "Quick choice"),
    "asof.quick_placeholder": ("Кінець кварталу плану…", "End of a plan quarter…"),
    "asof.today": ("Сьогодні", "Today"),
    "asof.quarter_end": ("Кінець {quarter} ({date})", "End of {quarter} ({date})"),
    # States (one scheme: odcore/ui/charts.py)
    "state.done": ("виконано", "done"),
    "state.on_track": ("за графіком", "on track"),
    "state.fulfilled": ("виконано за період", "fulfilled"),
    "state.in_progress": ("в роботі", "in progress"),
    "state.not_started": ("не розпочато", "not started"),
    "state.deadline": ("строк попереду", "deadline ahead"),
    "state.overdue": ("прострочено", "overdue"),
    "state.behind": ("відстає", "behind"),
    "state.missed": ("пропущено", "missed"),
    "state.not_due": ("строк ще не настав", "not yet due"),
    "state.not_applicable": ("не застосовується", "not applicable"),
    "state.none": ("без строку в цьому кварталі", "no deadline this quarter"),
    "chart.state": ("Стан", "State"),
    # Schedules
    "schedule.one_off": ("одноразове", "one-off"),
    "schedule.quarterly": ("щоквартальне", "quarterly"),
    "schedule.yearly": ("щорічне", "yearly"),
    "schedule.continuous": ("постійне", "continuous"),
    # Indicators (RULES.md "Indicators measured from the data")
    "indicator.datasets_compliant_share": ("Набори, що відповідають стандартам",
                                           "Datasets meeting the standards"),
    "indicator.register_complete_share": ("Повнота реєстру наборів", "Register completeness"),
    "indicator.quality_checked_share": ("Перевірені за останній квартал",
                                        "Checked in the latest quarter"),
    "indicator.recommendations_resolved_share": ("Виконані рекомендації перевірок",
                                                 "Check recommendations resolved"),
    "indicator.stewards_trained_share": ("Навчені відповідальні особи", "Trained stewards"),
    "indicator.publications_quarter_share": ("Квартали з публікаціями про дані",
                                             "Quarters with a publication"),
    "indicator.products_public": ("Публічні продукти на відкритих даних",
                                  "Public products on open data"),
    "indicator.charter_joined": ("Приєднання до Хартії відкритих даних",
                                 "Open Data Charter joined"),
    "indicator.grant_applications": ("Подані заявки на гранти", "Grant applications"),
    "indicator.target": ("ціль {op} {target}", "target {op} {target}"),
    "indicator.met": ("✓ досягнуто", "✓ met"),
    "indicator.not_met": ("✗ не досягнуто", "✗ not met"),
    "indicator.undefined": ("немає даних для оцінки", "cannot be assessed yet"),
    # Overview
    "overview.title": ("Огляд програми відкритих даних", "Open data programme overview"),
    "overview.plan_progress": ("Виконання плану заходів", "Action plan progress"),
    "datasets.card_closed": ("Квартал закрито {when}: це файл, збережений під час закриття.",
                             "The quarter was closed on {when}: this is the file kept then."),
    "overview.change_closed": ("за закритим {quarter}", "from the closed {quarter}"),
    "overview.change_live": ("за поточними даними: {quarter} не закрито",
                             "from current data: {quarter} is not closed"),
    "overview.indicators": ("Показники з даних", "Indicators measured from the data"),
    "overview.owed": ("Прострочені та відстаючі завдання", "Overdue and behind tasks"),
    "overview.owed_none": ("Прострочених і відстаючих завдань немає.",
                           "No task is overdue or behind."),
    "overview.discrepancies": ("Звіт і дані не збігаються", "Reports and data disagree"),
    "overview.discrepancy": (
        "Завдання {code}: останній звіт каже «Виконано», але показник «{indicator}» "
        "не досягнуто ({value}; {target}).",
        "Task {code}: the latest report says «Виконано» (done), but the indicator "
        "«{indicator}» is not met ({value}; {target})."),
    "overview.sections": ("Виконання за розділами плану", "Progress by plan section"),
    "overview.departments": ("Виконання за підрозділами", "Progress by department"),
    "overview.grid": ("Завдання за кварталами", "Tasks by quarter"),
    "overview.grid_alt": ("Сітка: рядки — завдання плану, стовпці — квартали, колір і знак — "
                          "стан завдання у кварталі.",
                          "Grid: rows are plan tasks, columns are quarters, colour and symbol "
                          "give the task's state in the quarter."),
    "overview.bars_alt": ("Стовпчикова діаграма виконання у відсотках.",
                          "Bar chart of progress in percent."),
    # Overview: the people and events behind the indicators, the news draft (odcore/ui/talks.py)
    "overview.events": ("Заходи з бізнесом, громадськістю та у програмах",
                        "Events with business, the public and in programmes"),
    "overview.people": ("Навчання відповідальних осіб", "Training of the responsible persons"),
    "overview.news": ("Чернетка новини за квартал", "The quarter's news post draft"),
    "talks.events_total": ("Заходів станом на дату", "Events by the date"),
    "talks.events_none": ("Жодного заходу з цим завданням у вкладці «Заходи».",
                          "No event in the «Заходи» tab names this task."),
    "talks.events_no_tab": ("Вкладки «Заходи» немає: заходи не пораховано.",
                            "There is no «Заходи» tab: events are not counted."),
    "talks.events_no_tasks": ("У налаштуваннях не вказано завдань для заходів (event_tasks).",
                              "The settings name no tasks for events (event_tasks)."),
    "talks.events_list": ("Список: {count} захід|Список: {count} заходи|Список: {count} заходів",
                          "List: {count} event|List: {count} events"),
    "talks.open": ("відкрити", "open"),
    "talks.col.quarter": ("Квартал", "Quarter"),
    "talks.col.total": ("Усього", "Total"),
    "talks.col.date": ("Дата", "Date"),
    "talks.col.title": ("Назва", "Name"),
    "talks.col.kind": ("Тип", "Type"),
    "talks.col.outcome": ("Результат", "Result"),
    "talks.col.url": ("Посилання", "Link"),
    "talks.col.person": ("Особа", "Person"),
    "talks.col.departments": ("Підрозділ", "Department"),
    "talks.col.datasets": ("Набори", "Datasets"),
    "talks.chief_unnamed": (
        "Завдання 2.1: головного спеціаліста з відкритих даних не вказано. Впишіть його ПІБ, "
        "як у вкладці «Навчання», у ключ chief_specialist розділу [odcore] файлу "
        "secrets.toml.",
        "Task 2.1: no chief specialist for open data is named. Write their name, as in the "
        "«Навчання» tab, into chief_specialist of [odcore] in secrets.toml."),
    "talks.chief_no_tab": ("Завдання 2.1: вкладки «Навчання» немає, тож не видно, чи {name} "
                           "пройшов(-ла) курс.",
                           "Task 2.1: there is no «Навчання» tab, so whether {name} took a "
                           "course cannot be seen."),
    "talks.chief_trained": (
        "Завдання 2.1: головний спеціаліст {name} пройшов(-ла) {count} курс: {courses}."
        "|Завдання 2.1: головний спеціаліст {name} пройшов(-ла) {count} курси: {courses}."
        "|Завдання 2.1: головний спеціаліст {name} пройшов(-ла) {count} курсів: {courses}.",
        "Task 2.1: the chief specialist {name} took {count} course: {courses}."
        "|Task 2.1: the chief specialist {name} took {count} courses: {courses}."),
    "talks.chief_untrained": (
        "Завдання 2.1: головний спеціаліст {name} ще не пройшов(-ла) жодного курсу "
        "(у вкладці «Навчання» немає рядка з цим ПІБ).",
        "Task 2.1: the chief specialist {name} has not taken a course yet (no row of "
        "«Навчання» names them)."),
    "talks.untrained_no_tab": ("Вкладки «Навчання» немає: не видно, хто навчався.",
                               "There is no «Навчання» tab: who was trained cannot be seen."),
    "talks.untrained_none": (
        "Завдання 2.2: {count} відповідальна особа пройшла навчання."
        "|Завдання 2.2: усі {count} відповідальні особи пройшли навчання."
        "|Завдання 2.2: усі {count} відповідальних осіб пройшли навчання.",
        "Task 2.2: the {count} responsible person has taken a course."
        "|Task 2.2: all {count} responsible persons have taken a course."),
    "talks.untrained_count": (
        "Завдання 2.2: ще не навчалися **{untrained}** з {stewards} відповідальних осіб "
        "реєстру наборів даних:",
        "Task 2.2: **{untrained}** of the register's {stewards} responsible persons have "
        "not taken a course yet:"),
    "talks.untrained_how": (
        "ПІБ порівнюються без урахування регістру, пробілів і апострофів; рядок «Навчання» з "
        "помилкою не враховується.",
        "Names are compared ignoring case, spaces and apostrophes; a «Навчання» row with an "
        "error does not count."),
    "talks.news_quarter": ("Квартал", "Quarter"),
    "talks.news_docx": ("Чернетка (.docx)", "Draft (.docx)"),
    "talks.news_markdown": ("Чернетка (Markdown)", "Draft (Markdown)"),
    "talks.news_not_ended": ("Квартал ще триває: чернетку складено за теперішніми даними "
                             "станом на {date}.",
                             "The quarter has not ended: the draft uses today's data as of "
                             "{date}."),
    "talks.news_what": (
        "Нові й оновлені за квартал набори даних, нові продукти партнерів, показники простими "
        "словами і запрошення пропонувати продукти. Лише публічні поля; нічого не публікується "
        "автоматично — відредагуйте текст перед розміщенням на вебсайті.",
        "The quarter's new and updated datasets, new partner products, the figures in plain "
        "words and an invitation to propose products. Public fields only; nothing is "
        "published automatically: edit the text before putting it on the website."),
    "col.code": ("Код", "Code"),
    "col.task": ("Завдання", "Task"),
    "col.section": ("Розділ", "Section"),
    "col.department": ("Підрозділ", "Department"),
    "period.quarter": ("{quarter} {year}", "{quarter} {year}"),
    "period.q1": ("I кв.", "Q1"),
    "period.q2": ("II кв.", "Q2"),
    "period.q3": ("III кв.", "Q3"),
    "period.q4": ("IV кв.", "Q4"),
    "department.unknown_label": ("⚠ {name} (невідомий підрозділ)",
                                 "⚠ {name} (unknown department)"),
    "col.departments": ("Виконавці, що винні", "Executors who owe it"),
    "col.executors": ("Виконавці", "Executors"),
    "col.progress": ("Виконання", "Progress"),
    "col.state": ("Стан", "State"),
    "col.missed": ("Пропущені періоди", "Missed periods"),
    "col.overdue_since": ("Строк минув", "Deadline passed"),
    "col.tasks": ("Завдання", "Tasks"),
    "col.quarter": ("Квартал", "Quarter"),
    "col.schedule": ("Графік", "Schedule"),
    "col.deadline": ("Строк виконання", "Deadline"),
    "col.latest": ("Останній звіт", "Latest report"),
    "col.evidence": ("Підтвердження", "Evidence"),
    "col.indicator": ("Показник", "Indicator"),
    "col.discrepancy": ("Розбіжність", "Discrepancy"),
    "col.cell": ("Рядок у таблиці", "Row in the spreadsheet"),
    "col.kpi": ("Ключові показники", "Key indicators"),
    "col.period": ("Період", "Period"),
    "col.status": ("Статус", "Status"),
    "col.done": ("Що зроблено", "What was done"),
    "col.reported_on": ("Дата звіту", "Report date"),
    "col.what": ("Що потрібно", "What is needed"),
    # Plan page
    "plan.title": ("План заходів", "Action plan"),
    "plan.filter_section": ("Розділ", "Section"),
    "plan.filter_department": ("Виконавець", "Executor"),
    "plan.filter_state": ("Стан", "State"),
    "plan.count": ("{count} завдання з {total}|{count} завдання з {total}|{count} завдань з {total}",
                   "{count} task of {total}|{count} tasks of {total}"),
    "plan.none": ("Жодне завдання не відповідає фільтрам.", "No task matches the filters."),
    "plan.detail": ("Завдання докладно", "Task details"),
    "plan.detail_placeholder": ("Виберіть завдання…", "Choose a task…"),
    "plan.periods": ("Періоди, за які настав строк", "Periods that are due"),
    "plan.history": ("Звіти за кварталами", "Reports by quarter"),
    "plan.no_reports": ("Звітів про це завдання ще немає.", "No report on this task yet."),
    # Department page
    "department.title": ("Мій підрозділ", "My department"),
    "department.choose": ("Підрозділ", "Department"),
    "department.placeholder": ("Виберіть свій підрозділ…", "Choose your department…"),
    "department.pick": ("Виберіть підрозділ, щоб побачити його завдання, звіти та проблеми в "
                        "таблицях.",
                        "Choose a department to see its tasks, reports and data problems."),
    "department.progress": ("Виконання завдань підрозділу", "The department's task progress"),
    "department.to_report": ("Ще треба прозвітувати", "Still to report"),
    "department.to_report_none": ("Усі звіти подано.", "Every report is in."),
    "department.no_report": ("немає звіту підрозділу за {quarter}",
                             "no report from the department for {quarter}"),
    "department.not_done": ("ще не виконано", "not done yet"),
    "department.overdue": ("Прострочене", "Overdue"),
    "department.overdue_none": ("Прострочених завдань немає.", "Nothing is overdue."),
    "department.tasks": ("Завдання підрозділу", "The department's tasks"),
    "department.tasks_none": ("План не називає цей підрозділ виконавцем жодного завдання.",
                              "The plan names this department as the executor of no task."),
    "department.problems": ("Проблеми в таблицях підрозділу", "Problems in its spreadsheets"),
    "report_form.title": ("Подати звіт", "File a report"),
    "report_form.intro": (
        "Звіт допишеться новим рядком у вкладку «Звіти» ({place}). Рядки форма не змінює й не "
        "видаляє: виправлення — це новий звіт, враховується пізніший.",
        "The report is appended as a new row to the «Звіти» tab ({place}). The form never edits "
        "or deletes a row: a correction is a new report, and the later one counts."),
    "report_form.not_allowed": (
        "Подати звіт за цей підрозділ можуть лише його працівники та координатори.",
        "Only this department's staff and the coordinators can file its reports."),
    "report_form.no_tasks": ("План не називає цей підрозділ виконавцем жодного завдання, тож "
                             "звітувати нема про що.",
                             "The plan names this department as executor of no task: there "
                             "is nothing to report on."),
    "report_form.task": ("Завдання", "Task"),
    "report_form.period": ("Період", "Period"),
    "report_form.status": ("Статус", "Status"),
    "report_form.status_placeholder": ("Виберіть статус…", "Choose a status…"),
    "report_form.progress": ("Прогрес, %", "Progress, %"),
    "report_form.progress_help": ("Від 0 до 100. Порожньо — не вказувати.",
                                  "From 0 to 100. Empty: not given."),
    "report_form.evidence": ("Підтвердження (посилання http:// або https://)",
                             "Evidence (an http:// or https:// link)"),
    "report_form.comment": ("Що зроблено", "What was done"),
    "report_form.submit": ("Подати звіт", "File the report"),
    "report_form.refused": ("Звіт не подано ({place}, новий рядок):",
                            "The report was not filed ({place}, a new row):"),
    "report_form.changed": ("Звіт не подано: книгу змінено після того, як панель її прочитала.",
                            "Not filed: the workbook changed after the dashboard read it."),
    "report_form.failed": ("Звіт не подано: {detail}", "Not filed: {detail}"),
    "report_form.done": ("Звіт подано: {place}, рядок {row}, ID {report_id}.",
                         "Report filed: {place}, row {row}, ID {report_id}."),
    "report_form.done_already": (
        "Цей звіт уже є у вкладці ({place}, ID {report_id}): вдруге його не записано.",
        "This report is already in the tab ({place}, ID {report_id}): not written twice."),
    "report_form.backup": ("Попередню версію книги збережено: {path}.",
                           "The workbook's previous version was kept: {path}."),
    "report_form.recent": ("Останні звіти підрозділу", "The department's latest reports"),
    "report_form.recent_none": ("Звітів підрозділу ще немає.",
                                "The department has no reports yet."),
    "report_form.col.task": ("Завдання", "Task"),
    "report_form.col.period": ("Період", "Period"),
    "report_form.col.status": ("Статус", "Status"),
    "report_form.col.progress": ("Прогрес", "Progress"),
    "report_form.col.reported_on": ("Дата звіту", "Report date"),
    "report_form.col.submitted_by": ("Хто подав", "Filed by"),
    "report_form.col.submitted_at": ("Час подання", "Filed at"),
    "report_form.col.report_id": ("ID звіту", "Report ID"),
    # Datasets page
    "datasets.title": ("Набори даних", "Datasets"),
    "datasets.tile.published": ("Оприлюднено з усіх у реєстрі", "Published of all registered"),
    "datasets.tile.compliant": ("Відповідають стандартам", "Meet the standards"),
    "datasets.tile.overdue": ("Не оновлено вчасно", "Not updated on time"),
    "datasets.tile.not_evaluable": ("Не оцінюються за строком", "Timeliness not evaluable"),
    "datasets.tile.mandatory": ("Оприлюднено обовʼязкових", "Mandatory datasets published"),
    "datasets.tile.stars": ("Середня відкритість, зірок", "Average openness, stars"),
    "datasets.restricted_apart": (
        "Набори зі статусом «Обмежено» ({count}) рахуються окремо і не входять у частки.",
        "Datasets with status «Обмежено» (restricted, {count}) are counted apart, outside "
        "every share."),
    "datasets.by_department": ("Відповідність стандартам за розпорядниками",
                               "Compliance by department"),
    "datasets.compliance_alt": ("Стовпчикова діаграма частки наборів, що відповідають "
                                "стандартам, за розпорядниками.",
                                "Bar chart of the share of compliant datasets by department."),
    "datasets.unknown_departments": (
        "Розпорядники, яких немає у вкладці «Підрозділи», показано окремими рядками: це "
        "помилки в даних, а не окремі підрозділи.",
        "Departments missing from «Підрозділи» are shown as rows of their own: these are data "
        "problems, not departments."),
    "datasets.register_today": (
        "Статус і дати оновлення — з реєстру, яким він є сьогодні: таблиця не зберігає історії.",
        "Status and update dates come from the register as it is today: the workbook keeps no "
        "history."),
    "datasets.none_published": ("Оприлюднених наборів ще немає.",
                                "No dataset is published yet."),
    "datasets.trend": ("Динаміка за кварталами", "Quarter by quarter"),
    "datasets.trend_note": (
        "Кількість наборів, оприлюднених до кінця кварталу (за «Дата першого оприлюднення»), "
        "і частка перевірок кварталу, що пройшли. Ціль {target} стосується частки наборів, "
        "що відповідають стандартам, а не цих рядків.",
        "Datasets published by each quarter's end (from «Дата першого оприлюднення») and the "
        "share of that quarter's checks that passed. The {target} target belongs to the "
        "compliant share, not to these lines."),
    "datasets.trend_alt": ("Стовпчикова діаграма кількості оприлюднених наборів за "
                           "кварталами.", "Bar chart of published datasets by quarter."),
    "datasets.trend_none": ("Жоден квартал плану ще не минув.",
                            "No plan quarter has ended yet."),
    "datasets.overdue": ("Не оновлено вчасно", "Not updated on time"),
    "datasets.overdue_none": ("Усі оприлюднені набори оновлено вчасно.",
                              "Every published dataset is up to date."),
    "datasets.todo": ("Що виправити насамперед", "What to fix first"),
    "datasets.todo_note": ("Для кожного набору — одна зміна, що дасть найбільше: спершу ті, "
                           "після яких набір відповідатиме стандартам.",
                           "One change per dataset, the one that helps most: first those that "
                           "make the dataset compliant."),
    "datasets.todo_none": ("Виправляти нічого не потрібно.", "Nothing needs fixing."),
    "datasets.register": ("Реєстр наборів даних", "The register of datasets"),
    "datasets.search": ("Пошук за назвою, ID, описом, ключовими словами",
                        "Search by title, ID, description, keywords"),
    "datasets.filter_department": ("Розпорядник", "Department"),
    "datasets.filter_status": ("Статус", "Status"),
    "datasets.filter_format": ("Формат", "Format"),
    "datasets.filter_compliant": ("Відповідає стандартам", "Meets the standards"),
    "datasets.filter_overdue": ("Не оновлено вчасно", "Not updated on time"),
    "datasets.count": ("{count} набір з {total}|{count} набори з {total}|{count} наборів з {total}",
                       "{count} dataset of {total}|{count} datasets of {total}"),
    "datasets.none_match": ("Жоден набір не відповідає пошуку й фільтрам.",
                            "No dataset matches the search and filters."),
    "datasets.detail": ("Набір докладно", "Dataset details"),
    "datasets.detail_placeholder": ("Виберіть набір…", "Choose a dataset…"),
    "datasets.reasons": ("Чому не відповідає стандартам", "Why it does not meet the standards"),
    "datasets.compliant_yes": ("Набір відповідає стандартам.", "The dataset meets the standards."),
    "datasets.fix_first": ("Насамперед: {action}", "First: {action}"),
    "datasets.checks": ("Перевірки якості", "Quality checks"),
    "datasets.no_checks": ("Перевірок якості ще не було.", "No quality check yet."),
    "datasets.open_recommendations": ("Невиконані рекомендації останньої перевірки: {text}",
                                      "Open recommendations of the latest check: {text}"),
    "datasets.open_portal": ("Відкрити на порталі", "Open on the portal"),
    "datasets.on_time": ("вчасно", "on time"),
    "datasets.overdue_days": ("прострочено на {days} дн.", "{days} days overdue"),
    "datasets.overdue_no_date": ("прострочено: немає дати оновлення",
                                 "overdue: no update date"),
    "datasets.not_evaluable_short": ("не оцінюється", "not evaluable"),
    "datasets.downloads": ("Звітність", "Reports"),
    "datasets.card_quarter": ("Квартал картки оцінки", "Quarter of the score card"),
    "datasets.download_card": ("Завантажити картку оцінки (.xlsx)",
                               "Download the score card (.xlsx)"),
    "datasets.no_due_quarter": ("Картка буде доступна після першого кварталу плану.",
                                "The score card is available after the plan's first quarter."),
    "datasets.download_register": ("Завантажити реєстр як відкриті дані (.zip)",
                                   "Download the register as open data (.zip)"),
    "datasets.register_note": (
        "CSV, JSON і файл структури за рекомендованою структурою Мінцифри (додаток 7), для "
        "завантаження на data.gov.ua. Містить контактних осіб: не для публічних сторінок.",
        "CSV, JSON and the structure file in the Ministry's recommended structure (annex 7), "
        "ready for data.gov.ua. It holds contact points: not for public pages."),
    "datasets.register_issues": ("Чого бракує реєстру перед завантаженням ({count})",
                                 "What the register lacks before upload ({count})"),
    "datasets.col.id": ("ID", "ID"),
    "datasets.col.title": ("Назва", "Title"),
    "datasets.col.department": ("Розпорядник", "Department"),
    "datasets.col.status": ("Статус", "Status"),
    "datasets.col.formats": ("Формати", "Formats"),
    "datasets.col.stars": ("Зірки відкритості", "Openness stars"),
    "datasets.col.compliant": ("Відповідає", "Compliant"),
    "datasets.col.timeliness": ("Оновлення", "Timeliness"),
    "datasets.col.next_due": ("Наступне оновлення до", "Next update due"),
    "datasets.col.reasons": ("Причини невідповідності", "Reasons"),
    "datasets.col.points": ("Бали якості", "Quality points"),
    "datasets.col.steward": ("Відповідальна особа", "Steward"),
    "datasets.col.steward_email": ("Email відповідальної особи", "Steward's e-mail"),
    "datasets.col.portal": ("Портал", "Portal"),
    "datasets.col.cell": ("Рядок у таблиці", "Row in the spreadsheet"),
    "datasets.col.frequency": ("Частота оновлення", "Update frequency"),
    "datasets.col.last_updated": ("Останнє оновлення", "Last updated"),
    "datasets.col.days": ("Днів прострочено", "Days overdue"),
    "datasets.col.action": ("Що зробити", "What to do"),
    "datasets.col.becomes_compliant": ("Після цього відповідатиме", "Then compliant"),
    "datasets.col.license": ("Ліцензія", "Licence"),
    "datasets.col.share": ("Частка відповідних", "Compliant share"),
    "datasets.col.compliant_of": ("Відповідні", "Compliant"),
    "datasets.col.compliant_of_help": ("Відповідних стандарту з оприлюднених",
                                       "Meeting the standard, of those published"),
    "datasets.col.overdue_count": ("Не оновлено вчасно", "Not updated on time"),
    "datasets.col.published_by_end": ("Оприлюднено до кінця кварталу",
                                      "Published by the quarter's end"),
    "datasets.col.published_short": ("Оприлюднено", "Published"),
    "datasets.col.checks": ("Перевірок", "Checks"),
    "datasets.col.checks_passed": ("Частка перевірок, що пройшли", "Checks passed"),
    "datasets.col.period": ("Період", "Period"),
    "datasets.col.findings": ("Зауваження", "Findings"),
    "datasets.col.recommendations": ("Рекомендації", "Recommendations"),
    "datasets.col.resolved": ("Рекомендації виконано", "Recommendations resolved"),
    "datasets.col.checked_on": ("Дата перевірки", "Checked on"),
    # Rule verdicts: compliance reasons, "fix first" actions, quality ratings, indicator names.
    # Rules return these keys with their values (odcore/rules/reasons.py, mqa.py,
    # indicators.py); {column} is a header and {status} a status as the schema declares them,
    # quoted as typed in the spreadsheets in every language. The score card and the register
    # export render them in Ukrainian; the pages in the session's language.
    "reason.restricted": (
        "Доступ обмежено законом (статус «{status}»): набір не оцінюється.",
        "Access is restricted by law (status «{status}»): the dataset is not assessed."),
    "reason.not_published": (
        "Набір не оприлюднено: статус не «{status}».",
        "The dataset is not published: its status is not «{status}»."),
    "reason.not_yet_published": (
        "На цю дату набір ще не оприлюднено: «{column}» пізніша.",
        "The dataset is not yet published at this date: its «{column}» is later."),
    "reason.no_portal_url": (
        "Немає правильного посилання на сторінку набору на порталі (стовпець «{column}»).",
        "There is no valid link to the dataset's page on the portal (column «{column}»)."),
    "reason.not_machine_readable": (
        "Немає машиночитного формату (CSV, JSON, XML, XLSX, …) у стовпці «{column}».",
        "There is no machine-readable format (CSV, JSON, XML, XLSX, …) in the column "
        "«{column}»."),
    "reason.closed_license": (
        "Ліцензія закрита (некомерційна, без похідних творів або «усі права захищені»); "
        "вкажіть відкриту, наприклад {example}.",
        "The licence is closed (non-commercial, no derivatives, or all rights reserved); "
        "name an open one, such as {example}."),
    "reason.missing_title": ("Не заповнено «{column}».",
                             "The title is not filled in (column «{column}»)."),
    "reason.missing_description": ("Не заповнено «{column}».",
                                   "The description is not filled in (column «{column}»)."),
    "reason.missing_purpose": (
        "Не заповнено «{column}».",
        "The legal basis and purpose are not filled in (column «{column}»)."),
    "reason.missing_keywords": ("Не заповнено «{column}».",
                                "The keywords are not filled in (column «{column}»)."),
    "reason.missing_department": ("Не заповнено «{column}».",
                                  "The publisher is not filled in (column «{column}»)."),
    "reason.missing_update_frequency": (
        "Не заповнено «{column}».",
        "The update frequency is not filled in (column «{column}»)."),
    "reason.missing_license": ("Не заповнено «{column}».",
                               "The licence is not filled in (column «{column}»)."),
    "reason.missing_formats": ("Не заповнено «{column}».",
                               "The formats are not filled in (column «{column}»)."),
    "reason.overdue": ("Не оновлено вчасно: минув строк за частотою оновлення.",
                       "Not updated on time: the interval of its update frequency has passed."),
    "reason.failed_check": (
        "Остання перевірка якості: не відповідає стандартам, рекомендації не виконано.",
        "The latest quality check: it does not meet the standards and the recommendations "
        "are not resolved."),
    "reason.structure_mismatch": (
        "Файл ресурсу не відповідає рекомендованій структурі Мінцифри (стовпці або значення).",
        "A resource file does not follow the Ministry's recommended structure (columns or "
        "values)."),
    "fix.not_published": (
        "Оприлюдніть набір на порталі і змініть статус на «{status}».",
        "Publish the dataset on the portal and change its status to «{status}»."),
    "fix.no_portal_url": (
        "Вставте посилання на сторінку набору на data.gov.ua у стовпець «{column}».",
        "Paste the link to the dataset's page on data.gov.ua into the column «{column}»."),
    "fix.not_machine_readable": (
        "Додайте ресурс у машиночитному форматі (CSV, JSON або XML) і впишіть формат у "
        "стовпець «{column}».",
        "Add a resource in a machine-readable format (CSV, JSON or XML) and write the format "
        "in the column «{column}»."),
    "fix.closed_license": ("Змініть ліцензію на відкриту, наприклад {example}.",
                           "Change the licence to an open one, such as {example}."),
    "fix.missing_title": ("Заповніть «{column}».", "Fill in the title (column «{column}»)."),
    "fix.missing_description": ("Заповніть «{column}».",
                                "Fill in the description (column «{column}»)."),
    "fix.missing_purpose": ("Заповніть «{column}».",
                            "Fill in the legal basis and purpose (column «{column}»)."),
    "fix.missing_keywords": ("Заповніть «{column}».",
                             "Fill in the keywords (column «{column}»)."),
    "fix.missing_department": ("Заповніть «{column}».",
                               "Fill in the publisher (column «{column}»)."),
    "fix.missing_update_frequency": ("Заповніть «{column}».",
                                     "Fill in the update frequency (column «{column}»)."),
    "fix.missing_license": ("Вкажіть ліцензію, наприклад {example}.",
                            "Name a licence, such as {example}."),
    "fix.missing_formats": (
        "Впишіть формати ресурсів, серед них машиночитний (CSV, JSON, XML).",
        "Write the resources' formats, a machine-readable one among them (CSV, JSON, XML)."),
    "fix.overdue": ("Оновіть набір на порталі і впишіть дату у «{column}».",
                    "Update the dataset on the portal and write the date in «{column}»."),
    "fix.failed_check": (
        "Виконайте рекомендації останньої перевірки якості і позначте «{column}» = так.",
        "Carry out the latest quality check's recommendations and set «{column}» to «так» "
        "(yes)."),
    "mqa.rating.excellent": ("Відмінна", "Excellent"),
    "mqa.rating.good": ("Добра", "Good"),
    "mqa.rating.sufficient": ("Достатня", "Sufficient"),
    "mqa.rating.bad": ("Недостатня", "Insufficient"),
    "mqa.dimension.findability": ("Знаходжуваність", "Findability"),
    "mqa.dimension.accessibility": ("Доступність", "Accessibility"),
    "mqa.dimension.interoperability": ("Сумісність", "Interoperability"),
    "mqa.dimension.reusability": ("Придатність до повторного використання", "Reusability"),
    "mqa.dimension.contextuality": ("Контекст", "Contextuality"),
    "mqa.criterion.keywords": ("Ключові слова", "Keywords"),
    "mqa.criterion.description": ("Опис", "Description"),
    "mqa.criterion.portal_url": ("Посилання на портал", "Link to the portal"),
    "mqa.criterion.formats": ("Формати вказано", "Formats given"),
    "mqa.criterion.formats_known": ("Усі формати з переліку", "Every format in the list"),
    "mqa.criterion.machine_readable": ("Машиночитний формат", "Machine-readable format"),
    "mqa.criterion.non_proprietary": ("Відкритий (непропрієтарний) формат",
                                      "Open (non-proprietary) format"),
    "mqa.criterion.license": ("Ліцензію вказано", "Licence given"),
    "mqa.criterion.open_license": ("Відкрита ліцензія", "Open licence"),
    "mqa.criterion.contact": ("Відповідальна особа або e-mail", "Steward or e-mail"),
    "mqa.criterion.department": ("Розпорядник", "Publisher"),
    "mqa.criterion.purpose": ("Підстава та призначення", "Legal basis and purpose"),
    "mqa.criterion.update_frequency": ("Частота оновлення", "Update frequency"),
    "mqa.criterion.last_updated": ("Дата останнього оновлення", "Last update date"),
    "mqa.criterion.first_published": ("Дата першого оприлюднення", "First publication date"),
    "mqa.criterion.on_time": ("Оновлено вчасно", "Updated on time"),
    "indicator.title.datasets_compliant_share": ("Частка наборів, що відповідають стандартам",
                                                 "Share of datasets meeting the standards"),
    "indicator.title.register_complete_share": ("Повнота реєстру наборів даних",
                                                "Completeness of the dataset register"),
    "indicator.title.quality_checked_share": (
        "Частка наборів, перевірених за останній квартал",
        "Share of datasets checked in the latest quarter"),
    "indicator.title.recommendations_resolved_share": (
        "Частка виконаних рекомендацій перевірок",
        "Share of quality check recommendations resolved"),
    "indicator.title.stewards_trained_share": ("Частка навчених відповідальних осіб",
                                               "Share of stewards trained"),
    "indicator.title.publications_quarter_share": (
        "Частка кварталів з публікацією про дані",
        "Share of quarters with a publication about the data"),
    "indicator.title.products_public": ("Публічні продукти на відкритих даних",
                                        "Public products built on open data"),
    "indicator.title.charter_joined": ("Приєднання до Міжнародної хартії відкритих даних",
                                       "Joining the International Open Data Charter"),
    "indicator.title.grant_applications": ("Подані заявки на гранти",
                                           "Grant applications submitted"),
    # End of the rule verdicts. The Issue codes' messages: odcore/issue_messages.py.
    **ISSUE_MESSAGES,
    # Severities
    "severity.error": ("Помилка", "Error"),
    "severity.warning": ("Попередження", "Warning"),
    "severity.info": ("Інформація", "Information"),
    "severity.errors": ("Помилки", "Errors"),
    "severity.warnings": ("Попередження", "Warnings"),
    "severity.infos": ("Інформаційні", "Information"),
    # Data-problems page
    "problems.title": ("Проблеми в таблицях", "Problems in the spreadsheets"),
    "problems.intro": (
        "Кожен рядок — одна клітинка чи вкладка, яку треба виправити: де саме і що написати "
        "натомість. Помилкові рядки не враховуються в показниках, доки їх не виправлено.",
        "Each row is one cell or tab to fix: where it is and what to write instead. Rows with "
        "errors are left out of the figures until they are fixed."),
    "problems.severity_filter": ("Які проблеми показати", "Which problems to show"),
    "problems.department_filter": ("Підрозділ", "Department"),
    "problems.none": ("Проблем не знайдено.", "No problems found."),
    "problems.none_selected": ("Серед вибраних проблем немає жодної.",
                               "None of the selected kinds of problem were found."),
    "problems.group_count": ("{count} проблема|{count} проблеми|{count} проблем",
                             "{count} problem|{count} problems"),
    "problems.as_table": ("Таблицею (для копіювання)", "As a table (for copying)"),
    "problems.page": ("Сторінка", "Page"),
    "problems.page_range": ("{first}–{last} з {total}", "{first}–{last} of {total}"),
    "problems.col.severity": ("Важливість", "Severity"),
    "problems.col.spreadsheet": ("Таблиця", "Spreadsheet"),
    "problems.col.tab": ("Вкладка", "Tab"),
    "problems.col.row": ("Рядок", "Row"),
    "problems.col.column": ("Стовпець", "Column"),
    "problems.col.cell": ("Клітинка", "Cell"),
    "problems.col.value": ("Значення", "Value"),
    "problems.col.message": ("Що виправити", "What to fix"),
    "problems.col.link": ("Відкрити клітинку", "Open the cell"),
    "problems.col.code": ("Код", "Code"),
    # Public home
    "public.title": ("Панель програми відкритих даних", "Open data programme dashboard"),
    "public.intro": (
        "{council} виконує план заходів з відкритих даних. Ця панель показує, як просувається "
        "програма: які набори даних оприлюднено, які сервіси на них збудовано і що зроблено "
        "за планом.",
        "{council} carries out an open data action plan. This dashboard shows how the "
        "programme is going: which datasets are published, which services are built on them "
        "and what the plan has achieved."),
    "public.portal": ("Набори даних громади — на порталі data.gov.ua.",
                      "The community's datasets are on the data.gov.ua portal."),
    "public.contact": ("Питання та пропозиції: {contact}", "Questions and suggestions: {contact}"),
    # Public pages (products, catalogue, programme)
    # Shared by the public pages
    "pub.as_of": ("Дані станом на {date}.", "Data as of {date}."),
    "pub.search": ("Пошук", "Search"),
    "pub.nothing_found": ("Нічого не знайдено. Змініть пошук або фільтри.",
                          "Nothing found. Change the search or the filters."),
    "pub.found": ("Знайдено {count}", "Found {count}"),
    "pub.page": ("Сторінка {page} з {pages}", "Page {page} of {pages}"),
    "pub.previous": ("Попередня", "Previous"),
    "pub.next": ("Наступна", "Next"),
    "pub.col.count": ("Кількість", "Count"),
    "pub.counts_alt": ("Стовпчикова діаграма кількості; ті самі числа — у таблиці поруч.",
                       "A bar chart of counts; the same numbers are in the table beside it."),
    # Products
    "pub.products.title": ("Продукти на відкритих даних", "Products built on open data"),
    "pub.products.intro": (
        "Сервіси, чат-боти, візуалізації, дослідження й застосунки, створені на відкритих "
        "даних громади.",
        "Services, chat-bots, visualisations, studies and apps built on the community's open "
        "data."),
    "pub.products.empty": (
        "Поки що тут немає жодного продукту. Знаєте сервіс, чат-бот, візуалізацію чи "
        "дослідження на відкритих даних громади? Напишіть нам: {contact}",
        "There are no products here yet. Do you know a service, chat-bot, visualisation or "
        "study built on the community's open data? Write to us: {contact}"),
    "pub.products.empty_no_contact": ("Поки що тут немає жодного продукту.",
                                      "There are no products here yet."),
    "pub.products.propose": ("Запропонувати продукт: {contact}", "Propose a product: {contact}"),
    "pub.products.by_kind": ("Продукти за типами", "Products by type"),
    "pub.products.search_placeholder": ("назва, опис, автор", "name, description, author"),
    "pub.products.kind": ("Тип", "Type"),
    "pub.products.dataset": ("Набір даних", "Dataset"),
    "pub.products.count": ("{count} продукт|{count} продукти|{count} продуктів",
                           "{count} product|{count} products"),
    "pub.products.author": ("Автор: {author}", "Author: {author}"),
    "pub.products.added": ("Додано {date}", "Added {date}"),
    "pub.products.datasets": ("Набори даних:", "Datasets:"),
    "pub.products.open": ("Відкрити продукт", "Open the product"),
    # Catalogue
    "pub.catalogue.title": ("Каталог відкритих даних", "Open data catalogue"),
    "pub.catalogue.intro": (
        "Набори даних, які громада оприлюднила. Виберіть набір, щоб побачити його опис і "
        "продукти, створені на ньому.",
        "The datasets the community has published. Choose one to see its description and "
        "the products built on it."),
    "pub.catalogue.open": ("Відкрити опис набору", "Open a dataset's page"),
    "pub.catalogue.open_placeholder": ("Виберіть набір даних…", "Choose a dataset…"),
    "pub.catalogue.empty": ("Поки що не оприлюднено жодного набору даних.",
                            "No dataset has been published yet."),
    "pub.catalogue.count": ("{count} набір даних|{count} набори даних|{count} наборів даних",
                            "{count} dataset|{count} datasets"),
    "pub.catalogue.search_placeholder": ("назва, опис, ключові слова",
                                         "title, description, keywords"),
    "pub.catalogue.department": ("Розпорядник", "Publisher"),
    "pub.catalogue.format": ("Формат", "Format"),
    "pub.catalogue.on_time": ("Оновлення", "Updates"),
    "pub.catalogue.by_stars": ("Набори за зірками відкритості", "Datasets by openness stars"),
    "pub.catalogue.not_found": (
        "Набору даних «{id}» немає серед оприлюднених. Ось увесь каталог.",
        "There is no published dataset «{id}». Here is the whole catalogue."),
    "pub.catalogue.back": ("До каталогу", "Back to the catalogue"),
    "pub.catalogue.portal": ("Відкрити на порталі", "Open on the portal"),
    "pub.catalogue.products": ("Продукти на цьому наборі", "Products built on this dataset"),
    "pub.catalogue.no_products": (
        "На цьому наборі ще немає відомих нам продуктів. Створили щось? Напишіть: {contact}",
        "No product built on this dataset is known yet. Built one? Write to: {contact}"),
    "pub.catalogue.no_products_no_contact": ("На цьому наборі ще немає відомих нам продуктів.",
                                             "No product built on this dataset is known yet."),
    "pub.catalogue.all_products": ("Усі ці продукти в галереї", "These products in the gallery"),
    "pub.col.id": ("Ідентифікатор", "ID"),
    "pub.col.title": ("Назва", "Title"),
    "pub.col.department": ("Розпорядник", "Publisher"),
    "pub.col.formats": ("Формати", "Formats"),
    "pub.col.stars": ("Зірки відкритості", "Openness stars"),
    "pub.col.frequency": ("Частота оновлення", "Update frequency"),
    "pub.col.last_updated": ("Останнє оновлення", "Last updated"),
    "pub.col.next_due": ("Наступне оновлення до", "Next update due"),
    "pub.col.first_published": ("Перше оприлюднення", "First published"),
    "pub.col.on_time": ("Оновлення", "Updates"),
    "pub.col.portal": ("На порталі", "On the portal"),
    "pub.col.license": ("Ліцензія", "Licence"),
    "pub.col.keywords": ("Ключові слова", "Keywords"),
    "pub.stars": ("{stars} з 5", "{stars} of 5"),
    "pub.on_time.on_time": ("Оновлюється вчасно", "Updated on time"),
    "pub.on_time.overdue": ("Не оновлено вчасно", "Not updated on time"),
    "pub.on_time.not_evaluable": ("Частоту оновлення не визначено", "No update frequency set"),
    # Programme
    "pub.programme.title": ("Як виконується програма відкритих даних",
                            "How the open data programme is going"),
    "pub.programme.intro": (
        "План заходів з відкритих даних на {first}–{last} роки: стан кожного завдання, "
        "виконання за розділами і показники, виміряні з даних.",
        "The open data action plan for {first}–{last}: the state of every task, progress by "
        "section and the indicators measured from the data."),
    "pub.programme.empty": ("План заходів ще не заповнено.", "The action plan is not filled in yet."),
    "pub.programme.plan": ("Виконання плану", "Plan progress"),
    "pub.programme.indicators": ("Показники", "Indicators"),
    "pub.programme.sections": ("Виконання за розділами", "Progress by section"),
    "pub.programme.tasks": ("Завдання плану", "The plan's tasks"),
    "pub.programme.left_out": (
        "«Немає даних» у стовпці «Виконання»: за завданням ще нічого не мало бути зроблено "
        "або воно не застосовується; у середні відсотки воно не входить.",
        "«No data» in the Progress column: nothing was due yet for the task, or it does not "
        "apply; it is left out of the averages."),
    # Closed quarters and the history (docs/history.md)
    "page.history": ("Історія", "History"),
    "history.title": ("Історія програми поквартально", "The programme quarter by quarter"),
    "history.intro": (
        "Виконання плану, частка наборів, що відповідають вимогам, прострочені набори і борг "
        "кожного підрозділу на кінець кожного кварталу. Закриті квартали показано зі "
        "збережених копій: зміни в таблицях після закриття їх не змінюють.",
        "Plan progress, the share of compliant datasets, overdue datasets and each "
        "department's debt at the end of each quarter. Closed quarters come from their kept "
        "copies: changes to the spreadsheets after the close do not change them."),
    "history.close_quarter": ("Квартал", "Quarter"),
    "history.close_replace": ("Закрити ще раз (попереднє закриття теж збережеться)",
                              "Close again (the earlier close is kept too)"),
    "history.close": ("Закрити квартал", "Close the quarter"),
    "history.close_not_saved": ("Закриття не вдалося зберегти ({detail}).",
                                "The close could not be saved ({detail})."),
    "history.closes_unreadable": (
        "Закриті квартали зараз не прочитано ({detail}); нижче всі квартали пораховано за "
        "сьогоднішніми даними.",
        "The closed quarters could not be read now ({detail}); every quarter below is computed "
        "from today's data."),
    "history.closed_now": ("{quarter} закрито {when}.", "{quarter} closed at {when}."),
    "history.closed_already": (
        "{quarter} уже закрито {when}; це закриття збережено. Щоб закрити ще раз, позначте "
        "«Закрити ще раз».",
        "{quarter} was closed at {when}; that close is kept. To close it again, tick "
        "«Close again»."),
    "history.coordinator_only": ("Закрити квартал може координатор програми.",
                                 "Only the programme's coordinator can close a quarter."),
    "history.none": ("Жоден квартал плану ще не почався.",
                     "No quarter of the plan has started yet."),
    "history.col.quarter": ("Квартал", "Quarter"),
    "history.col.closed": ("Закрито", "Closed"),
    "history.col.plan": ("Виконання плану", "Plan progress"),
    "history.col.compliance": ("Набори, що відповідають вимогам", "Compliant datasets"),
    "history.col.overdue": ("Прострочені набори", "Overdue datasets"),
    "history.col.department": ("Підрозділ", "Department"),
    # Short headers of the fixed-width columns; the long ones above are their help.
    "history.col.plan_short": ("План", "Plan"),
    "history.col.compliance_short": ("За вимогами", "Compliant"),
    "history.col.overdue_short": ("Прострочені", "Overdue"),
    "history.closed_mark": ("закрито {when}", "closed {when}"),
    "history.live_mark": ("ні (за поточними даними)", "no (from current data)"),
    "cards.more": (
        "Показано перші {shown} з {total}. Звузьте список пошуком чи фільтрами вище або "
        "відкрийте сторінку на ширшому екрані, щоб побачити всю таблицю.",
        "The first {shown} of {total} are shown. Narrow the list with the search or filters "
        "above, or open the page on a wider screen to see the whole table."),
    "history.legend_closed": ("закритий квартал", "closed quarter"),
    "history.legend_live": ("за поточними даними", "from current data"),
    "history.chart_alt": (
        "Лінійний графік: виконання плану і частка наборів, що відповідають вимогам, за "
        "кварталами; ті самі числа — у таблиці поруч.",
        "Line chart: plan progress and the share of compliant datasets by quarter; the same "
        "figures are in the table beside it."),
    "history.debt": ("Борг підрозділів", "Departments' debt"),
    "history.debt_intro": (
        "Скільки кожен підрозділ винен на кінець кварталу: пропущені періоди звітування і "
        "прострочені одноразові завдання.",
        "What each department owes at the end of the quarter: missed reporting periods and "
        "overdue one-off tasks."),
    "history.overdue": ("Прострочені набори за кварталами", "Overdue datasets by quarter"),
    # The Ministry's recommended sets, content checks, data.gov.ua (docs/portal.md)
    "page.coverage": ("Рекомендовані набори", "Recommended datasets"),
    "coverage.title": ("Рекомендовані набори Мінцифри", "The Ministry's recommended datasets"),
    "coverage.intro": (
        "Які з рекомендованих Мінцифри наборів є в реєстрі (за стовпцем «Структура "
        "Мінцифри»), яких бракує, і які стовпці має кожна структура.",
        "Which of the Ministry's recommended datasets the register has (by the «Структура "
        "Мінцифри» column), which are missing, and each structure's columns."),
    "coverage.present": ("Є в реєстрі ({count})", "In the register ({count})"),
    "coverage.missing": ("Бракує ({count})", "Missing ({count})"),
    "coverage.none_missing": ("Усі рекомендовані набори є в реєстрі.",
                              "Every recommended dataset is in the register."),
    "coverage.col.annex": ("Додаток", "Annex"),
    "coverage.col.title": ("Набір", "Dataset"),
    "coverage.col.state": ("Стан", "State"),
    "coverage.col.datasets": ("Рядки реєстру", "Register rows"),
    "coverage.col.resources": ("Ресурси", "Resources"),
    "coverage.col.suggested": ("Схожі рядки (підтвердьте)", "Similar rows (to confirm)"),
    "coverage.state.published": ("оприлюднено", "published"),
    "coverage.state.restricted": ("обмежено", "restricted"),
    "coverage.state.in_preparation": ("готується", "in preparation"),
    "coverage.state.withdrawn": ("знято", "withdrawn"),
    "coverage.state.missing": ("немає", "missing"),
    "coverage.suggestions": ("Схожі назви: підтвердіть у реєстрі", "Similar titles: confirm "
                             "in the register"),
    "coverage.suggestions_note": (
        "Ці рядки не мають «Структура Мінцифри», але їхня назва схожа на назву рекомендованого "
        "набору. Якщо це той самий набір, впишіть номер додатка у стовпець «Структура "
        "Мінцифри» цього рядка; якщо ні — впишіть «немає».",
        "These rows have no «Структура Мінцифри», but their title resembles a recommended "
        "set's. If it is that set, type the annex number into the row's «Структура Мінцифри»; "
        "if not, type «немає»."),
    "coverage.col.dataset_id": ("ID", "ID"),
    "coverage.col.dataset_title": ("Назва в реєстрі", "Title in the register"),
    "coverage.col.suggested_annex": ("Можливо, додаток", "Perhaps annex"),
    "coverage.unknown": ("Не розпізнано в «Структура Мінцифри»", "Not understood in "
                         "«Структура Мінцифри»"),
    "coverage.col.value": ("Значення", "Value"),
    "coverage.columns": ("Стовпці структури", "The structure's columns"),
    "coverage.pick_annex": ("Додаток", "Annex"),
    "coverage.col.resource": ("Ресурс", "Resource"),
    "coverage.col.column": ("Стовпець", "Column"),
    "coverage.col.column_title": ("Назва", "Title"),
    "coverage.col.type": ("Тип", "Type"),
    "coverage.col.required": ("Обовʼязковий", "Required"),
    "coverage.col.description": ("Опис", "Description"),
    "coverage.download_starter": ("Завантажити порожню таблицю за структурою (.xlsx)",
                                  "Download an empty workbook with the structure (.xlsx)"),
    "coverage.starter_note": (
        "Порожня книга зі стовпцями, типами й описами структури: з неї підрозділ почне набір "
        "правильно. Те саме робить команда python -m odcore structure {annex} --out "
        "ФАЙЛ.xlsx.",
        "An empty workbook with the structure's columns, types and descriptions, for a "
        "department to start the set right. The command python -m odcore structure {annex} "
        "--out FILE.xlsx does the same."),
    "headline.title": ("Виміряно, а не вписано", "Measured, not typed"),
    "headline.availability": ("Наявність рекомендованих наборів",
                              "Recommended sets available"),
    "headline.availability_help": (
        "Частка рекомендованих Мінцифри наборів, які рада оприлюднює: {part} з {whole} "
        "(без обмежених законом). Правило: docs/portal.md, «Coverage».",
        "The share of the Ministry's recommended sets the council publishes: {part} of "
        "{whole} (restricted ones left out). Rule: docs/portal.md, «Coverage»."),
    "headline.timeliness": ("Вчасно за датами порталу", "On time by the portal's dates"),
    "headline.timeliness_help": (
        "Частка наборів організації на data.gov.ua, оновлених вчасно за датами самого порталу "
        "(найновіший last_modified ресурсу та частота): {part} з {whole}, звірка {when}. "
        "Правило: docs/portal.md, «Three headline figures».",
        "The share of the organisation's sets on data.gov.ua updated on time by the portal's "
        "own dates (the newest resource last_modified and the frequency): {part} of {whole}, "
        "checked {when}. Rule: docs/portal.md, «Three headline figures»."),
    "headline.timeliness_none": (
        "Немає збереженої звірки з порталом: запустіть її на сторінці «Рекомендовані набори» "
        "або командою python -m odcore portal.",
        "No reconciliation with the portal is kept: run it on the «Recommended datasets» page "
        "or with python -m odcore portal."),
    "headline.quality": ("Відповідають рекомендаціям Мінцифри",
                         "Meet the Ministry's recommendations"),
    "headline.quality_help": (
        "Частка оприлюднених наборів із повним паспортом, машиночитним форматом, відкритою "
        "ліцензією та без помилок структури файлу: {part} з {whole}. Ціль — {target}. "
        "Правило: docs/portal.md, «Three headline figures».",
        "The share of published sets with a complete passport, a machine-readable format, a "
        "stated licence that is not closed and no file structure errors: {part} of {whole}. "
        "Target: {target}. Rule: docs/portal.md, «Three headline figures»."),
    "content.title": ("Перевірка структури файлу", "File structure check"),
    "content.verdict.passed": ("Файл {source} відповідає структурі додатка {annex} "
                               "(перевірено {when}).",
                               "The file {source} follows annex {annex}'s structure "
                               "(checked {when})."),
    "content.verdict.failed": ("Файл {source} не відповідає структурі додатка {annex} "
                               "(перевірено {when}):",
                               "The file {source} does not follow annex {annex}'s structure "
                               "(checked {when}):"),
    "content.verdict.unchecked": ("Файл {source} не вдалося перевірити повністю ({when}).",
                                  "The file {source} could not be checked in full ({when})."),
    "content.col.row": ("Рядок", "Row"),
    "content.col.column": ("Стовпець", "Column"),
    "content.col.value": ("Значення", "Value"),
    "content.col.message": ("Що не так", "What is wrong"),
    "content.more": ("Показано {shown} з {total} знахідок.", "{shown} of {total} findings shown."),
    "portal.title": ("Звірка з data.gov.ua", "Reconciliation with data.gov.ua"),
    "portal.none": (
        "Звірки з порталом ще не було. Координатор може запустити її кнопкою нижче або "
        "командою python -m odcore portal.",
        "The register has not been reconciled with the portal yet. A coordinator can run it "
        "with the button below or with python -m odcore portal."),
    "portal.checked": (
        "Звірка станом на {when}: організація «{organization}», наборів на порталі "
        "{packages}, розбіжностей {mismatches}.",
        "Reconciled at {when}: organisation «{organization}», {packages} sets on the portal, "
        "{mismatches} disagreements."),
    "portal.no_mismatches": ("Реєстр і портал збігаються.",
                             "The register and the portal agree."),
    "portal.col.kind": ("Розбіжність", "Disagreement"),
    "portal.col.dataset": ("ID у реєстрі", "Register ID"),
    "portal.col.package": ("Набір на порталі", "Set on the portal"),
    "portal.col.register": ("У реєстрі", "In the register"),
    "portal.col.portal": ("На порталі", "On the portal"),
    "portal.col.url": ("Сторінка", "Page"),
    "portal.col.message": ("Пояснення", "Explanation"),
    "portal.kind.not_on_portal": ("немає на порталі", "not on the portal"),
    "portal.kind.not_in_register": ("немає в реєстрі", "not in the register"),
    "portal.kind.other_organization": ("в іншій організації", "in another organisation"),
    "portal.kind.last_update_differs": ("інша дата оновлення", "another last update"),
    "portal.kind.overdue_on_portal": ("прострочено за порталом", "overdue by the portal"),
    "portal.kind.frequency_differs": ("інша частота", "another frequency"),
    "portal.kind.formats_differ": ("інші формати", "other formats"),
    "portal.kind.format_not_as_declared": ("формат не як заявлено", "format not as declared"),
    "portal.kind.link_broken": ("посилання не працює", "broken link"),
    "portal.run": ("Звірити з порталом зараз", "Reconcile with the portal now"),
    "portal.run_note": (
        "Звірка йде у фоні й триває до {seconds} с; оновіть сторінку, щоб побачити результат.",
        "The reconciliation runs in the background for up to {seconds} s; reload the page to "
        "see the result."),
    "portal.running": ("Звірка з порталом триває…", "The reconciliation is running…"),
    "portal.failed": ("Звірку не виконано: {reason}", "The reconciliation failed: {reason}"),
    "portal.coordinator_only": ("Запустити звірку може координатор.",
                                "A coordinator can run the reconciliation."),
    "portal.no_organization": (
        "Не вказано організацію ради на порталі (portal_organization у [odcore.council]).",
        "The council's organisation on the portal is not set (portal_organization in "
        "[odcore.council])."),
}


@dataclass(frozen=True)
class Phrase:
    """A text not yet in a language: a catalogue key and the values its placeholders name."""

    key: str
    params: tuple[tuple[str, str | int | Phrase], ...] = ()

    @classmethod
    def of(cls, key: str, **params: str | int | Phrase) -> Phrase:
        """``Phrase.of("reason.missing_title", column="Назва")``."""
        return cls(key, tuple(params.items()))

    def map_text(self, change: Callable[[str], str]) -> Phrase:
        """The same phrase with every text value changed (nested phrases too), such as a
        personal value replaced by a mark; the words around the values are not touched."""
        return Phrase(self.key, tuple(
            (name, change(value) if isinstance(value, str)
             else value.map_text(change) if isinstance(value, Phrase) else value)
            for name, value in self.params))

    def render(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The text in ``language`` (Ukrainian when unknown), values filled in as given; a
        value that is itself a Phrase is rendered in the same language."""
        return translate(self.key, language, **{
            name: value.render(language) if isinstance(value, Phrase) else value
            for name, value in self.params})


def _template(key: str, language: str) -> str:
    uk, en = CATALOGUE[key]
    return en if language == "en" else uk


def translate(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The catalogue text for ``key`` in ``language`` (Ukrainian when unknown), filled in."""
    template = _template(key, language)
    return template.format(**values) if values else template


def plural_index(count: int, language: str = DEFAULT_LANGUAGE) -> int:
    """Which plural form a number takes: Ukrainian 0 one, 1 few, 2 many; English 0 or 1."""
    if language == "en":
        return 0 if count == 1 else 1
    if count % 10 == 1 and count % 100 != 11:
        return 0
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return 1
    return 2


def translate_count(key: str, count: int, language: str = DEFAULT_LANGUAGE,
                    **values: object) -> str:
    """The plural form of ``key`` that fits ``count``, with ``{count}`` filled in."""
    forms = _template(key, language).split("|")
    form = forms[min(plural_index(count, language), len(forms) - 1)]
    return form.format(count=count, **values)


# Sign-in, roles and personal columns (issue 11), kept in one block of their own.
CATALOGUE |= {
    "role.public": ("Роль: відвідувач (лише публічні сторінки)",
                    "Role: visitor (public pages only)"),
    "role.staff": ("Роль: працівник підрозділу", "Role: department staff"),
    "role.coordinator": ("Роль: координатор", "Role: coordinator"),
    "signin.sign_in": ("Увійти", "Sign in"),
    "signin.sign_in_with": ("Увійти через {provider}", "Sign in with {provider}"),
    "signin.why": ("Вхід — для працівників ради: внутрішні сторінки програми.",
                   "Sign-in is for council staff: the programme's internal pages."),
    "signin.as": ("Ви увійшли як **{email}**", "Signed in as **{email}**"),
    "signin.unverified": (
        "Постачальник входу не підтвердив цю адресу, тому доступні лише публічні сторінки.",
        "The sign-in provider did not verify this address: public pages only."),
    "signin.no_role": (
        "Цій адресі не надано ролі; зверніться до координатора програми.",
        "This address has no role; ask the programme's coordinator."),
    "signin.sign_out": ("Вийти", "Sign out"),
    "signin.failed": ("Не вдалося почати вхід. Спробуйте пізніше; подробиці — у журналі сервера.",
                      "Sign-in could not start. Try later; the server log has the details."),
    "signin.unknown_department": (
        "Підрозділу «{department}» з розділу [odcore.access.staff] немає у вкладці «Підрозділи»: "
        "його працівники входять без підрозділу і не бачать нічиїх особистих даних. Виправте "
        "назву в secrets.toml або додайте підрозділ у вкладку.",
        "Department «{department}» of [odcore.access.staff] is not in the «Підрозділи» tab: "
        "its staff sign in without a department and see no one's personal data. Fix the name "
        "in secrets.toml or add the department to the tab."),
    "personal.hidden": ("приховано", "hidden"),
    "col.reported_by": ("Хто заповнив", "Reported by"),
    "datasets.col.checked_by": ("Перевірив", "Checked by"),
    "datasets.downloads_coordinator": (
        "Картку оцінки та реєстр для data.gov.ua завантажує координатор програми: у реєстрі "
        "контакти відповідальних осіб.",
        "The score card and the register for data.gov.ua are downloaded by the programme's "
        "coordinator: the register holds the stewards' contacts."),
    "datasets.products": ("Продукти партнерів", "Partner products"),
    "datasets.products_note": (
        "Усі рядки вкладки «Продукти», також непублічні; контакт бачить лише координатор.",
        "Every row of the «Продукти» tab, non-public ones too; only a coordinator sees the "
        "contact."),
    "datasets.products_none": ("Вкладка «Продукти» порожня.", "The «Продукти» tab is empty."),
    "datasets.col.name": ("Назва", "Name"),
    "datasets.col.kind": ("Тип", "Type"),
    "datasets.col.public": ("Публічний", "Public"),
    "datasets.col.added_on": ("Дата додавання", "Added on"),
    "datasets.col.url": ("Посилання", "Link"),
    "datasets.col.datasets": ("Набори даних", "Datasets"),
    "datasets.col.contact": ("Контакт", "Contact"),
    "department.contacts": ("Контакти підрозділу", "The department's contacts"),
    "department.contacts_none": ("У вкладці «Підрозділи» немає рядка цього підрозділу.",
                                 "The «Підрозділи» tab has no row for this department."),
    "department.trainings": ("Навчання працівників", "Staff training"),
    "department.trainings_none": ("У вкладці «Навчання» немає записів підрозділу.",
                                  "The «Навчання» tab has no rows of this department."),
    "department.col.head": ("Керівник", "Head"),
    "department.col.email": ("Ел. пошта", "E-mail"),
    "department.col.person": ("ПІБ", "Name"),
    "department.col.course": ("Курс", "Course"),
    "department.col.completed_on": ("Дата", "Date"),
    "department.col.certificate": ("Сертифікат", "Certificate"),
    # Who owes what (odcore.todo): the department table and a department's to-do list.
    "todo.col.department": ("Підрозділ", "Department"),
    "todo.col.tasks_owed": ("Завдання", "Tasks"),
    "todo.col.reports_missing": ("Звіти", "Reports"),
    "todo.col.datasets_overdue": ("Прострочено", "Overdue"),
    "todo.col.datasets_non_compliant": ("Не стандарт", "Below std."),
    "todo.col.problems": ("Проблеми", "Problems"),
    "todo.help.tasks_owed": ("Завдання, що відстають або прострочені",
                             "Tasks behind or overdue"),
    "todo.help.reports_missing": ("Звіти, які ще треба подати", "Reports still to submit"),
    "todo.help.datasets_overdue": ("Оприлюднені набори, не оновлені вчасно",
                                   "Published datasets not updated in time"),
    "todo.help.datasets_non_compliant": (
        "Оприлюднені набори, що не відповідають стандарту з іншої причини",
        "Published datasets below the standard for another reason"),
    "todo.help.problems": ("Помилки й попередження в таблицях підрозділу",
                           "Errors and warnings in the department's spreadsheets"),
    "todo.col.id": ("ID", "ID"),
    "todo.col.verdict": ("Що не так", "What is wrong"),
    "todo.col.action": ("Що зробити", "What to do"),
    "todo.col.title": ("Набір даних", "Dataset"),
    "todo.overdue_days": ("прострочено на {days} дн.", "{days} days overdue"),
    "todo.non_compliant": ("не відповідає стандарту", "below the standard"),
    "todo.datasets": ("Набори даних, що потребують дій", "Datasets to act on"),
    "todo.datasets_none": ("Усі оприлюднені набори підрозділу вчасно оновлені й відповідають "
                           "стандарту.",
                           "Every published dataset of the department is up to date and meets "
                           "the standard."),
    "todo.departments": ("Хто що винен", "Who owes what"),
    "todo.departments_none": ("Жодного підрозділу: таблиці ще порожні.",
                              "No department yet: the spreadsheets are empty."),
    "todo.departments_hint": ("Виберіть рядок, щоб відкрити сторінку підрозділу.",
                              "Select a row to open the department's page."),
    "todo.sheet": ("Таблиця підрозділу", "The department's spreadsheet"),
    "todo.open": ("відкрити", "open"),
    "todo.metric.tasks_owed": ("Завдань винні", "Tasks owed"),
    "todo.metric.reports": ("Звітів подати", "Reports to submit"),
    "todo.metric.datasets": ("Наборів до дій", "Datasets to act on"),
    "todo.metric.errors": ("Помилок у даних", "Errors in the data"),
    "todo.errors_first": ("У таблицях підрозділу є помилки: ці рядки не враховано в показниках, "
                          "доки їх не виправлено.",
                          "The department's spreadsheets have errors: those rows are left out "
                          "of the figures until they are fixed."),
    "overview.change_date": ("Змінити дату", "Change the date"),
    "overview.tasks_behind": ("Завдання, що відстають", "Tasks behind"),
    "overview.tasks_behind_value": ("{owed} з {counted}", "{owed} of {counted}"),
    "overview.tasks_behind_delta": ("відстають {behind} · прострочено {overdue}",
                                    "{behind} behind · {overdue} overdue"),
    "overview.target": ("ціль {target}", "target {target}"),
    "overview.compliant": ("Набори за стандартом", "Datasets meeting the standard"),
    "overview.datasets_overdue": ("Прострочені набори", "Overdue datasets"),
    "overview.of_published": ("з {published} оприлюднених", "of {published} published"),
    "pub.products.all": ("Усі продукти", "All products"),
    "pub.col.stars_short": ("Зірки", "Stars"),
    "datasets.register_empty": (
        "У реєстрі ще немає жодного набору: заповніть вкладку «Набори даних».",
        "The register has no dataset yet: fill in the «Набори даних» tab."),
    "plan.select_hint": ("Виберіть рядок, щоб побачити завдання докладно.",
                         "Select a row to see the task in detail."),
    "pub.products.page": ("Сторінка продукту", "The product's page"),
    "pub.products.not_found": ("Такого продукту немає серед публічних; ось усі продукти.",
                               "No public product has this address; here are all of them."),
    "public.figures": ("Програма в цифрах", "The programme in figures"),
    "public.fig.datasets": ("Оприлюднено наборів", "Datasets published"),
    "public.fig.on_time": ("Оновлюються вчасно", "Updated on time"),
    "public.fig.compliant": ("Відповідають стандарту", "Meet the standard"),
    "public.fig.products": ("Продуктів на даних", "Products on the data"),
    "public.fig.progress": ("Виконання плану", "Plan progress"),
    "public.latest": ("Нещодавно додано", "Recently added"),
    "public.latest_none": ("Ще нічого не додано.", "Nothing added yet."),
    "public.latest_dataset": ("набір даних, оприлюднено {date}", "dataset, published {date}"),
    "public.latest_product": ("{kind}, додано {date}", "{kind}, added {date}"),
    "public.portal_link": ("Набори даних громади — на порталі [data.gov.ua](https://data.gov.ua).",
                           "The community's datasets are on [data.gov.ua](https://data.gov.ua)."),
    "public.contact_label": ("Питання та пропозиції", "Questions and suggestions"),
}
