#pragma once

#include <QWidget>

namespace Shop::Admin {

// A section that a later feature fills: says so plainly instead of showing dead controls.
class PlaceholderPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderPage)

public:
    PlaceholderPage(const QString &title, const QString &message, QWidget *parent = nullptr);
};

} // namespace Shop::Admin
