/* "s" sleeps 2 s with sleep, "u" 1.5 s with usleep; report runs after. */
#include <stdio.h>
#include <unistd.h>
void report(const char *what) { printf("sleeper2 woke from %s\n", what); fflush(stdout); }
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    if (line[0] == 's') {
      printf("sleeping\n"); fflush(stdout);
      sleep(2);
      report("sleep");
    } else if (line[0] == 'u') {
      printf("usleeping\n"); fflush(stdout);
      usleep(1500000);
      report("usleep");
    }
  }
  return 0;
}
