/* Typedef names where real programs put them: arrays of a typedef'd
   function pointer type with a NULL end marker, a variable or member that
   reuses a typedef's name (`int a, T;`), enumerators named like one. */
#include <stdio.h>
#include <stddef.h>

typedef void (*Handler)(int);
typedef void Callback(int);
typedef int T;
enum { START, STOP, NEVENTS };
struct pair { int a, T; T b; };

static void on_start(int x) { printf("start %d\n", x); }
static void on_stop(int x) { printf("stop %d\n", x); }

static const Handler handlers[NEVENTS + 1] = { on_start, on_stop, NULL };
static Callback *const callbacks[] = { on_stop, on_start };

static int scale(int a, T b) { return a * b; }

int main(void) {
  static const Handler by_event[NEVENTS + 1] = { [START] = on_start, [STOP] = on_stop, [NEVENTS] = NULL };
  for (int i = 0; handlers[i] != NULL; i++) handlers[i](i);
  for (int i = 0; by_event[i]; i++) by_event[i](i + 10);
  callbacks[0](20);
  struct pair p = {1, 2, 3};
  T t = p.a + p.T + p.b;
  {
    int a, T;
    a = 4;
    T = 5;
    t += a * T;
  }
  T u = scale(t, 2);
  printf("%d %d\n", t, u);
  {
    enum { X, T = 7 };
    printf("%d\n", T + X);
  }
  T v = 1;
  printf("%d\n", v);
  return 0;
}
