/*
 * cli/cli.h - what the command files share: the parsed global options, the
 * open database, "today", output helpers and the command table.
 *
 * The CLI is the only code that prints or exits. Exit statuses
 * (docs/cli.md): 0 success, 1 usage error, 2 data/input error (some
 * inputs rejected), 3 internal or storage error; cli_status() maps library
 * error codes onto them.
 */
#ifndef TENDO_CLI_H
#define TENDO_CLI_H

#include <getopt.h>
#include <stdio.h>
#include "tendo/tendo.h"

enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_DATA = 2, EXIT_INTERNAL = 3 };

struct cli {
    const char *prog;
    const char *cmd;        /* the command running ("log"), or NULL */
    char db_path[4096];
    int json, quiet, verbose;
    const char *units_arg;  /* --units, or NULL */
    const char *date_arg;   /* --date, or NULL */
    int units;              /* enum tendo_units, resolved by cli_open */
    tendo_day today;        /* in the athlete's zone, resolved by cli_open */
    tendo_day date;         /* --date or today */
    int64_t now_utc;
    tendo_tz *zone;         /* the athlete's zone, loaded by cli_open */
    tendo_db *db;
    int db_read_only;       /* opened by cli_open(c, CLI_READ) */
    int said_waiting;       /* "waiting for another tendo command" said */
};

/* The command table (cli/main.c): everything `tendo help`, `--help` and
 * the generated bash completion know of a command. */
struct cmd {
    const char *name;
    const char *summary;                 /* one line for `tendo help` */
    int (*run)(struct cli *c, int argc, char **argv);
    const char *help;                    /* `tendo help NAME`, --help */
    const struct option *opts;           /* its getopt table */
    const char *words;                   /* its first words (subcommands,
                                            kinds), or NULL */
    int files;                           /* takes file names */
};

/* The table, and one command of it (NULL when there is none). */
const struct cmd *cli_commands(size_t *n);
const struct cmd *cli_command(const char *name);
/* Prints command `name`'s help on stdout; returns EXIT_OK. */
int cli_help(struct cli *c, const char *name);
/* config's help goes on with the settings and their defaults */
void cmd_config_help_more(void);

/* Long options every command accepts (the global ones), for getopt tables:
 * put GLOBAL_OPTS before the {0} terminator; handle codes >= OPT_GLOBAL
 * with cli_global(). */
enum { OPT_GLOBAL = 1000, OPT_DB, OPT_JSON, OPT_UNITS, OPT_DATE, OPT_HELP };
#define GLOBAL_OPTS                                      \
    {"db", required_argument, NULL, OPT_DB},             \
    {"json", no_argument, NULL, OPT_JSON},               \
    {"units", required_argument, NULL, OPT_UNITS},       \
    {"date", required_argument, NULL, OPT_DATE},         \
    {"help", no_argument, NULL, 'h'}
#define GLOBAL_SHORT ":hqv"

/* Handles a global option (or -q / -v); returns 0 if `opt` was one, 1 if
 * not, -1 on a usage error (already reported). */
int cli_global(struct cli *c, int opt, const char *arg);

/* Opens the database, resolves the time zone, today, --date and --units.
 * Returns an exit status (0 on success). `mode`: CLI_READ for commands
 * that only read (read-only: they work on a database the user may not
 * write and never create one), CLI_CREATE for commands that record
 * (creating the database and its folders), CLI_WRITE for those that
 * change what exists (edit, delete). Reopening with CLI_CREATE or
 * CLI_WRITE after CLI_READ reopens read-write. */
enum { CLI_READ = 0, CLI_CREATE = 1, CLI_WRITE = 2 };
int cli_open(struct cli *c, int mode);
void cli_close(struct cli *c);

/* Prints "tendo: MSG" to stderr and returns the exit status for `code`. */
int cli_error(struct cli *c, const struct tendo_error *e);
int cli_errorf(struct cli *c, int status, const char *fmt, ...)
    TENDO_PRINTF(3, 4);
int cli_status(int code);
/* Reports an unknown option / missing argument for command `cmd`. */
int cli_usage(struct cli *c, const char *cmd, const char *msg);
/* Reports what getopt_long rejected (`opt` is '?' or ':'); exit status 1. */
int cli_bad_option(struct cli *c, const char *cmd, char **argv, int opt);

/* After a command: flushes stdout; a failed write (a full disk, a closed
 * pipe's reader gone) turns a success into exit status 3 with one line on
 * stderr, as git does, so scripts do not take lost output for success. */
int cli_flush(int rc);

/* Prints a JSON value (one line) on stdout and drops the reference. */
int cli_print_json(struct cli *c, json_t *v);

/* Distance helpers: metres to the display unit, and its name. */
double cli_dist(const struct cli *c, double metres);
const char *cli_unit(const struct cli *c);
/* Parses a distance option given in km (`unit` 0) or miles (1) into
 * metres. */
int cli_parse_distance(struct cli *c, const char *arg, int unit,
                       const char *opt, double *metres);

/* Resets getopt for a command's own options (argv[0] is the command). */
void cli_getopt_reset(void);

/* Writes `len` bytes to `path` atomically (temp file + rename), or to
 * stdout when path is NULL or "-". */
int cli_write_output(struct cli *c, const char *path, const char *data,
                     size_t len);

/* The fields of a session given on the command line (cli/opts.c). */
enum { OPT_KM = 900, OPT_MI, OPT_CLEAR, OPT_NO_SHOE, OPT_INTERACTIVE,
       OPT_PAIN_AFTER };
#define SESSION_OPTS                                      \
    {"minutes", required_argument, NULL, 'm'},            \
    {"km", required_argument, NULL, OPT_KM},              \
    {"mi", required_argument, NULL, OPT_MI},              \
    {"rpe", required_argument, NULL, 'r'},                \
    {"surface", required_argument, NULL, 's'},            \
    {"shoe", required_argument, NULL, 'S'},               \
    {"pain", required_argument, NULL, 'p'},               \
    {"pain-after", required_argument, NULL, OPT_PAIN_AFTER}, \
    {"notes", required_argument, NULL, 'n'}
#define SESSION_SHORT "m:r:s:S:p:n:"

struct cli_session_edit {
    struct tendo_session s;
    int set_minutes, set_distance, set_rpe, set_surface, set_shoe, set_pain,
        set_pain_after, set_notes, set_type;
};
/* Parses one session option into `ed`: 0 if taken, -1 if `opt` is not a
 * session option, else an exit status (the error is printed). */
int cli_session_opt(struct cli *c, int opt, const char *arg,
                    struct cli_session_edit *ed);
void cli_session_apply(const struct cli_session_edit *ed,
                       struct tendo_session *dst);
void cli_session_print(const struct cli *c, const struct tendo_session *s,
                       FILE *f);

/* Prompts on stderr and reads a line from stdin (cli/prompt.c). Return 1
 * with a value, 0 when the answer was empty (skipped), -1 at end of input.
 * Invalid answers are explained and asked again. */
int cli_ask(const char *question, char *answer, size_t cap);
/* What the re-ask after a bad answer says Enter does (default "or press
 * Enter to skip"). */
void cli_ask_skip_hint(const char *hint);
int cli_ask_int(const char *question, const char *field, long lo, long hi,
                int *out);
int cli_ask_enum(const char *question, const char *field,
                 const char *const *names, int *index);

/* The athlete's history up to c->date from the open database
 * (cli/history.c; free with tendo_history_free), and the day's advice
 * from it. Return an exit status (0 on success; the error is printed). */
int cli_history(struct cli *c, struct tendo_history **h);
/* cli/workouts.c: the plan's days as FIT workout files in `dir` (made if
 * missing), or today's (the plan's first day: its run or cross-training,
 * else its rehab) as `path` */
int cli_write_workouts(struct cli *c, const struct tendo_plan *p,
                       const struct tendo_history *h, const char *dir);
int cli_write_workout_today(struct cli *c, const struct tendo_plan *p,
                            const struct tendo_history *h, const char *path);
int cli_advise(struct cli *c, struct tendo_advice *a);

/* The commands, one file each (cli/cmd-NAME.c). */
extern const char cmd_assess_help[];
extern const struct option cmd_assess_opts[];
extern const char cmd_backup_help[];
extern const struct option cmd_backup_opts[];
extern const char cmd_check_help[];
extern const struct option cmd_check_opts[];
extern const char cmd_config_help[];
extern const struct option cmd_config_opts[];
extern const char cmd_delete_help[];
extern const struct option cmd_delete_opts[];
extern const char cmd_edit_help[];
extern const struct option cmd_edit_opts[];
extern const char cmd_export_help[];
extern const struct option cmd_export_opts[];
extern const char cmd_flags_help[];
extern const struct option cmd_flags_opts[];
extern const char cmd_import_help[];
extern const struct option cmd_import_opts[];
extern const char cmd_init_help[];
extern const struct option cmd_init_opts[];
extern const char cmd_inspect_help[];
extern const struct option cmd_inspect_opts[];
extern const char cmd_list_help[];
extern const struct option cmd_list_opts[];
extern const char cmd_load_help[];
extern const struct option cmd_load_opts[];
extern const char cmd_log_help[];
extern const struct option cmd_log_opts[];
extern const char cmd_plan_help[];
extern const struct option cmd_plan_opts[];
extern const char cmd_rehab_help[];
extern const struct option cmd_rehab_opts[];
extern const char cmd_report_help[];
extern const struct option cmd_report_opts[];
extern const char cmd_shoe_help[];
extern const struct option cmd_shoe_opts[];
extern const char cmd_today_help[];
extern const struct option cmd_today_opts[];
extern const char cmd_wellness_help[];
extern const struct option cmd_wellness_opts[];
extern const char cmd_serve_help[];
extern const struct option cmd_serve_opts[];
int cmd_serve(struct cli *c, int argc, char **argv);
extern const char cmd_help_help[];
extern const struct option cmd_help_opts[];
int cmd_help(struct cli *c, int argc, char **argv);
extern const char cmd_completion_help[];
extern const struct option cmd_completion_opts[];
int cmd_completion(struct cli *c, int argc, char **argv);
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_config(struct cli *c, int argc, char **argv);
int cmd_log(struct cli *c, int argc, char **argv);
int cmd_edit(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_flags(struct cli *c, int argc, char **argv);
int cmd_rehab(struct cli *c, int argc, char **argv);
int cmd_wellness(struct cli *c, int argc, char **argv);
int cmd_shoe(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_delete(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_inspect(struct cli *c, int argc, char **argv);
int cmd_load(struct cli *c, int argc, char **argv);
int cmd_today(struct cli *c, int argc, char **argv);
int cmd_assess(struct cli *c, int argc, char **argv);
int cmd_plan(struct cli *c, int argc, char **argv);
int cmd_report(struct cli *c, int argc, char **argv);

#endif
