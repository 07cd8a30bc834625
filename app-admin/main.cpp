#include "adminapp.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    return Shop::Admin::runAdmin(app);
}
