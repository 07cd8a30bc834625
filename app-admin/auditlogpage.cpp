#include "auditlogpage.h"

#include "client/auditlogmodel.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/statuspanel.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Shop::Admin {

using Client::AuditLogModel;

namespace {
constexpr int kDefaultRangeDays = 30;
} // namespace

AuditLogPage::AuditLogPage(Widgets::AppContext &context, Client::AdminUsersClient *client,
                           QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new AuditLogModel(client, this))
    , m_actorLabel(new QLabel(this))
    , m_targetLabel(new QLabel(this))
    , m_clearActor(new QToolButton(this))
    , m_clearTarget(new QToolButton(this))
    , m_onlyActor(new QPushButton(this))
    , m_onlyTarget(new QPushButton(this))
    , m_dateRange(new QCheckBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_count(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_status(new Widgets::StatusPanel(this))
{
    setObjectName(QStringLiteral("auditLogPage"));
    m_model->setPageSize(kPageSize);
    m_actorLabel->setObjectName(QStringLiteral("auditActorFilter"));
    m_targetLabel->setObjectName(QStringLiteral("auditTargetFilter"));
    m_clearActor->setObjectName(QStringLiteral("auditClearActor"));
    m_clearTarget->setObjectName(QStringLiteral("auditClearTarget"));
    m_onlyActor->setObjectName(QStringLiteral("auditOnlyActor"));
    m_onlyTarget->setObjectName(QStringLiteral("auditOnlyTarget"));
    m_dateRange->setObjectName(QStringLiteral("auditDateRange"));
    m_from->setObjectName(QStringLiteral("auditFrom"));
    m_to->setObjectName(QStringLiteral("auditTo"));
    m_count->setObjectName(QStringLiteral("auditResultCount"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    const QDate today = QDate::currentDate();
    m_from->setDate(today.addDays(-kDefaultRangeDays));
    m_to->setDate(today);
    m_clearActor->setText(QStringLiteral("×"));
    m_clearTarget->setText(QStringLiteral("×"));

    auto *filters = new QHBoxLayout;
    auto *actorCaption = new QLabel(this);
    auto *targetCaption = new QLabel(this);
    filters->addWidget(actorCaption);
    filters->addWidget(m_actorLabel);
    filters->addWidget(m_clearActor);
    filters->addSpacing(fontMetrics().height());
    filters->addWidget(targetCaption);
    filters->addWidget(m_targetLabel);
    filters->addWidget(m_clearTarget);
    filters->addSpacing(fontMetrics().height());
    filters->addWidget(m_dateRange);
    filters->addWidget(m_from);
    auto *dash = new QLabel(QStringLiteral("–"), this);
    filters->addWidget(dash);
    filters->addWidget(m_to);
    filters->addStretch(1);

    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height()
                                                     + fontMetrics().height() / 2);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    const auto chars = [this](int n) {
        return fontMetrics().averageCharWidth() * n + fontMetrics().height();
    };
    header->resizeSection(AuditLogModel::TimeColumn, chars(18));
    header->resizeSection(AuditLogModel::ActorColumn, chars(26));
    header->resizeSection(AuditLogModel::ActionColumn, chars(16));
    header->resizeSection(AuditLogModel::TargetColumn, chars(26));
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_status);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_onlyActor);
    bottom->addWidget(m_onlyTarget);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_stack, 1);
    layout->addLayout(bottom);

    connect(m_clearActor, &QToolButton::clicked, this, [this] { setActor({}, {}); });
    connect(m_clearTarget, &QToolButton::clicked, this, [this] { setTarget({}, {}); });
    connect(m_onlyActor, &QPushButton::clicked, this, [this] { filterBySelected(true); });
    connect(m_onlyTarget, &QPushButton::clicked, this, [this] { filterBySelected(false); });
    connect(m_dateRange, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        applyFilter();
    });
    connect(m_from, &QDateEdit::dateChanged, this, [this] {
        if (m_dateRange->isChecked()) {
            applyFilter();
        }
    });
    connect(m_to, &QDateEdit::dateChanged, this, [this] {
        if (m_dateRange->isChecked()) {
            applyFilter();
        }
    });
    connect(m_model, &AuditLogModel::stateChanged, this, &AuditLogPage::updateState);
    connect(m_model, &AuditLogModel::modelReset, this, &AuditLogPage::updateState);
    connect(m_model, &AuditLogModel::rowsInserted, this, &AuditLogPage::updateState);
    connect(m_status, &Widgets::StatusPanel::retryRequested, this, &AuditLogPage::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AuditLogPage::updateState);

    (new Widgets::Retranslator(this))->add([=, this] {
        actorCaption->setText(tr("By:"));
        targetCaption->setText(tr("Account:"));
        m_clearActor->setToolTip(tr("Show actions by anyone"));
        m_clearTarget->setToolTip(tr("Show actions on any account"));
        m_onlyActor->setText(tr("Only This Ad&min"));
        m_onlyActor->setToolTip(tr("Show only actions by the admin of the selected entry"));
        m_onlyTarget->setText(tr("Only This Acc&ount"));
        m_onlyTarget->setToolTip(tr("Show only actions on the account of the selected entry"));
        m_dateRange->setText(tr("&Between"));
        m_dateRange->setToolTip(tr("Only entries from the first day to the last day, both "
                                   "included"));
        m_model->retranslate();
        updateFilterTexts();
        updateState();
    });
}

void AuditLogPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        refresh();
    }
}

void AuditLogPage::markStale()
{
    m_stale = true;
    if (isVisible()) {
        refresh();
    }
}

void AuditLogPage::refresh()
{
    if (m_model->state() == AuditLogModel::State::Failed && m_model->rowCount() > 0) {
        m_model->retry();
    } else {
        applyFilter();
    }
}

void AuditLogPage::setActor(const QString &id, const QString &email)
{
    m_actorId = id;
    m_actorEmail = email;
    m_model->rememberUser(id, email);
    updateFilterTexts();
    applyFilter();
}

void AuditLogPage::setTarget(const QString &id, const QString &email)
{
    m_targetId = id;
    m_targetEmail = email;
    m_model->rememberUser(id, email);
    updateFilterTexts();
    applyFilter();
}

void AuditLogPage::setDateRange(QDate from, QDate to)
{
    {
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->setDate(from);
        m_to->setDate(to);
    }
    if (m_dateRange->isChecked()) {
        applyFilter();
    } else {
        m_dateRange->setChecked(true); // applies
    }
}

void AuditLogPage::clearDateRange()
{
    m_dateRange->setChecked(false);
}

void AuditLogPage::filterBySelected(bool actor)
{
    const QModelIndex current = m_table->currentIndex();
    const Client::AuditEntry *entry = m_model->entryAt(current.row());
    if (!entry) {
        return;
    }
    if (actor) {
        setActor(entry->actorId, m_model->nameOf(entry->actorId));
    } else {
        setTarget(entry->targetId, m_model->nameOf(entry->targetId));
    }
}

void AuditLogPage::applyFilter()
{
    if (!isVisible()) {
        m_stale = true; // applied when shown
        return;
    }
    m_stale = false;
    Client::AuditFilter filter;
    filter.actor = m_actorId;
    filter.target = m_targetId;
    if (m_dateRange->isChecked()) {
        // Whole local days: from the first day's midnight to the midnight after the last day
        // (the API's `to` is exclusive).
        const QDate from = std::min(m_from->date(), m_to->date());
        const QDate to = std::max(m_from->date(), m_to->date());
        filter.from = from.startOfDay();
        filter.to = to.addDays(1).startOfDay();
    }
    m_model->setFilter(filter);
    m_table->scrollToTop();
}

void AuditLogPage::updateFilterTexts()
{
    m_actorLabel->setText(
        m_actorId.isEmpty() ? tr("anyone") : (m_actorEmail.isEmpty() ? m_actorId : m_actorEmail));
    m_targetLabel->setText(m_targetId.isEmpty()
                               ? tr("any account")
                               : (m_targetEmail.isEmpty() ? m_targetId : m_targetEmail));
    m_clearActor->setEnabled(!m_actorId.isEmpty());
    m_clearTarget->setEnabled(!m_targetId.isEmpty());
}

void AuditLogPage::updateState()
{
    using State = AuditLogModel::State;
    const State state = m_model->state();
    const int rows = m_model->rowCount();
    const bool selected = m_model->entryAt(m_table->currentIndex().row()) != nullptr;
    m_onlyActor->setEnabled(selected);
    m_onlyTarget->setEnabled(selected);
    if (state == State::Failed && rows == 0) {
        const auto text =
            Client::UserMessages::describe(m_model->lastError(), m_context.api()->baseUrl());
        m_status->showError(text.title, text.message);
        m_stack->setCurrentWidget(m_status);
        m_count->clear();
        return;
    }
    if (rows == 0 && state != State::Ready) {
        m_status->showLoading(tr("Loading the audit log …"));
        m_stack->setCurrentWidget(m_status);
        m_count->setText(tr("Loading …"));
        return;
    }
    if (rows == 0) {
        const bool filtered =
            !m_actorId.isEmpty() || !m_targetId.isEmpty() || m_dateRange->isChecked();
        m_status->showEmpty(tr("No entries"),
                            filtered ? tr("No admin action matches these filters. Clear a filter "
                                          "to see more.")
                                     : tr("No admin has changed an account yet."));
        m_stack->setCurrentWidget(m_status);
        m_count->setText(tr("No entries"));
        return;
    }
    m_stack->setCurrentWidget(m_table);
    const QLocale locale;
    if (state == State::Failed) {
        m_count->setText(tr("Showing %1 entries; loading more failed.").arg(locale.toString(rows)));
        return;
    }
    m_count->setText(tr("Showing %1 of %2 entries")
                         .arg(locale.toString(rows),
                              locale.toString(std::max<qint64>(rows, m_model->totalCount()))));
}

} // namespace Shop::Admin
