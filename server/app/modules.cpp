#include "modules.h"

#include "catalog/catalogmodule.h"
#include "systemroutes.h"

#include <QFile>

namespace Shop::Server {

ModuleList createModules(const ServerConfig &config)
{
    ModuleList modules;
    modules.push_back(std::make_unique<SystemModule>());
    modules.push_back(std::make_unique<Catalog::CatalogModule>(config));
    return modules;
}

QByteArray openApiDocument(const ModuleList &)
{
    QFile file(QStringLiteral(":/openapi/openapi.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

} // namespace Shop::Server
