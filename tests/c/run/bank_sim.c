#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define MAX_ACCOUNTS 8
typedef enum { DEPOSIT, WITHDRAW, TRANSFER } OpKind;
typedef struct { int id; char owner[16]; long balance_cents; int ops; } Account;
typedef struct { OpKind kind; int from, to; long amount; } Op;
static Account accounts[MAX_ACCOUNTS];
static int naccounts;
static int open_account(const char *owner, long initial) {
  Account *a = &accounts[naccounts];
  a->id = 1000 + naccounts;
  strncpy(a->owner, owner, sizeof a->owner - 1);
  a->balance_cents = initial;
  a->ops = 0;
  return naccounts++;
}
static const char *apply(Op op) {
  Account *f = &accounts[op.from];
  switch (op.kind) {
    case DEPOSIT: f->balance_cents += op.amount; f->ops++; return "ok";
    case WITHDRAW:
      if (f->balance_cents < op.amount) return "insufficient funds";
      f->balance_cents -= op.amount; f->ops++; return "ok";
    case TRANSFER: {
      Account *t = &accounts[op.to];
      if (op.from == op.to) return "same account";
      if (f->balance_cents < op.amount) return "insufficient funds";
      f->balance_cents -= op.amount; t->balance_cents += op.amount;
      f->ops++; t->ops++;
      return "ok";
    }
  }
  return "bad op";
}
static void report(void) {
  long total = 0;
  for (int i = 0; i < naccounts; i++) {
    const Account *a = &accounts[i];
    printf("  #%d %-8s %8ld.%02ld  (%d ops)\n", a->id, a->owner, a->balance_cents / 100, a->balance_cents % 100, a->ops);
    total += a->balance_cents;
  }
  printf("  total %ld.%02ld\n", total / 100, total % 100);
}
int main(void) {
  open_account("alice", 150000);
  open_account("bob", 2500);
  open_account("carol", 0);
  open_account("dave", 99999);
  srand(2024);
  static const char *names[] = {"deposit", "withdraw", "transfer"};
  int failures = 0;
  for (int day = 1; day <= 3; day++) {
    printf("day %d\n", day);
    for (int i = 0; i < 6; i++) {
      Op op = {(OpKind)(rand() % 3), rand() % naccounts, rand() % naccounts, (rand() % 50000) + 1};
      const char *r = apply(op);
      if (strcmp(r, "ok")) failures++;
      printf("  %-8s %d->%d %6ld: %s\n", names[op.kind], op.from, op.to, op.amount, r);
    }
    report();
  }
  printf("failures %d\n", failures);
  return 0;
}
