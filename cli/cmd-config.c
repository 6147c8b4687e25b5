/*
 * cli/cmd-config.c - `tendo config [KEY [VALUE]]`, `tendo config --unset KEY`.
 */
#include "cli.h"

#include <string.h>

const char cmd_config_help[] =
    "usage: tendo config              list every setting\n"
    "       tendo config KEY          print one setting\n"
    "       tendo config KEY VALUE    change it\n"
    "       tendo config --unset KEY  back to the default\n\n"
    "Settings live in the database. Keys:\n";

/* after the help text: every key with its default */
void cmd_config_help_more(void)
{
    size_t n;
    const struct tendo_setting_def *d = tendo_settings(&n);
    for (size_t i = 0; i < n; i++)
        printf("  %-15s %s%s%s%s\n", d[i].key, d[i].help,
               d[i].def ? " [default " : "", d[i].def ? d[i].def : "",
               d[i].def ? "]" : "");
}

const struct option cmd_config_opts[] = {
    {"unset", required_argument, NULL, 'u'}, GLOBAL_OPTS, {0, 0, 0, 0}};

int cmd_config(struct cli *c, int argc, char **argv)
{
    const char *unset = NULL;
    struct tendo_error e = {0};
    int opt, rc;
    size_t n;
    const struct tendo_setting_def *defs = tendo_settings(&n);

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT "u:", cmd_config_opts, NULL)) !=
           -1) {
        if (opt == 'h')
            return cli_help(c, "config");
        if (opt == '?' || opt == ':')
            return cli_bad_option(c, "config", argv, opt);
        if (opt == 'u')
            unset = optarg;
        else if (cli_global(c, opt, optarg) < 0)
            return EXIT_USAGE;
    }
    argc -= optind;
    argv += optind;
    if (argc > 2 || (unset && argc))
        return cli_usage(c, "config", "config takes at most KEY and VALUE");

    /* validate before the database is touched */
    if (argc == 2) {
        char norm[128];
        if ((rc = tendo_setting_check(argv[0], argv[1], norm, sizeof norm,
                                      &e)))
            return cli_error(c, &e);
    }
    if ((rc = cli_open(c, argc == 2 || unset ? CLI_CREATE : CLI_READ)))
        return rc;

    if (unset || argc == 2) {
        const char *key = unset ? unset : argv[0];
        char value[128];
        if ((rc = tendo_db_begin(c->db, &e)) ||
            (rc = unset ? tendo_setting_unset(c->db, key, &e)
                        : tendo_setting_set(c->db, key, argv[1], &e)) ||
            (rc = tendo_setting_get(c->db, key, value, sizeof value, NULL,
                                    &e)) ||
            (rc = tendo_db_commit(c->db, &e))) {
            tendo_db_rollback(c->db);
            return cli_error(c, &e);
        }
        if (c->json)
            return cli_print_json(c, json_pack("{s:s}", key, value));
        if (!c->quiet)
            printf("%s = %s\n", key, value);
        return EXIT_OK;
    }
    if (argc == 1) {
        char value[128];
        int is_set;
        if ((rc = tendo_setting_get(c->db, argv[0], value, sizeof value,
                                    &is_set, &e)))
            return cli_error(c, &e);
        if (c->json)
            return cli_print_json(
                c, json_pack("{s:s?,s:b}", "value", value[0] ? value : NULL,
                             "default", !is_set));
        printf("%s\n", value);
        return EXIT_OK;
    }
    {
        json_t *all = c->json ? json_object() : NULL;
        for (size_t i = 0; i < n; i++) {
            char value[128];
            int is_set;
            if ((rc = tendo_setting_get(c->db, defs[i].key, value,
                                        sizeof value, &is_set, &e))) {
                json_decref(all);
                return cli_error(c, &e);
            }
            if (all)
                json_object_set_new(all, defs[i].key,
                                    json_pack("{s:s?,s:b}", "value",
                                              value[0] ? value : NULL,
                                              "default", !is_set));
            else
                printf("%-15s = %s%s\n", defs[i].key,
                       value[0] ? value : "(unset)",
                       is_set ? "" : "  (default)");
        }
        if (all)
            return cli_print_json(c, all);
    }
    return EXIT_OK;
}
