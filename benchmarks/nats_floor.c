/* The floor NATS sets for any remote call on this machine: request and reply
   through nats-server between two processes using libnats's plainest API
   (synchronous subscriptions, no callbacks, no threads of their own, a
   two-byte payload), nothing of dvm.  distributed_bench.sh prints it beside
   dvm's round trip.
     nats_floor NATS_URL ROUNDS  */
#include <nats/nats.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
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

static natsConnection* connect_to(const char* url) {
  natsOptions* opts;
  natsConnection* nc = NULL;
  if (natsOptions_Create(&opts) != NATS_OK) return NULL;
  natsOptions_SetURL(opts, url);
  natsOptions_SetSendAsap(opts, true);
  if (natsConnection_Connect(&nc, opts) != NATS_OK) nc = NULL;
  natsOptions_Destroy(opts);
  return nc;
}

static void serve(const char* url, int ready) {
  natsConnection* nc = connect_to(url);
  natsSubscription* sub;
  natsMsg* m;
  if (!nc || natsConnection_SubscribeSync(&sub, nc, "dvm.floor") != NATS_OK) _exit(1);
  natsConnection_Flush(nc);
  (void)!write(ready, "r", 1);
  for (;;) {
    if (natsSubscription_NextMsg(&m, sub, 60000) != NATS_OK) _exit(0);
    natsConnection_Publish(nc, natsMsg_GetReply(m), "ok", 2);
    natsMsg_Destroy(m);
  }
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: nats_floor NATS_URL ROUNDS\n");
    return 2;
  }
  int n = atoi(argv[2]), pipefd[2];
  if (n < 1 || pipe(pipefd) != 0) return 2;
  pid_t child = fork();
  if (child == 0) serve(argv[1], pipefd[1]);
  char c;
  natsConnection* nc = connect_to(argv[1]);
  natsSubscription* sub;
  natsMsg* m;
  double* us = malloc((size_t)n * sizeof *us);
  int status = 1;
  if (!us || !nc || read(pipefd[0], &c, 1) != 1 || natsConnection_SubscribeSync(&sub, nc, "dvm.floor.reply") != NATS_OK)
    goto out;
  natsConnection_Flush(nc);
  for (int i = 0; i < n; i++) {
    double t0 = now_us();
    natsConnection_PublishRequest(nc, "dvm.floor", "dvm.floor.reply", "hi", 2);
    if (natsSubscription_NextMsg(&m, sub, 5000) != NATS_OK) {
      fprintf(stderr, "no reply\n");
      goto out;
    }
    natsMsg_Destroy(m);
    us[i] = now_us() - t0;
  }
  qsort(us, (size_t)n, sizeof *us, by_value);
  printf("NATS floor (libnats sync request/reply, no dvm): median %.1f us, p99 %.1f us (%d rounds)\n", us[n / 2],
         us[(size_t)n * 99 / 100], n);
  status = 0;
out:
  kill(child, SIGTERM);
  waitpid(child, NULL, 0);
  return status;
}
