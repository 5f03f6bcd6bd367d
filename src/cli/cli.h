/* cli.h - the subcommand table. main() calls cli_main(). */
#ifndef SJ_CLI_H
#define SJ_CLI_H

int cli_main(int argc, char **argv);

#endif
