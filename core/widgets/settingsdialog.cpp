#include "widgets/settingsdialog.h"

#include "client/apiclient.h"
#include "client/settings.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/translationloader.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMainWindow>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcSettingsUi, "shop.widgets.settings", QtInfoMsg)

namespace Shop::Widgets {

using Client::ApiClient;
using Client::CallOptions;
using Client::HealthStatus;
using Client::RetryPolicy;
using Client::Settings;
using Client::UserMessages;

SettingsDialog::SettingsDialog(Settings &settings, Mode mode, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_mode(mode)
    , m_checker(new ApiClient(this))
    , m_urlEdit(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_form(new QFormLayout)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(mode == Mode::FirstRun ? tr("Connect to a shop server") : tr("Settings"));
    m_checker->setRetryPolicy(RetryPolicy {1, {}, 1.0, {}}); // one quick answer, no retries
    m_checker->setTimeout(std::chrono::seconds(5));

    auto *layout = new QVBoxLayout(this);
    if (mode == Mode::FirstRun) {
        auto *intro = new QLabel(
            tr("Welcome! Enter the address of the shop server this app should use. The address is "
               "checked before it is saved; you can change it later under Settings."),
            this);
        intro->setWordWrap(true);
        layout->addWidget(intro);
    }

    QFormLayout *form = m_form;
    m_urlEdit->setObjectName(QStringLiteral("serverUrlEdit"));
    m_urlEdit->setText(settings.hasServerUrl() ? settings.serverUrl().toString()
                                               : Settings::defaultServerUrl().toString());
    m_urlEdit->setPlaceholderText(Settings::defaultServerUrl().toString());
    m_urlEdit->setClearButtonEnabled(true);
    m_urlEdit->setMinimumWidth(fontMetrics().averageCharWidth() * 40);
    form->addRow(tr("&Server address:"), m_urlEdit);

    if (mode == Mode::Full) {
        m_language = new QComboBox(this);
        m_language->setObjectName(QStringLiteral("languageCombo"));
        m_language->addItem(tr("System language"), QString());
        for (const auto &[code, name] : TranslationLoader::availableLanguages()) {
            m_language->addItem(name, code);
        }
        m_language->setCurrentIndex(std::max(0, m_language->findData(settings.language())));
        form->addRow(tr("&Language:"), m_language);
    }
    layout->addLayout(form);

    m_status->setObjectName(QStringLiteral("serverCheckStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addStretch(1);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Check and &Save"));
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setText(mode == Mode::FirstRun ? tr("&Quit") : tr("&Cancel"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_urlEdit, &QLineEdit::textEdited, this, [this] {
        m_status->clear();
        m_checkedUrl.clear();
    });
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::addRow(const QString &label, QWidget *field, std::function<void()> save)
{
    m_form->addRow(label, field);
    if (save) {
        m_extraSaves.append(std::move(save));
    }
}

void SettingsDialog::accept()
{
    const QUrl url = Settings::normalizedServerUrl(m_urlEdit->text());
    if (url.isEmpty()) {
        finishCheck(false,
                    tr("\"%1\" is not a server address. Enter one like %2.")
                        .arg(m_urlEdit->text().trimmed(), Settings::defaultServerUrl().toString()));
        return;
    }
    if (m_mode == Mode::Full && url == m_settings.serverUrl() && m_settings.hasServerUrl()) {
        m_checkedUrl = url; // unchanged: nothing to check
        saveAndClose();
        return;
    }
    startCheck();
}

void SettingsDialog::startCheck()
{
    const QUrl url = Settings::normalizedServerUrl(m_urlEdit->text());
    setBusy(true);
    m_status->setText(tr("Checking %1 …").arg(url.toDisplayString()));
    m_checker->cancelAll();
    m_checker->setBaseUrl(url);
    CallOptions options;
    options.retry = false;
    m_checker->health(
        this,
        [this, url](Result<HealthStatus> result) {
            setBusy(false);
            if (!result) {
                qCInfo(lcSettingsUi) << "server check failed:" << url << result.error().message;
                const auto text = UserMessages::describe(result.error(), url);
                finishCheck(false, text.message);
                return;
            }
            m_checkedUrl = url;
            finishCheck(true, tr("Connected to %1.").arg(url.toDisplayString()));
            saveAndClose();
        },
        options);
}

void SettingsDialog::finishCheck(bool ok, const QString &message)
{
    m_status->setText(message);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     ok ? palette.color(QPalette::Text) : QColor(0xb0, 0x20, 0x20));
    m_status->setPalette(palette);
    Q_EMIT checkFinished(ok);
}

void SettingsDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_urlEdit->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
}

void SettingsDialog::saveAndClose()
{
    m_settings.setServerUrl(m_checkedUrl);
    if (m_language) {
        const QString language = m_language->currentData().toString();
        m_languageChanged = language != m_settings.language();
        m_settings.setLanguage(language);
    }
    for (const auto &save : std::as_const(m_extraSaves)) {
        save();
    }
    m_settings.sync();
    QDialog::accept();
}

SettingsDialog *SettingsDialog::openFor(QMainWindow *window, AppContext &context,
                                        const std::function<void(SettingsDialog &)> &extend)
{
    auto *dialog = new SettingsDialog(context.settings(), Mode::Full, window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (extend) {
        extend(*dialog);
    }
    connect(dialog, &QDialog::accepted, window, [window, &context, dialog] {
        context.useServer(dialog->serverUrl());
        if (dialog->languageChanged()) {
            // Every open window follows at once (Retranslator); numbers and prices too.
            TranslationLoader::install(*qApp, context.settings().language());
        }
    });
    dialog->open();
    return dialog;
}

} // namespace Shop::Widgets
