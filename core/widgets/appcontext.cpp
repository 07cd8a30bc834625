#include "widgets/appcontext.h"

namespace Shop::Widgets {

using Client::ApiClient;
using Client::ImageLoader;
using Client::Settings;

AppContext::AppContext(std::unique_ptr<Settings> settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_api(new ApiClient(this))
    , m_images(new ImageLoader(this))
{
    m_api->setBaseUrl(m_settings->serverUrl());
}

AppContext::~AppContext() = default;

void AppContext::useServer(const QUrl &url)
{
    if (url == m_api->baseUrl()) {
        return;
    }
    m_api->cancelAll();
    m_api->setBaseUrl(url);
    m_images->retryFailed();
    Q_EMIT serverChanged(url);
}

void AppContext::saveServer(const QUrl &url)
{
    m_settings->setServerUrl(url);
    m_settings->sync();
    useServer(url);
}

} // namespace Shop::Widgets
