#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Storefront {

// "Forgot password?": asks for the email address, then says that an email is on its way if the
// address is registered (the server answers the same either way), and offers to enter the code
// from that email.
class ForgotPasswordDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForgotPasswordDialog)

public:
    ForgotPasswordDialog(Widgets::AppContext &context, const QString &email,
                         QWidget *parent = nullptr);

    [[nodiscard]] bool isSent() const;
    [[nodiscard]] QString message() const;
    void submit();

Q_SIGNALS:
    void resetRequested();

private:
    Widgets::AppContext &m_context;
    QStackedWidget *m_steps;
    QLineEdit *m_email;
    QLabel *m_error;
    QLabel *m_sent;
    QPushButton *m_send;
    QPushButton *m_enterCode;
};

} // namespace Shop::Storefront
