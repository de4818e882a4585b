/* Reading standard input character by character with pushback, fscanf on
   stdin, feof; and <time.h>: seeding rand from the clock, broken-down UTC
   times and strftime (time zone independent parts only). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <ctype.h>

int main(void) {
  srand((unsigned)time(NULL));
  int r = rand();
  printf("rand in range: %d\n", r >= 0 && r <= RAND_MAX);
  clock_t c0 = clock();
  printf("clock: %d\n", c0 >= 0);
  time_t t = 86400L * 365 * 30 + 12345;
  struct tm *g = gmtime(&t);
  printf("%d-%02d-%02d %02d:%02d:%02d wday %d yday %d\n", g->tm_year + 1900, g->tm_mon + 1, g->tm_mday, g->tm_hour,
         g->tm_min, g->tm_sec, g->tm_wday, g->tm_yday);
  char buf[64];
  size_t n = strftime(buf, sizeof buf, "%Y/%m/%d %H:%M:%S %j %a %b", g);
  printf("%zu [%s]\n", n, buf);
  printf("%zu\n", strftime(buf, 5, "%Y-%m-%d", g));
  printf("%s", asctime(g));
  printf("%.1f\n", difftime(t + 90, t));
  /* input: a number, a word read by characters with pushback, the rest */
  int value;
  if (fscanf(stdin, "%d", &value) == 1) printf("number %d\n", value);
  int ch;
  while ((ch = getc(stdin)) == ' ') {
  }
  char word[32];
  int len = 0;
  while (ch != EOF && isalpha(ch) && len < 31) {
    word[len++] = (char)ch;
    ch = fgetc(stdin);
  }
  word[len] = '\0';
  ungetc(ch, stdin);
  printf("word %s, next %c\n", word, getchar());
  ungetc('Z', stdin);
  printf("pushed back %c\n", getchar());
  int lines = 0;
  while ((ch = getchar()) != EOF)
    if (ch == '\n') lines++;
  printf("lines %d eof %d\n", lines, feof(stdin) != 0);
  printf("%d\n", ungetc(EOF, stdin));
  return 0;
}
