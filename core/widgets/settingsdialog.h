#pragma once

#include <QDialog>
#include <QUrl>

#include <functional>

class QComboBox;
class QMainWindow;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace Shop::Client {
class ApiClient;
class Settings;
} // namespace Shop::Client

namespace Shop::Widgets {

class AppContext;

// Asks for the shop server's address and checks it (GET /health/ready) before saving it; in the
// full form also offers the language. On the first run only the server part is shown.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    enum class Mode { FirstRun, Full };

    SettingsDialog(Client::Settings &settings, Mode mode, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // The checked server address after accept().
    [[nodiscard]] QUrl serverUrl() const { return m_checkedUrl; }
    [[nodiscard]] bool languageChanged() const { return m_languageChanged; }

    void accept() override;

    // An app's own setting in the full form (the admin's idle sign-out time): a row below the
    // shared ones; `save` runs when the dialog saves (OK after a successful check), not on Cancel.
    void addRow(const QString &label, QWidget *field, std::function<void()> save);

    // Opens the full dialog over `window` (not blocking); on OK switches `context` to the checked
    // server and, when the language changed, says in the status bar that a restart applies it.
    // `extend` adds the app's own rows (addRow) before the dialog opens. Returns the dialog.
    static SettingsDialog *openFor(QMainWindow *window, AppContext &context,
                                   const std::function<void(SettingsDialog &)> &extend = {});

Q_SIGNALS:
    void checkFinished(bool ok);

private:
    void startCheck();
    void finishCheck(bool ok, const QString &message);
    void setBusy(bool busy);
    void saveAndClose();

    Client::Settings &m_settings;
    Mode m_mode;
    Client::ApiClient *m_checker;
    QLineEdit *m_urlEdit;
    QLabel *m_status;
    QProgressBar *m_progress;
    QFormLayout *m_form;
    QComboBox *m_language = nullptr;
    QList<std::function<void()>> m_extraSaves;
    QDialogButtonBox *m_buttons;
    QUrl m_checkedUrl;
    bool m_languageChanged = false;
};

} // namespace Shop::Widgets
