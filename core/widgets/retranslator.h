#pragma once

#include <QObject>

#include <functional>
#include <vector>

class QWidget;

namespace Shop::Widgets {

// Keeps a widget's user-visible text in the current language. Each add() runs its function at
// once and again whenever the language changes (TranslationLoader::install at run time), so the
// text is written in one place, next to the widget it belongs to:
//
//     m_retranslator->add([this] { m_title->setText(tr("Welcome to the shop")); });
//
// Owned by (and watching) `owner`; Qt sends QEvent::LanguageChange to every widget when a
// translator is installed or removed.
class Retranslator final : public QObject
{
    Q_OBJECT

public:
    explicit Retranslator(QWidget *owner);

    void add(std::function<void()> apply);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::vector<std::function<void()>> m_apply;
};

} // namespace Shop::Widgets
