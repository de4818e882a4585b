#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <stdlib.h>
int main(void) {
  char buf[64];
  strcpy(buf, "Hello");
  strcat(buf, ", World");
  printf("%s %zu\n", buf, strlen(buf));
  printf("%d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strncmp("abcx", "abcy", 3));
  printf("%s\n", strchr(buf, 'W'));
  printf("%s\n", strrchr(buf, 'o'));
  printf("%s\n", strstr(buf, "lo,"));
  char t[10];
  strncpy(t, "abcdef", 3);
  t[3] = '\0';
  printf("%s\n", t);
  int up = 0;
  for (char *p = buf; *p; p++) if (isupper((unsigned char)*p)) up++;
  printf("%d\n", up);
  printf("%c%c\n", toupper('a'), tolower('Z'));
  printf("%d %ld %ld\n", atoi("123"), atol("-99999"), strtol("ff", NULL, 16));
  char msg[32];
  sprintf(msg, "%d-%s", 42, "x");
  puts(msg);
  memset(buf, 'z', 3);
  buf[3] = 0;
  puts(buf);
  char esc[] = "tab\there\\ \"q\" \x41\101";
  puts(esc);
  printf("%d\n", isdigit('5') != 0);
  const char *words[] = {"one", "two", "three"};
  for (int i = 0; i < 3; i++) printf("%s ", words[i]);
  printf("\n");
  return 0;
}
