#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Shop::Widgets {

// The empty, loading and error states of a page: an icon, a title, a sentence saying what
// happened and what to do, and a button (Retry, Clear filters, ...).
class StatusPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusPanel)

public:
    enum class Kind { Loading, Empty, Error };
    Q_ENUM(Kind)

    explicit StatusPanel(QWidget *parent = nullptr);

    void showLoading(const QString &message);
    void showEmpty(const QString &title, const QString &message,
                   const QString &actionText = QString());
    void showError(const QString &title, const QString &message);

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] QString title() const;
    [[nodiscard]] QString message() const;
    [[nodiscard]] QPushButton *actionButton() const { return m_action; }

Q_SIGNALS:
    void retryRequested();
    void actionRequested();

private:
    Kind m_kind = Kind::Loading;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_message;
    QProgressBar *m_progress;
    QPushButton *m_action;
};

} // namespace Shop::Widgets
