#pragma once

#include <QObject>

#include <functional>

class QNetworkRequest;

namespace Shop::Client {

// The hook where credentials enter the API client (the accounts module implements it with a
// bearer token and a refresh token). ApiClient calls authorize() on every attempt of every
// request, and refresh() after a 401: once for all the calls that got a 401 meanwhile, and each
// of them is repeated once afterwards.
class Authenticator : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Authenticator)

public:
    explicit Authenticator(QObject *parent = nullptr)
        : QObject(parent)
    { }

    // Adds the current credentials to an outgoing request (e.g. "Authorization: Bearer ...").
    virtual void authorize(QNetworkRequest &request) = 0;
    // Obtains new credentials, then calls `done` exactly once, on this object's thread, with
    // whether authorize() now has something better to add. May call it before returning.
    virtual void refresh(std::function<void(bool ok)> done) = 0;
};

} // namespace Shop::Client
