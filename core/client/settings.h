#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <memory>

class QSettings;

namespace Shop::Client {

// The one place that knows the apps' settings keys. A typed facade over QSettings: callers never
// spell a key or convert a QVariant themselves.
class Settings final
{
public:
    // The platform's default location for the application (organisation and application name
    // from QCoreApplication).
    Settings();
    // An INI file at `path` (tests, --settings on the command line).
    explicit Settings(const QString &path);
    ~Settings();
    Settings(const Settings &) = delete;
    Settings &operator=(const Settings &) = delete;

    [[nodiscard]] static QUrl defaultServerUrl();
    // A user-typed address as a server URL: "localhost:8080" becomes "http://localhost:8080".
    // An empty URL when the text is not an http(s) address.
    [[nodiscard]] static QUrl normalizedServerUrl(const QString &text);

    // False on the very first run: the apps then ask for the server's address.
    [[nodiscard]] bool hasServerUrl() const;
    [[nodiscard]] QUrl serverUrl() const; // defaultServerUrl() when not set
    void setServerUrl(const QUrl &url);

    // A language code such as "de", or empty for the system's language.
    [[nodiscard]] QString language() const;
    void setLanguage(const QString &code);

    // The admin console signs out after this many minutes without input; 0: never.
    static constexpr int kDefaultIdleSignOutMinutes = 15;
    [[nodiscard]] int idleSignOutMinutes() const;
    void setIdleSignOutMinutes(int minutes);
    // The email last used to sign in, to fill in the sign-in form (not a secret).
    [[nodiscard]] QString lastEmail() const;
    void setLastEmail(const QString &email);
    // The storefront's guest cart (a signed-out customer's), as the cart client's JSON; empty
    // when there is none.
    [[nodiscard]] QByteArray guestCart() const;
    void setGuestCart(const QByteArray &json);

    // Per window ("storefront/main", "admin/main"): QWidget::saveGeometry() and
    // QMainWindow::saveState() blobs, kept opaque here so this library needs no widgets.
    [[nodiscard]] QByteArray windowGeometry(const QString &window) const;
    void setWindowGeometry(const QString &window, const QByteArray &geometry);
    [[nodiscard]] QByteArray windowState(const QString &window) const;
    void setWindowState(const QString &window, const QByteArray &state);

    [[nodiscard]] QString fileName() const;
    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace Shop::Client
