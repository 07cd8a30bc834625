#include "sandbox/run.h"

int main(int argc, char *argv[])
{
    return Shop::Sandbox::run(argc, argv);
}
