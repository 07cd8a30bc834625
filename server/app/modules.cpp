#include "modules.h"

#include "catalog/catalogmodule.h"
#include "openapidocument.h"
#include "systemroutes.h"

namespace Shop::Server {

ModuleList createModules(const ServerConfig &config)
{
    ModuleList modules;
    modules.push_back(std::make_unique<SystemModule>());
    modules.push_back(std::make_unique<Catalog::CatalogModule>(config));
    return modules;
}

Result<QJsonObject> openApiDocument(const ModuleList &modules)
{
    QList<OpenApiFragment> fragments;
    for (const auto &module : modules) {
        fragments.append({module->name(), module->openApi()});
    }
    return assembleOpenApi(fragments);
}

Result<QJsonObject> builtInOpenApi()
{
    ServerConfig config;
    config.cache.enabled = false; // no listener: nothing here touches the database
    return openApiDocument(createModules(config));
}

} // namespace Shop::Server
