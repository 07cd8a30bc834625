#pragma once

#include "apiclient.h"
#include "imageloader.h"
#include "settings.h"

#include <QObject>

#include <memory>

namespace Shop::Client {

// What an app window needs from the outside world: its settings, the API client and the image
// loader, created once at start-up and handed to the windows (no singletons).
class AppContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppContext)

public:
    explicit AppContext(std::unique_ptr<Settings> settings, QObject *parent = nullptr);
    ~AppContext() override;

    [[nodiscard]] Settings &settings() { return *m_settings; }
    [[nodiscard]] ApiClient *api() const { return m_api; }
    [[nodiscard]] ImageLoader *images() const { return m_images; }

    // Points the client at another server for this session (not saved).
    void useServer(const QUrl &url);
    // Saves the server in the settings and uses it.
    void saveServer(const QUrl &url);

Q_SIGNALS:
    void serverChanged(const QUrl &url);

private:
    std::unique_ptr<Settings> m_settings;
    ApiClient *m_api;
    ImageLoader *m_images;
};

} // namespace Shop::Client
