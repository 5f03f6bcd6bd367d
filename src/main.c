/* main.c - shuangjian: the server and the command line in one binary. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
