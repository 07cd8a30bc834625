#include "settings.h"

#include <QSettings>

#include <algorithm>

namespace Shop::Client {

namespace Key {
const auto serverUrl = QStringLiteral("server/url");
const auto language = QStringLiteral("ui/language");
const auto idleSignOutMinutes = QStringLiteral("session/idle_sign_out_minutes");
const auto lastEmail = QStringLiteral("session/last_email");
const auto guestCart = QStringLiteral("cart/guest");
QString windowGeometry(const QString &window)
{
    return QStringLiteral("windows/%1/geometry").arg(window);
}
QString windowState(const QString &window)
{
    return QStringLiteral("windows/%1/state").arg(window);
}
} // namespace Key

Settings::Settings()
    : m_settings(std::make_unique<QSettings>())
{ }

Settings::Settings(const QString &path)
    : m_settings(std::make_unique<QSettings>(path, QSettings::IniFormat))
{ }

Settings::~Settings() = default;

QUrl Settings::defaultServerUrl()
{
    return QUrl(QStringLiteral("http://127.0.0.1:8080"));
}

QUrl Settings::normalizedServerUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return {};
    }
    QUrl url = QUrl::fromUserInput(trimmed);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != u"http" && url.scheme() != u"https")) {
        return {};
    }
    url.setQuery(QString());
    url.setFragment(QString());
    QString path = url.path();
    while (path.endsWith(u'/')) {
        path.chop(1);
    }
    url.setPath(path);
    return url;
}

bool Settings::hasServerUrl() const
{
    return m_settings->contains(Key::serverUrl);
}

QUrl Settings::serverUrl() const
{
    const QUrl url = normalizedServerUrl(m_settings->value(Key::serverUrl).toString());
    return url.isEmpty() ? defaultServerUrl() : url;
}

void Settings::setServerUrl(const QUrl &url)
{
    m_settings->setValue(Key::serverUrl, url.toString());
}

QString Settings::language() const
{
    return m_settings->value(Key::language).toString();
}

void Settings::setLanguage(const QString &code)
{
    if (code.isEmpty()) {
        m_settings->remove(Key::language);
    } else {
        m_settings->setValue(Key::language, code);
    }
}

int Settings::idleSignOutMinutes() const
{
    bool ok = false;
    const int minutes = m_settings->value(Key::idleSignOutMinutes).toInt(&ok);
    return ok && minutes >= 0 ? minutes : kDefaultIdleSignOutMinutes;
}

void Settings::setIdleSignOutMinutes(int minutes)
{
    m_settings->setValue(Key::idleSignOutMinutes, std::max(0, minutes));
}

QString Settings::lastEmail() const
{
    return m_settings->value(Key::lastEmail).toString();
}

void Settings::setLastEmail(const QString &email)
{
    m_settings->setValue(Key::lastEmail, email);
}

QByteArray Settings::guestCart() const
{
    return m_settings->value(Key::guestCart).toByteArray();
}

void Settings::setGuestCart(const QByteArray &json)
{
    if (json.isEmpty()) {
        m_settings->remove(Key::guestCart);
    } else {
        m_settings->setValue(Key::guestCart, json);
    }
}

QByteArray Settings::windowGeometry(const QString &window) const
{
    return m_settings->value(Key::windowGeometry(window)).toByteArray();
}

void Settings::setWindowGeometry(const QString &window, const QByteArray &geometry)
{
    m_settings->setValue(Key::windowGeometry(window), geometry);
}

QByteArray Settings::windowState(const QString &window) const
{
    return m_settings->value(Key::windowState(window)).toByteArray();
}

void Settings::setWindowState(const QString &window, const QByteArray &state)
{
    m_settings->setValue(Key::windowState(window), state);
}

QString Settings::fileName() const
{
    return m_settings->fileName();
}

void Settings::sync()
{
    m_settings->sync();
}

} // namespace Shop::Client
