#pragma once

#include "error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Shop::Server {

// One server module's part of the OpenAPI document:
//   { "paths": { ... }, "components": { "schemas": { ... }, ... }, "tags": [ ... ] }
// "tags" (the module's tag descriptions) and components other than "schemas" (parameters,
// headers, ...) are optional. The base document (server/app/openapi/base.json) holds what all
// modules share: info, servers, the Problem schema, the error responses, the security schemes.
struct OpenApiFragment
{
    QString name; // the module's name, for error messages
    QJsonObject document;
};

// base + fragments -> one document. Paths, tags and components are added to the base's; a path,
// a tag or a component name defined twice (by two fragments, or by a fragment and the base) is
// an error naming both, and so is a fragment member other than paths, components and tags.
[[nodiscard]] Result<QJsonObject> mergeOpenApi(const QJsonObject &base,
                                               const QList<OpenApiFragment> &fragments);

// A JSON object from a file or a Qt resource (":/openapi/base.json").
[[nodiscard]] Result<QJsonObject> readOpenApiJson(const QString &fileName);

// The base document built into shop-server, merged with `fragments`.
[[nodiscard]] Result<QJsonObject> assembleOpenApi(const QList<OpenApiFragment> &fragments);

// The document as shop-server serves and prints it, and as docs/openapi.json holds it: indented
// by two spaces, the members of OpenAPI objects in the specification's order (openapi, info,
// servers, tags, paths, components; summary before responses ...), the rest sorted by name.
[[nodiscard]] QByteArray openApiJson(const QJsonObject &document);

} // namespace Shop::Server
