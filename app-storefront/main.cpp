#include "storefrontapp.h"

#include <QApplication>
#include <QElapsedTimer>

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    return Shop::Storefront::runStorefront(app, sinceStart);
}
