#include "customerspage.h"

#include "auditlogpage.h"
#include "client/adminusersclient.h"
#include "client/auditlogmodel.h"
#include "client/authsession.h"
#include "client/userlistmodel.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/statuspanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcAdminCustomers, "shop.admin.customers", QtInfoMsg)

namespace Shop::Admin {

using Client::User;
using Client::UserListModel;

namespace {

constexpr int kMaxSearchLength = 100; // the API's limit

QLabel *valueLabel(const char *name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

CustomersPage::CustomersPage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_client(new Client::AdminUsersClient(context.api(), this))
    , m_model(new UserListModel(m_client, this))
    , m_tabs(new QTabWidget(this))
    , m_audit(new AuditLogPage(context, m_client, this))
    , m_search(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_statusFilter(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_retryMore(new QPushButton(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_status(new Widgets::StatusPanel(this))
    , m_detailsStack(new QStackedWidget(this))
    , m_detailsHint(new QLabel(this))
    , m_name(valueLabel("customerName", this))
    , m_email(valueLabel("customerEmail", this))
    , m_roleValue(valueLabel("customerRole", this))
    , m_statusValue(valueLabel("customerStatus", this))
    , m_language(valueLabel("customerLanguage", this))
    , m_created(valueLabel("customerCreated", this))
    , m_addresses(new QListWidget(this))
    , m_message(new QLabel(this))
    , m_activeButton(new QPushButton(this))
    , m_roleButton(new QPushButton(this))
    , m_auditButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("adminCustomersPage"));
    m_model->setPageSize(kPageSize);
    m_confirm = [this](const Confirmation &confirmation) {
        QMessageBox box(QMessageBox::Warning, confirmation.title, confirmation.text,
                        QMessageBox::Cancel, this);
        QPushButton *go = box.addButton(confirmation.confirmText, QMessageBox::AcceptRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        return box.clickedButton() == go;
    };

    auto *heading = new QLabel(this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    heading->setFont(font);

    // The accounts tab: search and filters, the table, the details panel beside it.
    auto *accounts = new QWidget(this);
    m_search->setObjectName(QStringLiteral("customerSearchEdit"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(QIcon(QStringLiteral(":/shop/icons/search.svg")),
                        QLineEdit::LeadingPosition);
    m_search->setMaxLength(kMaxSearchLength);
    m_search->setMaximumWidth(fontMetrics().averageCharWidth() * 50);
    m_role->setObjectName(QStringLiteral("customerRoleFilter"));
    m_statusFilter->setObjectName(QStringLiteral("customerStatusFilter"));
    for (int i = 0; i < 3; ++i) {
        m_role->addItem(QString());
        m_statusFilter->addItem(QString());
    }
    m_role->setItemData(1, QStringLiteral("user"));
    m_role->setItemData(2, QStringLiteral("admin"));
    m_statusFilter->setItemData(1, QStringLiteral("active"));
    m_statusFilter->setItemData(2, QStringLiteral("inactive"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_role);
    top->addWidget(m_statusFilter);
    top->addStretch(0);

    m_table->setObjectName(QStringLiteral("customerTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
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
    header->resizeSection(UserListModel::EmailColumn, chars(28));
    header->resizeSection(UserListModel::NameColumn, chars(22));
    header->resizeSection(UserListModel::RoleColumn, chars(10));
    header->resizeSection(UserListModel::StatusColumn, chars(12));
    header->resizeSection(UserListModel::LanguageColumn, chars(8));
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_status);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_retryMore);
    m_count->setObjectName(QStringLiteral("customerResultCount"));
    m_retryMore->setObjectName(QStringLiteral("customerRetryMore"));
    m_retryMore->hide();

    // The details panel.
    auto *details = new QWidget(this);
    details->setObjectName(QStringLiteral("customerDetails"));
    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.2);
    m_name->setFont(nameFont);
    m_name->setWordWrap(true);
    auto *form = new QFormLayout;
    auto *emailCaption = new QLabel(this);
    auto *roleCaption = new QLabel(this);
    auto *statusCaption = new QLabel(this);
    auto *languageCaption = new QLabel(this);
    auto *createdCaption = new QLabel(this);
    auto *addressesCaption = new QLabel(this);
    form->addRow(emailCaption, m_email);
    form->addRow(roleCaption, m_roleValue);
    form->addRow(statusCaption, m_statusValue);
    form->addRow(languageCaption, m_language);
    form->addRow(createdCaption, m_created);
    m_addresses->setObjectName(QStringLiteral("customerAddresses"));
    m_addresses->setWordWrap(true);
    m_addresses->setFocusPolicy(Qt::TabFocus);
    m_message->setObjectName(QStringLiteral("customerMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_activeButton->setObjectName(QStringLiteral("customerActiveButton"));
    m_roleButton->setObjectName(QStringLiteral("customerRoleButton"));
    m_auditButton->setObjectName(QStringLiteral("customerAuditButton"));
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->addWidget(m_name);
    detailsLayout->addLayout(form);
    detailsLayout->addWidget(addressesCaption);
    detailsLayout->addWidget(m_addresses, 1);
    detailsLayout->addWidget(m_message);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_activeButton);
    buttons->addWidget(m_roleButton);
    detailsLayout->addLayout(buttons);
    detailsLayout->addWidget(m_auditButton);
    m_detailsHint->setObjectName(QStringLiteral("customerDetailsHint"));
    m_detailsHint->setWordWrap(true);
    m_detailsHint->setAlignment(Qt::AlignCenter);
    m_detailsStack->addWidget(m_detailsHint);
    m_detailsStack->addWidget(details);
    m_detailsStack->setMinimumWidth(fontMetrics().averageCharWidth() * 40);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(top);
    leftLayout->addWidget(m_stack, 1);
    leftLayout->addLayout(bottom);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_detailsStack);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *accountsLayout = new QVBoxLayout(accounts);
    accountsLayout->addWidget(splitter);

    m_tabs->setObjectName(QStringLiteral("customerTabs"));
    m_tabs->addTab(accounts, QString());
    m_tabs->addTab(m_audit, QString());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_tabs, 1);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(kSearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &CustomersPage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        applyFilter();
        m_table->setFocus(Qt::OtherFocusReason);
    });
    connect(m_role, &QComboBox::currentIndexChanged, this, &CustomersPage::applyFilter);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &CustomersPage::applyFilter);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), accounts);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &CustomersPage::clearSearch);
    // Enter (activated) or a double click opens the row.
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { openRow(index.row()); });
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { openRow(index.row()); });
    connect(m_model, &UserListModel::stateChanged, this, &CustomersPage::updateState);
    connect(m_model, &UserListModel::rowsInserted, this, &CustomersPage::updateState);
    connect(m_model, &UserListModel::modelReset, this, &CustomersPage::updateState);
    connect(m_model, &UserListModel::usersSeen, this, [this](const QList<User> &users) {
        for (const User &user : users) {
            m_audit->model()->rememberUser(user.id, user.email);
        }
    });
    connect(m_status, &Widgets::StatusPanel::retryRequested, this, &CustomersPage::refresh);
    connect(m_retryMore, &QPushButton::clicked, this, &CustomersPage::refresh);
    connect(m_activeButton, &QPushButton::clicked, this, &CustomersPage::toggleActive);
    connect(m_roleButton, &QPushButton::clicked, this, &CustomersPage::toggleAdmin);
    connect(m_auditButton, &QPushButton::clicked, this, &CustomersPage::showAuditForShownUser);
    // Another server or another sign-in: nothing shown may be left from before.
    connect(&context, &Widgets::AppContext::serverChanged, this, &CustomersPage::startOver);
    connect(context.session(), &Client::AuthSession::signedIn, this, &CustomersPage::startOver);
    setTabOrder(m_search, m_role);
    setTabOrder(m_role, m_statusFilter);
    setTabOrder(m_statusFilter, m_table);
    setFocusProxy(m_search);

    (new Widgets::Retranslator(this))->add([=, this] {
        heading->setText(tr("Customers"));
        m_tabs->setTabText(0, tr("&Accounts"));
        m_tabs->setTabText(1, tr("Audit &Log"));
        m_search->setPlaceholderText(tr("Search by email or name (Ctrl+F)"));
        m_role->setItemText(0, tr("All roles"));
        m_role->setItemText(1, tr("Customers"));
        m_role->setItemText(2, tr("Admins"));
        m_statusFilter->setItemText(0, tr("Active and deactivated"));
        m_statusFilter->setItemText(1, tr("Active"));
        m_statusFilter->setItemText(2, tr("Deactivated"));
        m_retryMore->setText(tr("Retry"));
        m_detailsHint->setText(
            tr("Select an account and press Enter (or double-click it) to see its details."));
        emailCaption->setText(tr("Email:"));
        roleCaption->setText(tr("Role:"));
        statusCaption->setText(tr("Status:"));
        languageCaption->setText(tr("Language:"));
        createdCaption->setText(tr("Created:"));
        addressesCaption->setText(tr("Addresses:"));
        m_auditButton->setText(tr("Show Audit &Entries"));
        m_auditButton->setToolTip(tr("The audit log's entries about this account"));
        m_model->retranslate();
        updateDetailTexts();
        updateState();
    });
}

CustomersPage::~CustomersPage() = default;

void CustomersPage::startOver()
{
    m_loaded = false;
    m_shown.reset();
    ++m_detailsGeneration; // an answer still on its way is for the old panel
    setMessage(QString(), false);
    m_detailsStack->setCurrentIndex(0);
    m_audit->markStale();
    if (isVisible()) {
        refresh();
    }
}

void CustomersPage::setConfirm(Confirm confirm)
{
    m_confirm = std::move(confirm);
}

void CustomersPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loaded) {
        refresh();
    }
}

QString CustomersPage::detailsMessage() const
{
    return m_message->text();
}

void CustomersPage::focusSearch()
{
    m_tabs->setCurrentIndex(0);
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void CustomersPage::clearSearch()
{
    if (!m_search->text().isEmpty()) {
        m_search->clear();
        applyFilter();
    }
}

void CustomersPage::refresh()
{
    if (m_tabs->currentWidget() == m_audit) {
        m_audit->refresh();
        return;
    }
    if (m_model->state() == UserListModel::State::Failed && m_model->rowCount() > 0) {
        m_model->retry();
        return;
    }
    m_loaded = true;
    m_searchDelay.stop();
    Client::UserFilter filter;
    filter.search = m_search->text().simplified();
    filter.role = m_role->currentData().toString();
    filter.status = m_statusFilter->currentData().toString();
    m_model->setFilter(filter);
    if (m_shown) {
        loadDetails(m_shown->id);
    }
}

void CustomersPage::applyFilter()
{
    m_searchDelay.stop();
    Client::UserFilter filter;
    filter.search = m_search->text().simplified();
    filter.role = m_role->currentData().toString();
    filter.status = m_statusFilter->currentData().toString();
    const Client::UserFilter &current = m_model->filter();
    if (m_loaded && filter.search == current.search && filter.role == current.role
        && filter.status == current.status && m_model->state() != UserListModel::State::Failed) {
        return;
    }
    m_loaded = true;
    m_model->setFilter(filter);
    m_table->scrollToTop();
}

void CustomersPage::updateState()
{
    using State = UserListModel::State;
    const State state = m_model->state();
    const int rows = m_model->rowCount();
    const QLocale locale;
    m_retryMore->setVisible(state == State::Failed && rows > 0);
    if (state == State::Failed && rows == 0) {
        const auto text =
            Client::UserMessages::describe(m_model->lastError(), m_context.api()->baseUrl());
        m_status->showError(text.title, text.message);
        m_stack->setCurrentWidget(m_status);
        m_count->clear();
        return;
    }
    if (rows == 0 && state != State::Ready) {
        m_status->showLoading(tr("Loading accounts …"));
        m_stack->setCurrentWidget(m_status);
        m_count->setText(tr("Loading …"));
        return;
    }
    if (rows == 0) {
        const Client::UserFilter &filter = m_model->filter();
        m_status->showEmpty(tr("No accounts"),
                            filter.search.isEmpty()
                                ? tr("No account matches these filters. Choose other ones.")
                                : tr("No account matches \"%1\". Try part of the email address "
                                     "or name.")
                                      .arg(filter.search));
        m_stack->setCurrentWidget(m_status);
        m_count->setText(tr("No accounts"));
        return;
    }
    m_stack->setCurrentWidget(m_table);
    if (!m_table->currentIndex().isValid()) {
        m_table->setCurrentIndex(m_model->index(0, 0));
    }
    if (state == State::Failed) {
        m_count->setText(
            tr("Showing %1 accounts; loading more failed.").arg(locale.toString(rows)));
        return;
    }
    m_count->setText(tr("Showing %1 of %2 accounts")
                         .arg(locale.toString(rows),
                              locale.toString(std::max<qint64>(rows, m_model->totalCount()))));
}

void CustomersPage::openRow(int row)
{
    const User *user = m_model->userAt(row);
    if (!user) {
        return;
    }
    const bool other = !m_shown || m_shown->id != user->id;
    showUser(*user);
    if (other) {
        setMessage(QString(), false);
    }
    loadDetails(user->id);
}

void CustomersPage::showUser(const User &user)
{
    m_shown = user;
    m_detailsStack->setCurrentIndex(1);
    updateDetailTexts();
}

void CustomersPage::updateDetailTexts()
{
    if (!m_shown) {
        return;
    }
    const User &user = *m_shown;
    m_name->setText(user.displayName());
    m_email->setText(user.email);
    m_roleValue->setText(UserListModel::roleText(user.role));
    m_statusValue->setText(UserListModel::statusText(user.isActive));
    m_language->setText(user.language.isEmpty() ? tr("(not set)") : user.language);
    m_created->setText(QLocale().toString(user.createdAt.toLocalTime(), QLocale::ShortFormat));
    m_activeButton->setText(user.isActive ? tr("&Deactivate …") : tr("Ac&tivate …"));
    m_roleButton->setText(user.isAdmin() ? tr("&Revoke Admin …") : tr("Grant Ad&min …"));
    m_activeButton->setEnabled(!m_busy);
    m_roleButton->setEnabled(!m_busy);
}

void CustomersPage::loadDetails(const QString &id)
{
    const quint64 generation = ++m_detailsGeneration;
    m_addressesLoaded = false;
    m_addresses->clear();
    m_addresses->addItem(tr("Loading addresses …"));
    m_client->user(id, this, [this, generation](Result<Client::UserDetails> result) {
        if (generation != m_detailsGeneration) {
            return;
        }
        m_addresses->clear();
        if (!result) {
            const auto text =
                Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
            m_addresses->addItem(tr("The addresses could not be loaded: %1").arg(text.message));
            return;
        }
        showUser(result->user);
        m_model->updateUser(result->user);
        for (const Client::Address &address : std::as_const(result->addresses)) {
            auto *item = new QListWidgetItem(
                address.isDefault ? tr("%1 (default)").arg(address.summary()) : address.summary(),
                m_addresses);
            item->setData(Qt::UserRole, address.id);
        }
        if (result->addresses.isEmpty()) {
            m_addresses->addItem(tr("No addresses saved."));
        }
        m_addressesLoaded = true;
    });
}

bool CustomersPage::isSelf(const User &user) const
{
    const auto me = m_context.session()->user();
    return me && me->id == user.id;
}

void CustomersPage::toggleActive()
{
    if (!m_shown || m_busy) {
        return;
    }
    const User user = *m_shown;
    const QString who = tr("%1 (%2)").arg(user.displayName(), user.email);
    const bool activate = !user.isActive;
    const Confirmation confirmation = activate
        ? Confirmation {tr("Activate Account"),
                        tr("Activate the account of %1?\n\nThey can sign in again.").arg(who),
                        tr("Activate")}
        : Confirmation {tr("Deactivate Account"),
                        tr("Deactivate the account of %1?\n\nThey can no longer sign "
                           "in, and every session they have open ends at once.")
                            .arg(who),
                        tr("Deactivate")};
    if (!m_confirm(confirmation)) {
        setMessage(tr("Nothing changed."), false);
        return;
    }
    setBusy(true);
    setMessage(activate ? tr("Activating …") : tr("Deactivating …"), false);
    m_client->setActive(
        user.id, activate, this,
        [this, action = activate ? QStringLiteral("activate") : QStringLiteral("deactivate")](
            Result<User> result) { finishChange(action, std::move(result)); });
}

void CustomersPage::toggleAdmin()
{
    if (!m_shown || m_busy) {
        return;
    }
    const User user = *m_shown;
    const QString who = tr("%1 (%2)").arg(user.displayName(), user.email);
    const bool grant = !user.isAdmin();
    const Confirmation confirmation = grant
        ? Confirmation {tr("Grant Admin"),
                        tr("Make %1 an admin?\n\nAdmins can see and change every account "
                           "and the catalog. Their open sessions end; they sign in again "
                           "to use the admin console.")
                            .arg(who),
                        tr("Grant Admin")}
        : Confirmation {tr("Revoke Admin"),
                        tr("Take the admin role from %1?\n\nThey keep their customer "
                           "account but can no longer use the admin console. Their open "
                           "sessions end.")
                            .arg(who),
                        tr("Revoke Admin")};
    if (!m_confirm(confirmation)) {
        setMessage(tr("Nothing changed."), false);
        return;
    }
    setBusy(true);
    setMessage(grant ? tr("Granting the admin role …") : tr("Revoking the admin role …"), false);
    m_client->setRole(user.id, grant ? QStringLiteral("admin") : QStringLiteral("user"), this,
                      [this, action = grant ? QStringLiteral("grant") : QStringLiteral("revoke")](
                          Result<User> result) { finishChange(action, std::move(result)); });
}

void CustomersPage::finishChange(const QString &action, Result<User> result)
{
    setBusy(false);
    if (!result) {
        const Error &error = result.error();
        qCInfo(lcAdminCustomers) << "change" << action << "refused:" << int(error.code);
        if (error.code == ErrorCode::Conflict) {
            setMessage(action == u"deactivate"
                           ? tr("You cannot deactivate your own account. Ask another admin to "
                                "do it.")
                           : tr("You cannot take the admin role from yourself. Ask another "
                                "admin to do it."),
                       true);
        } else if (error.code == ErrorCode::NotFound) {
            setMessage(tr("This account no longer exists. Press F5 to reload the list."), true);
        } else {
            const auto text = Client::UserMessages::describe(error, m_context.api()->baseUrl());
            setMessage(tr("%1: %2").arg(text.title, text.message), true);
        }
        return;
    }
    const User &user = *result;
    m_model->updateUser(user);
    if (m_shown && m_shown->id == user.id) {
        showUser(user);
    }
    m_audit->markStale();
    const QString who = user.displayName();
    if (action == u"activate") {
        setMessage(tr("%1 is active again and can sign in.").arg(who), false);
    } else if (action == u"deactivate") {
        setMessage(tr("%1 is deactivated; their sessions have ended.").arg(who), false);
    } else if (action == u"grant") {
        setMessage(tr("%1 is now an admin.").arg(who), false);
    } else {
        setMessage(tr("%1 is no longer an admin.").arg(who), false);
    }
}

void CustomersPage::setMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText,
                     isError ? QColor(0xb0, 0x20, 0x20) : palette.color(QPalette::Text));
    m_message->setPalette(palette);
    m_message->setProperty("isError", isError);
}

void CustomersPage::setBusy(bool busy)
{
    m_busy = busy;
    m_activeButton->setEnabled(!busy);
    m_roleButton->setEnabled(!busy);
}

void CustomersPage::showAuditLog()
{
    m_tabs->setCurrentWidget(m_audit);
}

void CustomersPage::showAuditForShownUser()
{
    if (!m_shown) {
        return;
    }
    m_audit->setTarget(m_shown->id, m_shown->email);
    showAuditLog();
    m_audit->table()->setFocus(Qt::OtherFocusReason);
}

} // namespace Shop::Admin
