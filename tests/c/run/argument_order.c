/* The order in which a call's arguments are evaluated is unspecified in C;
   gcc on x86-64 evaluates them from the last to the first, and dvm does the
   same so that a program prints what gcc's build prints. */
#include <stdio.h>
#include <string.h>

static int n = 0;
static int next(void) { return ++n; }
static int say(const char *s) { printf("%s", s); return (int)strlen(s); }
static const char *word(const char *s) { printf("[%s]", s); return s; }
static int f3(int a, int b, int c) { return a * 100 + b * 10 + c; }
struct pair { int a, b; };
static struct pair make(int a) { struct pair p = {a, next()}; return p; }
static int sum(struct pair p, int x) { return p.a * 100 + p.b * 10 + x; }
static int old_style();
static int old_style(a, b) int a, b; { return a - b; }
static int apply(int (*f)(int, int, int), int a, int b, int c) { return f(a, b, c); }

int main(void)
{
    printf("%d %d %d\n", next(), next(), next());
    printf("%d\n", f3(next(), next(), next()));
    f3(say("a"), say("b"), say("c"));
    printf("\n");
    printf("%d\n", sum(make(1), next()));
    printf("%d\n", old_style(next(), next()));
    int (*fp)(int, int, int) = f3;
    printf("%d\n", fp(next(), next(), next()));
    printf("%d\n", apply(f3, next(), next(), next()));
    printf("%d\n", strcmp(word("x"), word("y")) < 0);
    printf("%s %s\n", word("left"), word("right"));
    char buf[64];
    snprintf(buf, sizeof buf, "%d-%d", next(), next());
    printf("%s\n", buf);
    printf("%d\n", next() - next());
    return 0;
}
