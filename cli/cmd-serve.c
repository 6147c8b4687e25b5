/*
 * cli/cmd-serve.c - `tendo serve`: the web server (tendo/serve.h) in the
 * foreground, one log line per request on stderr, stopped by SIGINT or
 * SIGTERM after the requests in progress. Beyond loopback it pairs devices
 * with a token (stored hashed; the pairing address is printed once) and
 * wants TLS.
 */
#include "cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char cmd_serve_help[] =
    "usage: tendo serve [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE]\n"
    "                   [--allow-plain-http] [--new-token]\n\n"
    "Serves tendo in the browser: today's advice, the check-in (phone\n"
    "first), logging, the plan with a calendar feed, the report, imports,\n"
    "and a JSON API under /api/ with the documents of --json (docs/api.md).\n"
    "Listens on 127.0.0.1:8470 by default; port 0 takes any free port.\n"
    "On loopback there is no login. Any other address (e.g. 0.0.0.0:8470,\n"
    "for a phone on the same network) needs a pairing token: the first\n"
    "start there makes one, stores only its hash and prints the pairing\n"
    "address once - open it on the phone, which then keeps a cookie.\n"
    "  --new-token         make a new token (devices paired before must\n"
    "                      pair again with the new address)\n"
    "  --tls-cert FILE     HTTPS with this PEM certificate (and --tls-key)\n"
    "  --tls-key FILE      its PEM private key\n"
    "  --allow-plain-http  beyond loopback without TLS (your health data and\n"
    "                      the token cross the network unencrypted)\n"
    "Logs a line per request on stderr; Ctrl-C (SIGINT) or SIGTERM stops\n"
    "it. See docs/cli.md and docs/api.md.\n";

enum { O_CERT = 1, O_KEY, O_PLAIN, O_NEW_TOKEN };
const struct option cmd_serve_opts[] = {
    {"listen", required_argument, NULL, 'l'},
    {"tls-cert", required_argument, NULL, O_CERT},
    {"tls-key", required_argument, NULL, O_KEY},
    {"allow-plain-http", no_argument, NULL, O_PLAIN},
    {"new-token", no_argument, NULL, O_NEW_TOKEN},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

static int64_t now_utc(void *ctx)
{
    const char *env = getenv("TENDO_NOW");
    int64_t t;
    (void)ctx;
    if (env && *env && tendo_utc_parse(env, &t) == TENDO_OK)
        return t; /* tests and demos live on a fixed day */
    return (int64_t)time(NULL);
}

static double clock_ms(void *ctx)
{
    struct timespec t;
    (void)ctx;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "%s\n", line);
}

/* the addresses a phone can reach when listening on 0.0.0.0 */
static void print_urls(const char *scheme, const char *host, int port,
                       const char *path)
{
    struct ifaddrs *ifs, *i;
    char a[INET_ADDRSTRLEN];
    if (strcmp(host, "0.0.0.0") != 0 || getifaddrs(&ifs) != 0) {
        fprintf(stderr, "  %s://%s:%d%s\n", scheme, host, port, path);
        return;
    }
    for (i = ifs; i; i = i->ifa_next) {
        const struct sockaddr_in *sa = (const void *)i->ifa_addr;
        if (!sa || sa->sin_family != AF_INET ||
            (ntohl(sa->sin_addr.s_addr) >> 24) == 127 ||
            !inet_ntop(AF_INET, &sa->sin_addr, a, sizeof a))
            continue;
        fprintf(stderr, "  %s://%s:%d%s\n", scheme, a, port, path);
    }
    freeifaddrs(ifs);
}

static int read_pem(struct cli *c, const char *path, char **out)
{
    struct tendo_error e = {0};
    uint8_t *data;
    size_t len;
    if (tendo_read_file(path, 1u << 20, &data, &len, &e))
        return cli_error(c, &e);
    *out = (char *)data; /* NUL-terminated by tendo_read_file */
    return 0;
}

/* Beyond loopback: the stored token's hash, or a new token (stored
 * hashed, shown once in `token`). */
static int pairing(struct cli *c, int renew, char hash[65], char token[65])
{
    struct tendo_error e = {0};
    int rc, set = 0;
    token[0] = '\0';
    if ((rc = cli_open(c, CLI_WRITE)))
        return rc;
    if (tendo_setting_get(c->db, "serve_token_sha256", hash, 65, &set, &e))
        return cli_error(c, &e);
    if (set && !renew)
        return 0;
    if (tendo_serve_new_token(token, hash, &e) ||
        tendo_db_begin(c->db, &e) ||
        tendo_setting_set(c->db, "serve_token_sha256", hash, &e) ||
        tendo_db_commit(c->db, &e)) {
        tendo_db_rollback(c->db);
        return cli_error(c, &e);
    }
    return 0;
}

int cmd_serve(struct cli *c, int argc, char **argv)
{
    struct tendo_serve_opts so;
    struct tendo_error e = {0};
    tendo_server *s;
    const char *listen = "127.0.0.1:8470", *colon, *cert = NULL, *key = NULL;
    char host[64], hash[65] = "", token[65] = "", *cert_pem = NULL,
                   *key_pem = NULL;
    long port;
    char *end;
    sigset_t stop;
    int opt, rc, sig, plain = 0, renew = 0, loopback;
    struct in_addr in;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_serve_opts,
                              NULL)) != -1) {
        switch (opt) {
        case 'h':
            return cli_help(c, "serve");
        case '?':
        case ':':
            return cli_bad_option(c, "serve", argv, opt);
        case 'l':
            listen = optarg;
            break;
        case O_CERT:
            cert = optarg;
            break;
        case O_KEY:
            key = optarg;
            break;
        case O_PLAIN:
            plain = 1;
            break;
        case O_NEW_TOKEN:
            renew = 1;
            break;
        default:
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage(c, "serve", "serve takes no arguments");
    colon = strrchr(listen, ':');
    port = colon ? strtol(colon + 1, &end, 10) : -1;
    if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof host ||
        !*(colon + 1) || *end || port < 0 || port > 65535)
        return cli_usage(c, "serve", "--listen needs ADDR:PORT, e.g. "
                                     "127.0.0.1:8470");
    snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
    if (inet_pton(AF_INET, host, &in) != 1)
        return cli_usage(c, "serve", "--listen needs an IPv4 address, e.g. "
                                     "127.0.0.1 or 0.0.0.0");
    loopback = (ntohl(in.s_addr) >> 24) == 127;
    if (!cert != !key)
        return cli_usage(c, "serve", "--tls-cert and --tls-key go together");
    if (!loopback && !cert && !plain)
        return cli_usage(c, "serve",
                         "beyond loopback give --tls-cert and --tls-key "
                         "(or --allow-plain-http: your health data and the "
                         "token would cross the network unencrypted)");
    if (loopback && renew)
        return cli_usage(c, "serve", "--new-token is for addresses beyond "
                                     "loopback (there is no login there)");
    /* the database must be there and readable before anyone connects */
    if ((rc = cli_open(c, CLI_READ)))
        return rc;
    if (!loopback && (rc = pairing(c, renew, hash, token)))
        return rc;
    cli_close(c);
    if (cert && ((rc = read_pem(c, cert, &cert_pem)) ||
                 (rc = read_pem(c, key, &key_pem)))) {
        free(cert_pem);
        return rc;
    }
    /* SIGINT and SIGTERM wait for sigwait, in this thread only */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    memset(&so, 0, sizeof so);
    so.db_path = c->db_path;
    so.host = host;
    so.port = (int)port;
    so.now = now_utc;
    so.clock_ms = clock_ms;
    so.now_ctx = c;
    so.tz_fallback = getenv("TZ");
    so.log = log_line;
    so.token_sha256 = loopback ? NULL : hash;
    so.tls_cert_pem = cert_pem;
    so.tls_key_pem = key_pem;
    so.allow_plain_http = plain;
    rc = tendo_serve_start(&so, &s, &e);
    free(cert_pem);
    free(key_pem);
    if (rc)
        return cli_error(c, &e);
    fprintf(stderr, "tendo: serving %s://%s:%d/ for '%s' (Ctrl-C stops)\n",
            cert ? "https" : "http", host, tendo_serve_port(s), c->db_path);
    if (token[0]) {
        char path[80];
        snprintf(path, sizeof path, "/pair?token=%s", token);
        fprintf(stderr, "tendo: pair a phone by opening (shown only now; "
                        "'tendo serve --new-token' makes a new one):\n");
        print_urls(cert ? "https" : "http", host, tendo_serve_port(s), path);
    } else if (!loopback) {
        fprintf(stderr, "tendo: devices paired before keep working; "
                        "'tendo serve --new-token' pairs anew\n");
    }
    while (sigwait(&stop, &sig) != 0)
        ;
    tendo_serve_stop(s);
    fprintf(stderr, "tendo: stopped (%s)\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    return EXIT_OK;
}
