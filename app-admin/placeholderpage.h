#pragma once

#include <QWidget>

class QLabel;

namespace Shop::Admin {

// A section that a later feature fills: says so plainly instead of showing dead controls.
class PlaceholderPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderPage)

public:
    explicit PlaceholderPage(QWidget *parent = nullptr);

    void setTexts(const QString &title, const QString &message);

private:
    QLabel *m_heading;
    QLabel *m_message;
};

} // namespace Shop::Admin
