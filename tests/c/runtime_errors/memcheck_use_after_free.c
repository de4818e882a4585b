/* runtime-error: 15: use of freed memory (read of 4 bytes at offset 0 of a 16-byte block allocated by malloc at */
/* trace: main, memcheck_use_after_free.c:10:50, memcheck_use_after_free.c:13:3 */
/* dvm-options: --check-memory */
/* A list node read after it was freed (gcc -fsanitize=address: heap-use-after-free). */
#include <stdio.h>
#include <stdlib.h>
struct node { int value; struct node *next; };
int main(void) {
  struct node *head = NULL;
  for (int i = 0; i < 3; i++) { struct node *n = malloc(sizeof *n);
    n->value = i; n->next = head; head = n; }
  struct node *second = head->next;
  free(second);
  printf("%d\n", head->value);
  printf("%d\n", head->next->value);
  return 0;
}
