/*
 * cli/history.c - the athlete's history up to --date from the open
 * database (tendo/loader.h), and the day's advice from it: what today,
 * rehab, plan, load and report share.
 */
#include "cli.h"

#include <stdlib.h>

int cli_history(struct cli *c, struct tendo_history **h)
{
    struct tendo_error e = {0};
    if (tendo_history_load(c->db, c->date, h, &e))
        return cli_error(c, &e);
    return 0;
}

int cli_advise(struct cli *c, struct tendo_advice *a)
{
    struct tendo_error e = {0};
    struct tendo_history *h;
    int rc = cli_history(c, &h);
    if (rc)
        return rc;
    if (tendo_advise(h, c->date, a, &e))
        rc = cli_error(c, &e);
    tendo_history_free(h);
    return rc;
}
