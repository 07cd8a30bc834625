#pragma once

#include <QObject>

#include <chrono>

class QTimer;

namespace Shop::Admin {

// Signs the console out after a while without user input: every key press, mouse button, mouse
// move, wheel turn or touch anywhere in the application starts the wait again. Watches only
// while started (while someone is signed in).
class IdleSignOut final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdleSignOut)

public:
    explicit IdleSignOut(QObject *parent = nullptr);
    ~IdleSignOut() override;

    // 0: never.
    void setTimeout(std::chrono::milliseconds timeout);
    [[nodiscard]] std::chrono::milliseconds timeout() const { return m_timeout; }
    void start();
    void stop();
    [[nodiscard]] bool isActive() const;

Q_SIGNALS:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer *m_timer;
    std::chrono::milliseconds m_timeout {0};
    bool m_started = false;
};

} // namespace Shop::Admin
