/* args: alpha 42 -7 two-words last */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char *argv[]) {
  printf("argc %d\n", argc);
  printf("argv[0] ends with args_list: %d\n", strstr(argv[0], "args_list") != NULL || strstr(argv[0], "prog") != NULL);
  long sum = 0;
  for (int i = 1; i < argc; i++) {
    printf("%d [%s] %zu\n", i, argv[i], strlen(argv[i]));
    sum += atoi(argv[i]);
  }
  printf("sum %ld\n", sum);
  printf("%d\n", argv[argc] == NULL);
  return 0;
}
