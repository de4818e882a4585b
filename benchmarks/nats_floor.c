/* The floor NATS sets for any remote call on this machine: request and reply
   through nats-server between two processes, a two-byte payload, nothing of
   dvm.  Two ways of reading, as distributed_bench.sh prints them beside
   dvm's round trip:
     threads  libnats's plainest API: synchronous subscriptions; libnats's
              reader thread hands each message to the thread waiting in
              natsSubscription_NextMsg;
     owner    libnats's event-loop mode: the waiting thread polls the socket
              and reads it itself (what a dvm node does, vm/nats_client.h).
   Usage: nats_floor NATS_URL ROUNDS [threads|owner]  (default: both) */
#include <nats/nats.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int by_value(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

/* ---- event-loop mode: the socket libnats wants read and whether it has output */
typedef struct {
  natsConnection* nc;
  int fd;
  int writing;
} Loop;

static natsStatus on_attach(void** user, void* loop, natsConnection* nc, natsSock sock) {
  Loop* l = loop;
  l->nc = nc;
  l->fd = (int)sock;
  *user = l;
  return NATS_OK;
}
static natsStatus on_read(void* user, bool add) {
  (void)user;
  (void)add;
  return NATS_OK;
}
static natsStatus on_write(void* user, bool add) {
  ((Loop*)user)->writing = add;
  return NATS_OK;
}
static natsStatus on_detach(void* user) {
  ((Loop*)user)->fd = -1;
  return NATS_OK;
}

static void write_out(Loop* l) {
  if (l && l->writing) natsConnection_ProcessWriteEvent(l->nc);
}

static natsConnection* connect_to(const char* url, Loop* loop) {
  natsOptions* opts;
  natsConnection* nc = NULL;
  if (natsOptions_Create(&opts) != NATS_OK) return NULL;
  natsOptions_SetURL(opts, url);
  natsOptions_SetSendAsap(opts, true);
  if (loop) natsOptions_SetEventLoop(opts, loop, on_attach, on_read, on_write, on_detach);
  if (natsConnection_Connect(&nc, opts) != NATS_OK) nc = NULL;
  natsOptions_Destroy(opts);
  return nc;
}

/* The next message of sub, waiting at most timeout_ms. */
static natsStatus next(Loop* loop, natsSubscription* sub, natsMsg** m, int timeout_ms) {
  if (!loop) return natsSubscription_NextMsg(m, sub, timeout_ms);
  double end = now_us() + timeout_ms * 1000.0;
  for (;;) {
    if (natsSubscription_NextMsg(m, sub, 0) == NATS_OK) return NATS_OK;
    double left = end - now_us();
    if (left <= 0) return NATS_TIMEOUT;
    struct pollfd p = {loop->fd, POLLIN | (loop->writing ? POLLOUT : 0), 0};
    if (poll(&p, 1, (int)(left / 1000) + 1) > 0) {
      if (p.revents & POLLOUT) natsConnection_ProcessWriteEvent(loop->nc);
      if (p.revents & ~POLLOUT) natsConnection_ProcessReadEvent(loop->nc);
    }
  }
}

static void serve(const char* url, int owner, int ready) {
  Loop loop = {NULL, -1, 0};
  Loop* l = owner ? &loop : NULL;
  natsConnection* nc = connect_to(url, l);
  natsSubscription* sub;
  natsMsg* m;
  if (!nc || natsConnection_SubscribeSync(&sub, nc, "dvm.floor") != NATS_OK) _exit(1);
  write_out(l);
  if (!owner) natsConnection_Flush(nc);
  usleep(100000); /* the server has the subscription */
  (void)!write(ready, "r", 1);
  for (;;) {
    if (next(l, sub, &m, 60000) != NATS_OK) _exit(0);
    natsConnection_Publish(nc, natsMsg_GetReply(m), "ok", 2);
    write_out(l);
    natsMsg_Destroy(m);
  }
}

static int measure(const char* url, int n, int owner) {
  int pipefd[2];
  if (pipe(pipefd) != 0) return 1;
  pid_t child = fork();
  if (child == 0) serve(url, owner, pipefd[1]);
  Loop loop = {NULL, -1, 0};
  Loop* l = owner ? &loop : NULL;
  char c;
  natsConnection* nc = connect_to(url, l);
  natsSubscription* sub;
  natsMsg* m;
  double* us = malloc((size_t)n * sizeof *us);
  int status = 1;
  if (!us || !nc || read(pipefd[0], &c, 1) != 1 || natsConnection_SubscribeSync(&sub, nc, "dvm.floor.reply") != NATS_OK)
    goto out;
  write_out(l);
  if (!owner) natsConnection_Flush(nc);
  usleep(100000);
  for (int i = 0; i < n; i++) {
    double t0 = now_us();
    natsConnection_PublishRequest(nc, "dvm.floor", "dvm.floor.reply", "hi", 2);
    write_out(l);
    if (next(l, sub, &m, 5000) != NATS_OK) {
      fprintf(stderr, "no reply\n");
      goto out;
    }
    natsMsg_Destroy(m);
    us[i] = now_us() - t0;
  }
  qsort(us, (size_t)n, sizeof *us, by_value);
  printf("NATS floor, %s (no dvm): median %.1f us, p99 %.1f us (%d rounds)\n",
         owner ? "the waiting thread reads its socket" : "libnats's threads", us[n / 2], us[(size_t)n * 99 / 100], n);
  status = 0;
out:
  kill(child, SIGTERM);
  waitpid(child, NULL, 0);
  if (nc) natsConnection_Destroy(nc);
  free(us);
  return status;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: nats_floor NATS_URL ROUNDS [threads|owner]\n");
    return 2;
  }
  int n = atoi(argv[2]);
  const char* which = argc > 3 ? argv[3] : "";
  if (n < 1) return 2;
  int status = 0;
  if (strcmp(which, "owner") != 0) status |= measure(argv[1], n, 0);
  if (strcmp(which, "threads") != 0) status |= measure(argv[1], n, 1);
  return status;
}
