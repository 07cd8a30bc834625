#include "app/cli.h"

int main(int argc, char *argv[])
{
    return Shop::Server::runCli(argc, argv);
}
